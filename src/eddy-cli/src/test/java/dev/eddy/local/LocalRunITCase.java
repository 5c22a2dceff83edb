package dev.eddy.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.client.SseStreamClient;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.source.metrics.SseSourceMetrics;
import dev.eddy.wikimedia.PushSinks;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code eddy local --replay} as a user runs it: the job runs on the MiniCluster, the Flink REST
 * API (behind the Web UI) shows it and the source's metrics, and the aggregates reach Kafka and the
 * SSE endpoint.
 */
class LocalRunITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = SampleLocalRun.HTTP;

    @RegisterExtension
    static final SampleLocalRun EDDY_LOCAL = SampleLocalRun.servingFrom(ServeFrom.PUSH);

    private static LocalRun run;

    @BeforeAll
    static void useTheRun() {
        run = EDDY_LOCAL.run();
    }

    @Test
    void flinkRestApiListsTheJobRunningWithTheSourceMetrics() {
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> {
                            JsonNode jobs =
                                    SampleLocalRun.get(run.flinkUi().resolve("/jobs/overview"));
                            assertThat(jobs.path("jobs"))
                                    .anySatisfy(
                                            job -> {
                                                assertThat(job.path("jid").asText())
                                                        .isEqualTo(run.jobId());
                                                assertThat(job.path("state").asText())
                                                        .isEqualTo("RUNNING");
                                            });
                        });
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> {
                            JsonNode job =
                                    SampleLocalRun.get(
                                            run.flinkUi().resolve("/jobs/" + run.jobId()));
                            String sourceVertex = null;
                            for (JsonNode vertex : job.path("vertices")) {
                                if (vertex.path("name").asText().contains("Source")) {
                                    sourceVertex = vertex.path("id").asText();
                                }
                            }
                            assertThat(sourceVertex).isNotNull();
                            List<String> metricIds = new ArrayList<>();
                            SampleLocalRun.get(
                                            run.flinkUi()
                                                    .resolve(
                                                            "/jobs/"
                                                                    + run.jobId()
                                                                    + "/vertices/"
                                                                    + sourceVertex
                                                                    + "/subtasks/metrics"))
                                    .forEach(metric -> metricIds.add(metric.path("id").asText()));
                            assertThat(metricIds)
                                    .anyMatch(
                                            id ->
                                                    id.endsWith(
                                                            streamZeroMetric(
                                                                    SseSourceMetrics.EVENTS)));
                            assertThat(metricIds)
                                    .anyMatch(
                                            id ->
                                                    id.endsWith(
                                                            streamZeroMetric(
                                                                    SseSourceMetrics.CONNECTED)));
                            assertThat(metricIds)
                                    .anyMatch(
                                            id ->
                                                    id.endsWith(
                                                            streamZeroMetric(
                                                                    SseSourceMetrics
                                                                            .LAST_EVENT_AGE_MS)));
                        });
    }

    @Test
    void theJobPushesItsAggregatesToTheEndpoint() {
        await().atMost(PATIENCE)
                .untilAsserted(
                        () ->
                                assertThat(EDDY_LOCAL.vertexNames())
                                        .anyMatch(name -> name.contains(PushSinks.NAME)));
    }

    @Test
    void aCrossOriginJarUploadIsRefused() throws Exception {
        String boundary = "eddy-test-boundary";
        String body =
                "--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\"x.jar\""
                        + "\r\nContent-Type: application/x-java-archive\r\n\r\nPK\r\n--"
                        + boundary
                        + "--\r\n";
        HttpResponse<String> upload =
                HTTP.send(
                        HttpRequest.newBuilder(run.flinkUi().resolve("/jars/upload"))
                                .header("Origin", "http://evil.example")
                                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).isNotEqualTo(200);
        assertThat(upload.headers().allValues("Access-Control-Allow-Origin"))
                .doesNotContain("*", "http://evil.example");
    }

    @Test
    void theRestApiDoesNotAllowOtherOrigins() throws Exception {
        HttpResponse<String> overview =
                HTTP.send(
                        HttpRequest.newBuilder(run.flinkUi().resolve("/overview"))
                                .header("Origin", "http://evil.example")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.headers().allValues("Access-Control-Allow-Origin"))
                .containsExactly(run.flinkUi().toString());
    }

    @Test
    void statusProbeSeesEventsFlowing() {
        FlinkRestProbe probe = new FlinkRestProbe(run.flinkUi());
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> {
                            FlinkRestProbe.JobSnapshot snapshot = probe.snapshot(run.jobId());
                            assertThat(snapshot.state()).isEqualTo("RUNNING");
                            assertThat(snapshot.eventsIn()).isGreaterThan(100);
                        });
    }

    @Test
    void sseEndpointStreamsLiveAggregateUpdates() throws Exception {
        List<JsonNode> updates = new ArrayList<>();
        try (SseStreamClient client =
                new SseStreamClient(
                        run.endpoint() + "/streams/activity",
                        SseClientConfig.builder().build(),
                        null,
                        null,
                        SseConnectionObserver.NONE)) {
            await().atMost(PATIENCE)
                    .until(
                            () -> {
                                client.poll(
                                        new dev.eddy.sse.protocol.SseEventListener() {
                                            @Override
                                            public void onEvent(SseEvent event) {
                                                assertThat(event.type()).isEqualTo("activity");
                                                try {
                                                    updates.add(JSON.readTree(event.data()));
                                                } catch (IOException e) {
                                                    throw new AssertionError(e);
                                                }
                                            }
                                        });
                                return updates.size() >= 3;
                            });
        }
        assertThat(updates)
                .allSatisfy(
                        update -> {
                            assertThat(update.path("stream").asText()).isEqualTo("activity");
                            assertThat(update.path("key").asText()).isEqualTo("all");
                            assertThat(update.path("events").asLong()).isPositive();
                        });
    }

    @Test
    void committedAggregatesReachKafka() {
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        run.kafkaBootstrap(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "local-run-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("eddy.edits-per-wiki"));
            await().atMost(PATIENCE)
                    .until(
                            () -> {
                                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                                return !records.isEmpty();
                            });
        }
        ConsumerRecord<String, String> first = records.get(0);
        assertThat(first.key()).startsWith("wikidatawiki@2018-03-07T16:");
    }

    /** How the REST API names a metric of the first stream split. */
    private static String streamZeroMetric(String name) {
        return "." + SseSourceMetrics.STREAM_GROUP + ".stream-0." + name;
    }
}
