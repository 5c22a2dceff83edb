package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.source.SseStartPosition;
import dev.eddy.wikimedia.model.RecentChangeDeserializer;
import dev.eddy.wikimedia.testing.AggregateRecords;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The job with its production source: the real recording served by the replay server over loopback
 * HTTP, read by the SSE source with the job's deserializer and meta.id de-duplication.
 */
class RecentChangeSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /**
     * The recording's last event is at 16:21:30; 10 s out-of-orderness lets windows ending by
     * 16:21:20 close.
     */
    private static final Instant WATERMARK_AT_END = Instant.parse("2018-03-07T16:21:20Z");

    @Test
    void dropsAndResumesAtParallelismTwoStillGiveTheIndependentlyComputedFinalRecords()
            throws Exception {
        List<String> recording = WikimediaAggregatesJobITCase.recording();
        Map<String, ObjectNode> expected =
                closedBy(
                        IndependentAggregates.withDefaultWindows().compute(recording),
                        WATERMARK_AT_END);
        // Idleness far below the reconnect gaps: the idle reader without a stream must not let
        // the watermark run ahead while the reader of the stream reconnects.
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder().idleness(Duration.ofSeconds(1)).build();

        try (ReplayServer replay =
                        ReplayServer.builder()
                                .recording(
                                        Recording.fromPath(WikimediaAggregatesJobITCase.RECORDING))
                                .dropEvery(700)
                                .holdOpenAtEnd(true)
                                .start();
                CollectingSinks sinks = new CollectingSinks()) {
            Configuration configuration = new Configuration();
            configuration.set(PipelineOptions.GENERIC_TYPES, false);
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(configuration);
            env.setParallelism(2);
            new WikimediaAggregatesJob(
                            RecentChangeSource.create(
                                    List.of(replay.url("/v2/stream/recentchange")),
                                    Map.of("User-Agent", "Eddy tests"),
                                    SseStartPosition.latest(),
                                    10_000,
                                    RecentChangeDeserializer.DEFAULT_MAX_EVENT_TIME_AHEAD),
                            sinks,
                            settings)
                    .addTo(env);
            JobClient job = env.executeAsync(WikimediaAggregatesJob.JOB_NAME);

            await().atMost(3, TimeUnit.MINUTES)
                    .until(
                            () ->
                                    AggregateRecords.latestFinal(sinks.aggregates())
                                            .keySet()
                                            .containsAll(expected.keySet()));
            job.cancel().get(1, TimeUnit.MINUTES);

            assertThat(replay.connectionsAccepted())
                    .as("connections, with drops every 700 events")
                    .isGreaterThanOrEqualTo(6);
            assertThat(AggregateRecords.latestFinal(sinks.aggregates()).values())
                    .as("no window is final before the watermark can have passed its end")
                    .allSatisfy(
                            record ->
                                    assertThat(Instant.parse(record.get("window_end").asText()))
                                            .isBeforeOrEqualTo(WATERMARK_AT_END));
            assertThat(closedBy(AggregateRecords.latestFinal(sinks.aggregates()), WATERMARK_AT_END))
                    .isEqualTo(expected);
            assertThat(sinks.deadLetters()).isEmpty();
        }
    }

    private static Map<String, ObjectNode> closedBy(
            Map<String, ObjectNode> records, Instant watermark) {
        Map<String, ObjectNode> closed = new TreeMap<>();
        records.forEach(
                (id, record) -> {
                    if (!Instant.parse(record.get("window_end").asText()).isAfter(watermark)) {
                        closed.put(id, record);
                    }
                });
        return closed;
    }
}
