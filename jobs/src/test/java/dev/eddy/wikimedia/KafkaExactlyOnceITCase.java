package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.source.SseStartPosition;
import dev.eddy.wikimedia.kafka.KafkaAggregateSinks;
import dev.eddy.wikimedia.kafka.TopicCreator;
import dev.eddy.wikimedia.kafka.Topics;
import dev.eddy.wikimedia.model.RecentChangeDeserializer;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job end to end as deployed: the real recording served over loopback HTTP, the SSE source, the
 * windows, and exactly-once Kafka sinks writing to a real KRaft broker. What a {@code
 * read_committed} consumer sees must equal an independent computation over the recording, also when
 * the job fails mid-stream and restarts from its last checkpoint.
 *
 * <p>The recording is followed by one synthetic event fifteen minutes later (another wiki), so the
 * watermark passes the end of every window of the real events and all of them close. Early updates
 * ({@code final:false}) depend on processing time, so only final records are compared; each
 * window's final record must be committed exactly once.
 */
class KafkaExactlyOnceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final Path RECORDING =
            Path.of("../samples/recentchange-wikidata-2018-03-07a.jsonl");
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path kafkaDir;

    private EmbeddedKafka kafka;

    @BeforeEach
    void startKafka() throws IOException {
        kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", 0);
    }

    @AfterEach
    void stopKafka() {
        kafka.close();
    }

    @Test
    void committedFinalRecordsEqualAnIndependentComputation() throws Exception {
        List<String> events = Files.readAllLines(RECORDING);
        Map<String, ObjectNode> expected =
                IndependentAggregates.withDefaultWindows().compute(events);

        List<ObjectNode> finals = runJob(events, expected.size(), sinks -> sinks);

        assertThat(byWindow(finals)).isEqualTo(expected);
        assertThat(finals).as("each window's final record committed once").hasSize(expected.size());
    }

    @Test
    void aFailureMidStreamRestartsFromTheCheckpointWithTheSameCommittedOutput() throws Exception {
        List<String> events = Files.readAllLines(RECORDING);
        Map<String, ObjectNode> expected =
                IndependentAggregates.withDefaultWindows().compute(events);
        FailOnce.reset();

        List<ObjectNode> finals =
                runJob(events, expected.size(), sinks -> new FailingBeforeKafka(sinks));

        assertThat(FailOnce.FAILED.get()).as("the injected failure happened").isTrue();
        assertThat(byWindow(finals)).isEqualTo(expected);
        assertThat(finals).as("each window's final record committed once").hasSize(expected.size());
    }

    /**
     * Runs the job until {@code expectedFinals} final records are committed; returns all committed
     * finals.
     */
    private List<ObjectNode> runJob(
            List<String> events, int expectedFinals, UnaryOperator<AggregateSinks> decorate)
            throws Exception {
        TopicCreator.of(kafka.bootstrapServers(), 1, Duration.ofDays(7)).createMissing();
        Configuration config = new Configuration();
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 3);
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(1);
        env.enableCheckpointing(300);

        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .updateInterval(Duration.ofMillis(200))
                        .build();
        try (ReplayServer replay =
                ReplayServer.builder()
                        .recording(
                                Recording.fromJsonLines(String.join("\n", withFlushEvent(events))))
                        .rate(2000)
                        .holdOpenAtEnd(true)
                        .start()) {
            AggregateSinks kafkaSinks =
                    KafkaAggregateSinks.builder()
                            .setBootstrapServers(kafka.bootstrapServers())
                            .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                            .setTransactionalIdPrefix("exactly-once-test-" + System.nanoTime())
                            .build();
            new WikimediaAggregatesJob(
                            RecentChangeSource.create(
                                    List.of(replay.url("/v2/stream/recentchange")),
                                    Map.of("User-Agent", "Eddy tests"),
                                    SseStartPosition.latest(),
                                    10_000,
                                    RecentChangeDeserializer.DEFAULT_MAX_EVENT_TIME_AHEAD),
                            decorate.apply(kafkaSinks),
                            settings)
                    .addTo(env);
            JobClient job = env.executeAsync(WikimediaAggregatesJob.JOB_NAME);
            try {
                return committedFinals(expectedFinals);
            } finally {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        }
    }

    /**
     * Reads the aggregate topics with read_committed until the expected number of finals is there,
     * then a little longer.
     */
    private List<ObjectNode> committedFinals(int expectedFinals) throws IOException {
        List<ObjectNode> finals = new ArrayList<>();
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "exactly-once-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(Topics.aggregates());
            await().atMost(PATIENCE)
                    .until(
                            () -> {
                                pollFinals(consumer, finals, Duration.ofMillis(500));
                                return finals.size() >= expectedFinals;
                            });
            // Duplicates would arrive with later transactions: read on through a few more
            // checkpoints.
            pollFinals(consumer, finals, Duration.ofSeconds(3));
        }
        return finals;
    }

    private static void pollFinals(
            KafkaConsumer<String, String> consumer, List<ObjectNode> finals, Duration timeout)
            throws IOException {
        for (ConsumerRecord<String, String> record : consumer.poll(timeout)) {
            ObjectNode value = (ObjectNode) JSON.readTree(record.value());
            assertThat(record.key())
                    .isEqualTo(
                            value.get("key").asText() + "@" + value.get("window_start").asText());
            if (value.get("final").asBoolean()) {
                finals.add(value);
            }
        }
    }

    private static Map<String, ObjectNode> byWindow(List<ObjectNode> finals) {
        Map<String, ObjectNode> byWindow = new TreeMap<>();
        for (ObjectNode record : finals) {
            ObjectNode withoutRevision = record.deepCopy();
            withoutRevision.remove("revision");
            byWindow.put(
                    IndependentAggregates.id(
                            record.get("stream").asText(),
                            record.get("key").asText(),
                            record.get("window_start").asText()),
                    withoutRevision);
        }
        return byWindow;
    }

    /**
     * The events, then a synthetic one of another wiki 15 minutes after the last, to close all
     * windows.
     */
    private static List<String> withFlushEvent(List<String> events) throws IOException {
        ObjectNode last = (ObjectNode) JSON.readTree(events.get(events.size() - 1));
        ObjectNode flush = last.deepCopy();
        ObjectNode meta = (ObjectNode) flush.get("meta");
        meta.put("id", "00000000-flush-event");
        meta.put("offset", meta.get("offset").asLong() + 1);
        meta.put("dt", "2018-03-07T16:36:30+00:00");
        flush.put("timestamp", last.get("timestamp").asLong() + 900);
        flush.put("wiki", "flushwiki");
        List<String> withFlush = new ArrayList<>(events);
        withFlush.add(JSON.writeValueAsString(flush));
        return withFlush;
    }

    /** Kafka sinks behind an operator that fails the job once, mid-stream. */
    private static final class FailingBeforeKafka implements AggregateSinks {
        private final AggregateSinks kafka;

        FailingBeforeKafka(AggregateSinks kafka) {
            this.kafka = kafka;
        }

        @Override
        public void attach(DataStream<AggregateRecord> aggregates) {
            kafka.attach(
                    aggregates.map(new FailOnce()).uid("inject-failure").name("Fail once (test)"));
        }

        @Override
        public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {
            kafka.attachDeadLetters(deadLetters);
        }
    }

    /** Throws once, at the 40th record it sees in this JVM; later attempts pass everything. */
    private static final class FailOnce implements MapFunction<AggregateRecord, AggregateRecord> {
        private static final AtomicBoolean FAILED = new AtomicBoolean();
        private static final AtomicInteger SEEN = new AtomicInteger();

        static void reset() {
            FAILED.set(false);
            SEEN.set(0);
        }

        @Override
        public AggregateRecord map(AggregateRecord record) {
            if (SEEN.incrementAndGet() == 40 && FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("injected failure (test)");
            }
            return record;
        }
    }
}
