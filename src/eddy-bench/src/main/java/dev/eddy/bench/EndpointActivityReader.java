package dev.eddy.bench;

import dev.eddy.wikimedia.record.AggregateStreams;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Subscribes to the SSE endpoint's {@code /streams/activity} as a dashboard would, on its own
 * thread, into {@link ActivityUpdates}.
 */
final class EndpointActivityReader implements AutoCloseable {

    private final ActivityUpdates updates = new ActivityUpdates();
    private final InputStream body;
    private final Thread thread;

    EndpointActivityReader(URI endpoint) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI stream = URI.create(endpoint + "/streams/" + AggregateStreams.ACTIVITY);
        HttpResponse<InputStream> response =
                http.send(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofInputStream());
        body = response.body();
        if (response.statusCode() != 200) {
            body.close();
            throw new IOException(
                    "Subscribing to " + stream + " answered HTTP " + response.statusCode());
        }
        thread = new Thread(this::readUntilClosed, "bench-endpoint-subscriber");
        thread.setDaemon(true);
        thread.start();
    }

    ActivityUpdates updates() {
        return updates;
    }

    private void readUntilClosed() {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    updates.add(line.substring(5).strip(), System.nanoTime());
                }
            }
        } catch (IOException e) {
            // close() ends the stream.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        body.close();
        thread.join(10_000);
    }
}
