package dev.eddy.wikimedia.kafka;

import static org.apache.flink.util.Preconditions.checkArgument;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the job's topics that do not exist yet; existing topics are left as they are.
 *
 * <ul>
 *   <li>Aggregate topics {@code eddy.<stream>}: {@code cleanup.policy=compact,delete}. Compaction
 *       keeps the latest update per window key ({@code <key>@<window_start>}), so a consumer
 *       reading from the beginning gets each window once in its latest state; deletion after the
 *       retention time (default 7 days) stops the topic from growing with every new window.
 *   <li>{@code eddy.dead-letters}: {@code cleanup.policy=delete}, same retention: every dead letter
 *       is kept until it expires.
 * </ul>
 *
 * Replication factor: {@code min(3, number of brokers)}; {@code min.insync.replicas} one less than
 * that (at least 1), so exactly-once writes survive the loss of one broker of three.
 */
public final class TopicCreator {

    private final String bootstrapServers;
    private final int partitions;
    private final Duration retention;
    private final Duration timeout;

    private TopicCreator(
            String bootstrapServers, int partitions, Duration retention, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.partitions = partitions;
        this.retention = retention;
        this.timeout = timeout;
    }

    /**
     * @param bootstrapServers {@code host:port[,host:port...]}
     * @param partitions partitions of each new topic
     * @param retention how long records are kept
     */
    public static TopicCreator of(String bootstrapServers, int partitions, Duration retention) {
        checkArgument(partitions >= 1, "topic partitions must be at least 1, got %s", partitions);
        return new TopicCreator(bootstrapServers, partitions, retention, Duration.ofSeconds(30));
    }

    /** How long to wait for Kafka before giving up; 30 s by default. */
    public TopicCreator withTimeout(Duration timeout) {
        return new TopicCreator(bootstrapServers, partitions, retention, timeout);
    }

    /**
     * Creates those of the aggregate topics and the dead-letter topic that are missing.
     *
     * @return the names of the topics it created
     * @throws IllegalStateException if Kafka cannot be reached or refuses, saying which and why
     */
    public List<String> createMissing() {
        Properties properties = new Properties();
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.setProperty(
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        properties.setProperty(
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        try (Admin admin = Admin.create(properties)) {
            int brokers =
                    admin.describeCluster()
                            .nodes()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                            .size();
            short replication = (short) Math.max(1, Math.min(3, brokers));
            Set<String> existing =
                    admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : Topics.aggregates()) {
                if (!existing.contains(topic)) {
                    missing.add(
                            newTopic(
                                    topic,
                                    replication,
                                    TopicConfig.CLEANUP_POLICY_COMPACT
                                            + ","
                                            + TopicConfig.CLEANUP_POLICY_DELETE));
                }
            }
            if (!existing.contains(Topics.DEAD_LETTERS)) {
                missing.add(
                        newTopic(
                                Topics.DEAD_LETTERS,
                                replication,
                                TopicConfig.CLEANUP_POLICY_DELETE));
            }
            List<String> created = new ArrayList<>();
            for (NewTopic topic : missing) {
                if (create(admin, topic)) {
                    created.add(topic.name());
                }
            }
            return created;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(
                    "interrupted while creating Kafka topics at " + bootstrapServers, e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException(
                    "cannot create the job's Kafka topics at "
                            + bootstrapServers
                            + " (is Kafka running there?): "
                            + cause,
                    cause);
        }
    }

    private NewTopic newTopic(String name, short replication, String cleanupPolicy) {
        return new NewTopic(name, partitions, replication)
                .configs(
                        Map.of(
                                TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy,
                                TopicConfig.RETENTION_MS_CONFIG,
                                        Long.toString(retention.toMillis()),
                                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                                        Integer.toString(Math.max(1, replication - 1))));
    }

    private boolean create(Admin admin, NewTopic topic)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }
}
