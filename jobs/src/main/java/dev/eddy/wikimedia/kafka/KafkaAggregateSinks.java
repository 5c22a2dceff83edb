package dev.eddy.wikimedia.kafka;

import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

import dev.eddy.wikimedia.AggregateSinks;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Writes the aggregates to {@code eddy.<stream>} and the dead letters to {@code eddy.dead-letters}
 * with Flink's {@link KafkaSink}. Exactly-once by default: records become visible to {@code
 * read_committed} consumers when the checkpoint that covers them completes, so checkpointing must
 * be on. The transactional-id prefix must be unique per job on a Kafka cluster and stable across
 * its restarts (it lets a restarted job abort its own lingering transactions).
 */
public final class KafkaAggregateSinks implements AggregateSinks {

    /**
     * Kafka brokers' default {@code transaction.max.timeout.ms}; the producer's timeout must not
     * exceed it.
     */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofMinutes(15);

    private static final String AGGREGATES = "aggregates";
    private static final String DEAD_LETTERS = "dead-letters";

    private final String bootstrapServers;
    private final DeliveryGuarantee deliveryGuarantee;
    private final String transactionalIdPrefix;
    private final Duration transactionTimeout;
    private final Properties producerProperties;

    private KafkaAggregateSinks(Builder builder) {
        this.bootstrapServers = builder.bootstrapServers;
        this.deliveryGuarantee = builder.deliveryGuarantee;
        this.transactionalIdPrefix = builder.transactionalIdPrefix;
        this.transactionTimeout = builder.transactionTimeout;
        this.producerProperties = new Properties();
        this.producerProperties.putAll(builder.producerProperties);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void attach(DataStream<AggregateRecord> aggregates) {
        aggregates
                .sinkTo(sink(new AggregateRecordSerializer(), AGGREGATES))
                .uid("kafka-aggregates")
                .name("Kafka: " + Topics.PREFIX + "<stream>");
    }

    @Override
    public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {
        deadLetters
                .process(
                        new RestoreReporter(
                                adminConfig(), List.of(prefix(AGGREGATES), prefix(DEAD_LETTERS))))
                .uid("kafka-restore-report")
                .name("Kafka: report the restored transactions")
                .sinkTo(sink(new DeadLetterSerializer(), DEAD_LETTERS))
                .uid("kafka-dead-letters")
                .name("Kafka: " + Topics.DEAD_LETTERS);
    }

    private <T> KafkaSink<T> sink(KafkaRecordSerializationSchema<T> serializer, String output) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(producerConfig())
                .setDeliveryGuarantee(deliveryGuarantee)
                .setTransactionalIdPrefix(prefix(output))
                .setRecordSerializer(serializer)
                .build();
    }

    private String prefix(String output) {
        return transactionalIdPrefix + "-" + output;
    }

    /** The Kafka admin client's: the bootstrap servers and the properties set on the builder. */
    private Properties adminConfig() {
        Properties properties = new Properties();
        properties.putAll(producerProperties);
        properties.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** The producer properties both sinks get: those set on the builder and the timeout. */
    Properties producerConfig() {
        Properties properties = new Properties();
        properties.putAll(producerProperties);
        properties.setProperty(
                ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                Long.toString(transactionTimeout.toMillis()));
        return properties;
    }

    /**
     * Builds {@link KafkaAggregateSinks}; the bootstrap servers are required. {@link #build()}
     * copies the settings, so a builder can be reused without changing what it built.
     */
    public static final class Builder {

        private String bootstrapServers;
        private DeliveryGuarantee deliveryGuarantee = DeliveryGuarantee.EXACTLY_ONCE;
        private String transactionalIdPrefix = "eddy-wikimedia-aggregates";
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private final Properties producerProperties = new Properties();

        private Builder() {}

        /** {@code host:port[,host:port...]}. */
        public Builder setBootstrapServers(String bootstrapServers) {
            this.bootstrapServers = bootstrapServers;
            return this;
        }

        /**
         * {@link DeliveryGuarantee#EXACTLY_ONCE} (default) or {@link
         * DeliveryGuarantee#AT_LEAST_ONCE}.
         */
        public Builder setDeliveryGuarantee(DeliveryGuarantee deliveryGuarantee) {
            this.deliveryGuarantee = deliveryGuarantee;
            return this;
        }

        /**
         * Unique per job on a Kafka cluster, the same across the job's restarts; default {@code
         * eddy-wikimedia-aggregates}.
         */
        public Builder setTransactionalIdPrefix(String transactionalIdPrefix) {
            this.transactionalIdPrefix = transactionalIdPrefix;
            return this;
        }

        /**
         * The producer's {@code transaction.timeout.ms}: at most the brokers' {@code
         * transaction.max.timeout.ms} (15 min by default), and longer than a checkpoint interval
         * plus the time to recover from a failure.
         */
        public Builder setTransactionTimeout(Duration transactionTimeout) {
            this.transactionTimeout = transactionTimeout;
            return this;
        }

        /** Any other Kafka producer property, e.g. security settings. */
        public Builder setProperty(String key, String value) {
            producerProperties.setProperty(key, value);
            return this;
        }

        public KafkaAggregateSinks build() {
            checkState(
                    bootstrapServers != null && !bootstrapServers.isBlank(),
                    "Kafka bootstrap servers are required: setBootstrapServers(\"host:port\")");
            checkNotNull(deliveryGuarantee, "deliveryGuarantee");
            checkState(
                    deliveryGuarantee != DeliveryGuarantee.NONE,
                    "delivery guarantee NONE is not supported: use EXACTLY_ONCE or AT_LEAST_ONCE");
            checkState(
                    transactionalIdPrefix != null && !transactionalIdPrefix.isBlank(),
                    "a transactional-id prefix is required for exactly-once delivery");
            checkNotNull(transactionTimeout, "transactionTimeout");
            checkState(
                    transactionTimeout.compareTo(DEFAULT_TRANSACTION_TIMEOUT) <= 0,
                    "transaction timeout %s exceeds Kafka's default transaction.max.timeout.ms (15 min);"
                            + " brokers would reject it",
                    transactionTimeout);
            return new KafkaAggregateSinks(this);
        }
    }
}
