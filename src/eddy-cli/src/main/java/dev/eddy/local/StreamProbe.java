package dev.eddy.local;

import dev.eddy.sse.client.StreamUrls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Checks before start-up that a stream answers as an SSE stream: status 200 and {@code
 * text/event-stream}, asked with the job's own headers (User-Agent included). It reads no body: a
 * live stream never ends and may stay silent for minutes, so only the status line and headers
 * count. Errors name the URL with its credentials masked.
 */
final class StreamProbe {

    static final String OFFLINE_HINT =
            "No internet? Try: ./eddy local --replay samples/recentchange-wikidata-2018-03-07a.jsonl";

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

    private StreamProbe() {}

    /**
     * @throws IllegalStateException with one line saying what is wrong and what to try
     */
    static void requireStream(String url, Map<String, String> headers) {
        String shown = StreamUrls.redact(url);
        HttpClient http =
                HttpClient.newBuilder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        HttpResponse<InputStream> response;
        try {
            HttpRequest.Builder request =
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(RESPONSE_TIMEOUT)
                            .header("Accept", "text/event-stream");
            headers.forEach(request::header);
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reaching " + shown);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Cannot reach "
                            + shown
                            + " ("
                            + e.getClass().getSimpleName()
                            + (e.getMessage() == null
                                    ? ""
                                    : ": " + e.getMessage().replace(url, shown))
                            + "). "
                            + OFFLINE_HINT);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "Stream "
                                + shown
                                + " answered HTTP "
                                + response.statusCode()
                                + ": check the URL and --header, or try --replay"
                                + " samples/recentchange-wikidata-2018-03-07a.jsonl");
            }
            String type = response.headers().firstValue("Content-Type").orElse("none");
            if (!type.toLowerCase(Locale.ROOT).startsWith("text/event-stream")) {
                throw new IllegalStateException(
                        "Stream "
                                + shown
                                + " is not an SSE stream (Content-Type "
                                + type
                                + ", expected text/event-stream): check the URL");
            }
        } catch (IOException e) {
            // closing an unread body only aborts the exchange; the answer was already judged
        }
    }
}
