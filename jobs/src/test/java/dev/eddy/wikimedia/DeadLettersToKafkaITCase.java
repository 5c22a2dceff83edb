package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.wikimedia.kafka.KafkaAggregateSinks;
import dev.eddy.wikimedia.kafka.TopicCreator;
import dev.eddy.wikimedia.kafka.Topics;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import dev.eddy.wikimedia.testing.Feed;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A malformed event of about 1 MiB goes through the real exactly-once Kafka sink as a dead letter
 * cut to its byte budget, and the job goes on: escaped, the whole event would exceed the producer's
 * {@code max.request.size} and fail the job on every restore.
 */
class DeadLettersToKafkaITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(1)
                            .build());

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aMebibyteMalformedEventBecomesATruncatedDeadLetterAndTheJobGoesOn(@TempDir Path kafkaDir)
            throws Exception {
        String huge = "{\"meta\":\"" + "\u0001".repeat((1 << 20) - 16) + "\"";
        try (EmbeddedKafka kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", 0);
                Feed feed = Feed.open()) {
            TopicCreator.of(kafka.bootstrapServers(), 1, Duration.ofDays(1)).createMissing();
            Configuration config = new Configuration();
            config.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(config);
            env.setParallelism(1);
            env.enableCheckpointing(200);
            new WikimediaAggregatesJob(
                            feed.source(),
                            KafkaAggregateSinks.builder()
                                    .setBootstrapServers(kafka.bootstrapServers())
                                    .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                                    .setTransactionalIdPrefix("dead-letters-test")
                                    .build(),
                            AggregateSettings.defaults())
                    .addTo(env);
            JobClient job = env.executeAsync(WikimediaAggregatesJob.JOB_NAME);
            try {
                feed.send(huge).send("not json either");

                List<JsonNode> deadLetters = committedDeadLetters(kafka, job, 2);

                assertThat(deadLetters.get(0).get("raw_truncated").asBoolean()).isTrue();
                assertThat(deadLetters.get(0).get("raw_bytes").asLong())
                        .isEqualTo(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                assertThat(huge).startsWith(deadLetters.get(0).get("raw").asText());
                assertThat(deadLetters.get(1).get("raw").asText()).isEqualTo("not json either");
                assertThat(deadLetters.get(1).get("raw_truncated").asBoolean()).isFalse();
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            } finally {
                job.cancel().get(1, TimeUnit.MINUTES);
            }
        }
    }

    private static List<JsonNode> committedDeadLetters(
            EmbeddedKafka kafka, JobClient job, int expected) {
        List<JsonNode> deadLetters = new ArrayList<>();
        Map<String, Object> config =
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "dead-letter-reader",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class,
                        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                        StringDeserializer.class);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS));
            await().atMost(Duration.ofMinutes(2))
                    .until(
                            () -> {
                                assertThat(job.getJobStatus().get().isGloballyTerminalState())
                                        .as("the job failed: %s", job.getJobStatus().get())
                                        .isFalse();
                                for (ConsumerRecord<String, String> record :
                                        consumer.poll(Duration.ofMillis(200))) {
                                    assertThat(record.value().length())
                                            .isLessThan(DeadLetterRecord.MAX_RAW_BYTES * 2);
                                    deadLetters.add(JSON.readTree(record.value()));
                                }
                                return deadLetters.size() >= expected;
                            });
        }
        return deadLetters;
    }
}
