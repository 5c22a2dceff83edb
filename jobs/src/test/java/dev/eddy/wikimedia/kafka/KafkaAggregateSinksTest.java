package dev.eddy.wikimedia.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.junit.jupiter.api.Test;

class KafkaAggregateSinksTest {

    @Test
    void requiresBootstrapServers() {
        assertThatThrownBy(() -> KafkaAggregateSinks.builder().build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("setBootstrapServers");
    }

    @Test
    void rejectsATransactionTimeoutBrokersWouldRefuse() {
        assertThatThrownBy(
                        () ->
                                KafkaAggregateSinks.builder()
                                        .setBootstrapServers("127.0.0.1:9092")
                                        .setTransactionTimeout(Duration.ofMinutes(16))
                                        .build())
                .hasMessageContaining("transaction.max.timeout.ms");
    }

    @Test
    void rejectsDeliveryWithoutGuarantee() {
        assertThatThrownBy(
                        () ->
                                KafkaAggregateSinks.builder()
                                        .setBootstrapServers("127.0.0.1:9092")
                                        .setDeliveryGuarantee(DeliveryGuarantee.NONE)
                                        .build())
                .hasMessageContaining("EXACTLY_ONCE or AT_LEAST_ONCE");
    }

    @Test
    void changingTheBuilderAfterBuildLeavesTheBuiltSinksAsTheyWere() {
        KafkaAggregateSinks.Builder builder =
                KafkaAggregateSinks.builder()
                        .setBootstrapServers("127.0.0.1:9092")
                        .setProperty("acks", "all");
        KafkaAggregateSinks built = builder.build();

        builder.setProperty("acks", "1").setProperty("linger.ms", "5");

        assertThat(built.producerConfig())
                .containsEntry("acks", "all")
                .doesNotContainKey("linger.ms");
        assertThat(builder.build().producerConfig()).containsEntry("linger.ms", "5");
    }

    @Test
    void buildsForAtLeastOnce() {
        assertThatCode(
                        () ->
                                KafkaAggregateSinks.builder()
                                        .setBootstrapServers("127.0.0.1:9092")
                                        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                                        .build())
                .doesNotThrowAnyException();
    }
}
