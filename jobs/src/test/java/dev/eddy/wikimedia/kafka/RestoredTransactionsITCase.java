package dev.eddy.wikimedia.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What became of a restored checkpoint's transactions, asked of a real broker. */
class RestoredTransactionsITCase {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir static Path kafkaDir;

    private static EmbeddedKafka kafka;
    private static Admin admin;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(kafkaDir, "127.0.0.1", 0);
        admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers()));
    }

    @AfterAll
    static void stopKafka() {
        admin.close();
        kafka.close();
    }

    @Test
    void committedTransactionsOfTheCheckpointMeanNothingWasLost() throws Exception {
        try (KafkaProducer<String, String> producer = producer("a-aggregates-0-7")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("eddy.test", "k", "v"));
            producer.commitTransaction();
        }
        try (KafkaProducer<String, String> other = producer("a-aggregates-0-17")) {
            other.beginTransaction();
            other.send(new ProducerRecord<>("eddy.test", "k", "v"));
        }

        RestoredTransactions.Report report =
                RestoredTransactions.check(
                        admin, List.of("a-aggregates", "a-dead-letters"), 7, PATIENCE);

        assertThat(report.lost()).isFalse();
        assertThat(report.settled()).isTrue();
        assertThat(report.line())
                .startsWith("Restored from checkpoint 7: all 1 of its Kafka transactions")
                .contains("nothing was lost", "false alarm");
    }

    @Test
    void anAbortedTransactionOfTheCheckpointIsReportedAsLost() throws Exception {
        try (KafkaProducer<String, String> committed = producer("b-aggregates-0-3");
                KafkaProducer<String, String> aborted = producer("b-dead-letters-1-3")) {
            committed.beginTransaction();
            committed.send(new ProducerRecord<>("eddy.test", "k", "v"));
            committed.commitTransaction();
            aborted.beginTransaction();
            aborted.send(new ProducerRecord<>("eddy.test", "k", "v"));
            aborted.flush();
            aborted.abortTransaction();
        }

        RestoredTransactions.Report report =
                RestoredTransactions.check(
                        admin, List.of("b-aggregates", "b-dead-letters"), 3, PATIENCE);

        assertThat(report.lost()).isTrue();
        assertThat(report.line()).contains("[b-dead-letters-1-3]", "LOST");
    }

    @Test
    void waitsForATransactionThatIsStillOpenToBeCommitted() throws Exception {
        try (KafkaProducer<String, String> producer = producer("c-aggregates-0-5")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("eddy.test", "k", "v"));
            producer.flush();
            CompletableFuture<RestoredTransactions.Report> report =
                    CompletableFuture.supplyAsync(
                            () -> {
                                try {
                                    return RestoredTransactions.check(
                                            admin, List.of("c-aggregates"), 5, PATIENCE);
                                } catch (Exception e) {
                                    throw new IllegalStateException(e);
                                }
                            });

            producer.commitTransaction();

            assertThat(report.get().settled()).isTrue();
            assertThat(report.get().line()).contains("all 1 of its Kafka transactions");
        }
    }

    @Test
    void aTransactionThatStaysOpenIsReportedAsNotCommitted() throws Exception {
        try (KafkaProducer<String, String> producer = producer("d-aggregates-0-9")) {
            producer.beginTransaction();
            producer.send(new ProducerRecord<>("eddy.test", "k", "v"));
            producer.flush();

            RestoredTransactions.Report report =
                    RestoredTransactions.check(
                            admin, List.of("d-aggregates"), 9, Duration.ofSeconds(1));

            assertThat(report.settled()).isFalse();
            assertThat(report.lost()).isFalse();
            assertThat(report.line()).contains("d-aggregates-0-9 Ongoing", "not committed yet");
        }
    }

    private static KafkaProducer<String, String> producer(String transactionalId) {
        KafkaProducer<String, String> producer =
                new KafkaProducer<>(
                        Map.of(
                                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                kafka.bootstrapServers(),
                                ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                                transactionalId,
                                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                                StringSerializer.class,
                                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                                StringSerializer.class));
        producer.initTransactions();
        return producer;
    }
}
