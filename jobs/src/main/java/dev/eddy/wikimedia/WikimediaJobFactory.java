package dev.eddy.wikimedia;

import dev.eddy.wikimedia.kafka.KafkaAggregateSinks;
import dev.eddy.wikimedia.kafka.TopicCreator;
import dev.eddy.wikimedia.kafka.TransactionTimeoutBudget;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.annotation.Nullable;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production wiring of {@link WikimediaAggregatesJob} from its {@link JobOptions}: the SSE
 * source ({@link RecentChangeSource}), the Kafka sinks, the SSE push sink when the options or the
 * caller name an endpoint, the job's topics, and the environment's parallelism and checkpointing.
 * The job's {@code main}, {@code eddy local} and {@code eddy bench pipeline} all start the job
 * through it, so they run the same pipeline.
 */
public final class WikimediaJobFactory {

    /** Used when the environment does not enable checkpointing. */
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WikimediaJobFactory.class);

    private final JobOptions options;
    private final @Nullable AggregateSinks push;

    private WikimediaJobFactory(JobOptions options, @Nullable AggregateSinks push) {
        this.options = options;
        this.push = push;
    }

    /** The job the options describe; pushes to the endpoint of {@code --push}, if given. */
    public static WikimediaJobFactory of(JobOptions options) {
        Objects.requireNonNull(options, "options");
        return new WikimediaJobFactory(
                options,
                options.push() == null ? null : new PushSinks(options.push(), options.pushToken()));
    }

    /** The same job, pushing to this endpoint with this publish token instead. */
    public WikimediaJobFactory pushingTo(String endpoint, String publishToken) {
        return new WikimediaJobFactory(options, new PushSinks(endpoint, publishToken));
    }

    public JobOptions options() {
        return options;
    }

    /**
     * Creates the job's Kafka topics that are missing, with the options' partitions and retention.
     *
     * @return the topics it created
     */
    public List<String> createTopics() {
        return TopicCreator.of(options.kafka(), options.topicPartitions(), options.topicRetention())
                .createMissing();
    }

    /**
     * Applies the options' parallelism (unless 0) and turns checkpointing on every {@link
     * #DEFAULT_CHECKPOINT_INTERVAL} if the environment has it off: Kafka output is committed with
     * checkpoints; for exactly-once delivery checks that no Kafka transaction can outlive its
     * timeout ({@link TransactionTimeoutBudget}).
     *
     * @throws IllegalStateException if the checkpoint and restart settings could let a transaction
     *     time out
     */
    public void configure(StreamExecutionEnvironment env) {
        if (options.parallelism() > 0) {
            env.setParallelism(options.parallelism());
        }
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            LOG.warn(
                    "Checkpointing is off, but Kafka output is committed with checkpoints: enabling it every {}"
                            + " (set execution.checkpointing.interval to choose)",
                    DEFAULT_CHECKPOINT_INTERVAL);
            env.enableCheckpointing(DEFAULT_CHECKPOINT_INTERVAL.toMillis());
        }
        if (options.delivery() == DeliveryGuarantee.EXACTLY_ONCE) {
            TransactionTimeoutBudget budget = TransactionTimeoutBudget.of(env);
            budget.requireWithin(KafkaAggregateSinks.DEFAULT_TRANSACTION_TIMEOUT);
            LOG.info(
                    "Kafka transactions (transactional-id prefix {}) stay open at most {} under the"
                            + " checkpoint and restart settings, within the transaction timeout of {}",
                    options.transactionalIdPrefix(),
                    budget.longestOpenTransaction(),
                    KafkaAggregateSinks.DEFAULT_TRANSACTION_TIMEOUT);
        }
    }

    /** The Kafka sinks, and the push sink if there is an endpoint. */
    public AggregateSinks sinks() {
        AggregateSinks kafka =
                KafkaAggregateSinks.builder()
                        .setBootstrapServers(options.kafka())
                        .setDeliveryGuarantee(options.delivery())
                        .setTransactionalIdPrefix(options.transactionalIdPrefix())
                        .build();
        return push == null ? kafka : AggregateSinks.all(kafka, push);
    }

    /** The job with the SSE source the options describe and {@link #sinks()}. */
    public WikimediaAggregatesJob job() {
        return new WikimediaAggregatesJob(
                RecentChangeSource.create(options), sinks(), options.settings());
    }

    /** Configures the environment and wires the job into it, without running it. */
    public WikimediaAggregatesJob addTo(StreamExecutionEnvironment env) {
        configure(env);
        WikimediaAggregatesJob job = job();
        job.addTo(env);
        return job;
    }
}
