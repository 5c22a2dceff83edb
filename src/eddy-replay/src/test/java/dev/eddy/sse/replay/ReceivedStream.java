package dev.eddy.sse.replay;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A plain SSE reader for the replay server's tests: an okhttp request whose body is split into
 * events by the basic field rules (id, event, data, comments). Deliberately independent of the
 * project's own parser, so these tests check the server against a separate reading.
 */
final class ReceivedStream implements AutoCloseable {

    /** One event as received. */
    record Event(String id, String type, String data) {}

    private final Response response;
    private final BufferedSource body;
    private final List<String> comments = new ArrayList<>();
    private final List<String> retries = new ArrayList<>();

    private ReceivedStream(Response response) {
        this.response = response;
        this.body = response.body().source();
    }

    static ReceivedStream open(String url, Map<String, String> headers) throws IOException {
        return open(url, headers, Duration.ofSeconds(30));
    }

    static ReceivedStream open(String url, Map<String, String> headers, Duration readTimeout)
            throws IOException {
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(readTimeout).build();
        Request.Builder request = new Request.Builder().url(url);
        headers.forEach(request::header);
        return new ReceivedStream(client.newCall(request.build()).execute());
    }

    Response response() {
        return response;
    }

    /** The next event, or null at the end of the stream. */
    Event next() throws IOException {
        String id = null;
        String type = "message";
        StringBuilder data = null;
        for (String line = body.readUtf8Line(); line != null; line = body.readUtf8Line()) {
            if (line.isEmpty()) {
                if (data != null) {
                    return new Event(id, type, data.toString());
                }
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
            switch (field) {
                case "" -> comments.add(value);
                case "id" -> id = value;
                case "event" -> type = value;
                case "retry" -> retries.add(value);
                case "data" ->
                        data =
                                data == null
                                        ? new StringBuilder(value)
                                        : data.append('\n').append(value);
                default ->
                        throw new IllegalStateException(
                                "Unexpected line from the replay server: " + line);
            }
        }
        return null;
    }

    /** The next {@code count} events; fails if the stream ends first. */
    List<Event> next(int count) throws IOException {
        List<Event> events = new ArrayList<>();
        while (events.size() < count) {
            Event event = next();
            if (event == null) {
                throw new IllegalStateException(
                        "The stream ended after " + events.size() + " of " + count + " events");
            }
            events.add(event);
        }
        return events;
    }

    /** Every event up to the end of the stream. */
    List<Event> readToEnd() throws IOException {
        List<Event> events = new ArrayList<>();
        for (Event event = next(); event != null; event = next()) {
            events.add(event);
        }
        return events;
    }

    List<String> comments() {
        return comments;
    }

    List<String> retries() {
        return retries;
    }

    @Override
    public void close() {
        response.close();
    }
}
