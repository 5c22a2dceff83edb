package dev.eddy.faults.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes numbered aggregate-shaped records to an endpoint stream, one request each, on its own
 * thread, as the job's push sink would: a record that is not accepted (endpoint down, restarting)
 * is sent again until it is. Each accepted record is kept with the id the endpoint gave it and the
 * generation (endpoint process) that was current when it was accepted.
 */
public final class Publisher implements AutoCloseable {

    private static final Pattern LAST_ID = Pattern.compile("\"last_id\":(\\d+)");

    /** One record the endpoint accepted. */
    public record Accepted(int number, long id, int generation, String json) {}

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI streamUri;
    private final String token;
    private final int count;
    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile int generation = 1;
    private volatile boolean closed;
    private volatile Exception failure;

    private Publisher(URI streamUri, String token, int count) {
        this.streamUri = streamUri;
        this.token = token;
        this.count = count;
        this.thread = new Thread(this::publishAll, "fault-suite-publisher");
        thread.setDaemon(true);
    }

    /** Starts publishing {@code count} records to {@code endpoint}'s {@code stream}. */
    public static Publisher start(URI endpoint, String stream, String token, int count) {
        Publisher publisher = new Publisher(endpoint.resolve("/streams/" + stream), token, count);
        publisher.thread.start();
        return publisher;
    }

    /** Records accepted from now on count as accepted by this endpoint process generation. */
    public void generation(int generation) {
        this.generation = generation;
    }

    public List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    /** Waits for the last record to be accepted. */
    public void awaitDone(Duration timeout) throws Exception {
        thread.join(timeout.toMillis());
        if (failure != null) {
            throw failure;
        }
        if (thread.isAlive()) {
            throw new IllegalStateException(
                    "publisher not done after " + timeout + ": " + accepted.size() + " accepted");
        }
    }

    /** The record numbered {@code n}: a window update with revision {@code n}. */
    public static String record(int n) {
        return "{\"stream\":\"activity\",\"key\":\"all\",\"window_start\":\"2018-03-07T16:16:00Z\","
                + "\"window_end\":\"2018-03-07T16:16:10Z\",\"final\":false,\"revision\":"
                + n
                + ",\"events\":"
                + n
                + "}";
    }

    private void publishAll() {
        try {
            for (int n = 1; n <= count && !closed; n++) {
                String json = record(n);
                while (!closed) {
                    int current = generation;
                    Long id = tryPublish(json);
                    if (id != null) {
                        accepted.add(new Accepted(n, id, current, json));
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    /** The id the endpoint gave the record, or null if it did not accept it. */
    private Long tryPublish(String json) throws InterruptedException {
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(streamUri)
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher lastId = LAST_ID.matcher(response.body());
            if (response.statusCode() == 202 && lastId.find()) {
                return Long.parseLong(lastId.group(1));
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
