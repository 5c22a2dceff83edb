package dev.eddy.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A null consumer: reads a Server-Sent-Events stream as fast as it comes and throws it away. */
final class StreamDrain {

    /** How many events and bytes were read, in how long. */
    record Result(long events, long bytes, long nanos) {

        double eventsPerSecond() {
            return events * 1e9 / nanos;
        }

        double megabytesPerSecond() {
            return bytes * 1e3 / nanos;
        }
    }

    private StreamDrain() {}

    /** Reads until {@code events} events (blank-line terminated) have arrived, then disconnects. */
    static Result drain(String url, long events) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create(url))
                        .header("Accept", "text/event-stream")
                        .build();
        long start = System.nanoTime();
        HttpResponse<InputStream> response =
                http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("Stream " + url + " answered HTTP " + response.statusCode());
            }
            byte[] buffer = new byte[64 * 1024];
            long seen = 0;
            long bytes = 0;
            boolean afterNewline = false;
            while (seen < events) {
                int read = in.read(buffer);
                if (read < 0) {
                    throw new IOException(
                            "Stream " + url + " ended after " + seen + " of " + events + " events");
                }
                bytes += read;
                for (int i = 0; i < read; i++) {
                    boolean newline = buffer[i] == '\n';
                    if (newline && afterNewline) {
                        seen++;
                    }
                    afterNewline = newline;
                }
            }
            return new Result(seen, bytes, System.nanoTime() - start);
        }
    }
}
