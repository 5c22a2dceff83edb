package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.replay.synthetic.SyntheticRecentChanges;
import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.AggregateStreams;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.Feed;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job publishing to a real Eddy SSE endpoint on loopback, read back by a subscriber. */
class PushSinksITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final String TOKEN = "publish-token-for-tests";

    @Test
    void everyActivityUpdateReachesTheEndpointsStream() throws Exception {
        try (SseEndpointServer endpoint =
                        SseEndpointServer.builder()
                                .host("127.0.0.1")
                                .port(0)
                                .publishToken(TOKEN)
                                .streams(AggregateStreams.ALL.toArray(String[]::new))
                                .historySize(10_000)
                                .build()
                                .start();
                Feed feed = Feed.open();
                CollectingSinks collected = new CollectingSinks()) {
            feed.sendAll(
                            SyntheticRecentChanges.generate(
                                    9, 300, Instant.parse("2025-08-29T06:00:00Z"), 100))
                    .end();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(1);
            String base = "http://127.0.0.1:" + endpoint.port();
            new WikimediaAggregatesJob(
                            feed.source(),
                            AggregateSinks.all(collected, new PushSinks(base, TOKEN)),
                            AggregateSettings.defaults())
                    .addTo(env);
            env.execute(WikimediaAggregatesJob.JOB_NAME);
            List<String> expected =
                    collected.aggregates().stream()
                            .filter(record -> record.getStream().equals("activity"))
                            .map(AggregateRecord::getJson)
                            .collect(Collectors.toList());

            Queue<String> received = new ConcurrentLinkedQueue<>();
            HttpRequest subscribe =
                    HttpRequest.newBuilder(URI.create(base + "/streams/activity"))
                            .header("Last-Event-ID", "0")
                            .build();
            CompletableFuture<HttpResponse<InputStream>> response =
                    HttpClient.newHttpClient()
                            .sendAsync(subscribe, HttpResponse.BodyHandlers.ofInputStream());
            CompletableFuture<Void> reading =
                    response.thenAcceptAsync(answer -> readData(answer.body(), received));
            try {
                await().atMost(Duration.ofMinutes(1))
                        .until(() -> received.size() >= expected.size());
            } finally {
                reading.cancel(true);
                response.thenAccept(answer -> close(answer.body()));
            }

            assertThat(expected).isNotEmpty();
            assertThat(received).containsExactlyElementsOf(expected);
        }
    }

    private static void readData(InputStream body, Queue<String> received) {
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("data: ")) {
                    received.add(line.substring("data: ".length()));
                }
            }
        } catch (IOException e) {
            // the test closes the stream when it has read enough
        }
    }

    private static void close(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
