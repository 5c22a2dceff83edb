package dev.eddy.wikimedia.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TopicCreator} against a real single-node KRaft broker. */
class TopicCreatorITCase {

    @TempDir static Path dir;

    private static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"), "127.0.0.1", 0);
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void createsTheMissingTopicsOnceWithCompactionForAggregatesAndDeletionForDeadLetters()
            throws Exception {
        TopicCreator creator = TopicCreator.of(kafka.bootstrapServers(), 2, Duration.ofDays(3));
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("eddy.activity", 1, (short) 1))).all().get();

            List<String> created = creator.createMissing();
            List<String> createdAgain = creator.createMissing();

            assertThat(created)
                    .containsExactlyInAnyOrder(
                            "eddy.edits-per-wiki", "eddy.top-pages", "eddy.dead-letters");
            assertThat(createdAgain).isEmpty();
            // A new topic reaches the broker's metadata a moment after the controller made it.
            Map<String, TopicDescription> topics =
                    await().atMost(Duration.ofSeconds(30))
                            .ignoreExceptionsMatching(
                                    e -> e.getCause() instanceof UnknownTopicOrPartitionException)
                            .until(
                                    () ->
                                            admin.describeTopics(
                                                            Set.of(
                                                                    "eddy.edits-per-wiki",
                                                                    "eddy.top-pages",
                                                                    "eddy.dead-letters",
                                                                    "eddy.activity"))
                                                    .allTopicNames()
                                                    .get(),
                                    Objects::nonNull);
            assertThat(topics.get("eddy.edits-per-wiki").partitions()).hasSize(2);
            assertThat(topics.get("eddy.edits-per-wiki").partitions().get(0).replicas()).hasSize(1);
            assertThat(topics.get("eddy.activity").partitions())
                    .as("an existing topic is left alone")
                    .hasSize(1);
            assertThat(config(admin, "eddy.edits-per-wiki").get("cleanup.policy").value())
                    .isEqualTo("compact,delete");
            assertThat(config(admin, "eddy.top-pages").get("retention.ms").value())
                    .isEqualTo(Long.toString(Duration.ofDays(3).toMillis()));
            assertThat(config(admin, "eddy.dead-letters").get("cleanup.policy").value())
                    .isEqualTo("delete");
        }
    }

    @Test
    void saysWhereKafkaWasExpectedWhenNoneAnswers() {
        TopicCreator creator =
                TopicCreator.of("127.0.0.1:1", 1, Duration.ofDays(1))
                        .withTimeout(Duration.ofSeconds(2));

        assertThatThrownBy(creator::createMissing)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageContaining("is Kafka running there?");
    }

    private static Admin admin() {
        return Admin.create(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
    }

    private static Config config(Admin admin, String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource);
    }
}
