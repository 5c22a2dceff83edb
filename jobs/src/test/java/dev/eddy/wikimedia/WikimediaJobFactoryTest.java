package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

class WikimediaJobFactoryTest {

    @Test
    void refusesCheckpointSettingsThatLetATransactionOutliveItsTimeout() {
        StreamExecutionEnvironment env = environment(3, Duration.ofMinutes(5));

        assertThatThrownBy(() -> factory("--parallelism", "1").configure(env))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka transactions could time out")
                .hasMessageContaining("(3 tolerable checkpoint failures + 1)")
                .hasMessageContaining("= 21m46s is not below the transaction timeout 15m")
                .hasMessageContaining("execution.checkpointing.tolerable-failed-checkpoints");
    }

    @Test
    void acceptsTheSameSettingsForAtLeastOnceDelivery() {
        StreamExecutionEnvironment env = environment(3, Duration.ofMinutes(5));

        assertThatCode(() -> factory("--delivery", "at-least-once").configure(env))
                .doesNotThrowAnyException();
    }

    @Test
    void acceptsSettingsWithinTheTimeout() {
        StreamExecutionEnvironment env = environment(2, Duration.ofMinutes(3));

        assertThatCode(() -> factory().configure(env)).doesNotThrowAnyException();
    }

    @Test
    void turnsCheckpointingOnWhenItIsOff() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();

        factory().configure(env);

        assertThat(env.getCheckpointConfig().getCheckpointInterval())
                .isEqualTo(WikimediaJobFactory.DEFAULT_CHECKPOINT_INTERVAL.toMillis());
    }

    private static WikimediaJobFactory factory(String... args) {
        return WikimediaJobFactory.of(JobOptions.parse(args).orElseThrow());
    }

    private static StreamExecutionEnvironment environment(
            int tolerableFailures, Duration checkpointTimeout) {
        Configuration config = new Configuration();
        config.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(10));
        config.set(CheckpointingOptions.CHECKPOINTING_TIMEOUT, checkpointTimeout);
        config.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, tolerableFailures);
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        config.set(
                RestartStrategyOptions.RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF,
                Duration.ofMinutes(1));
        return StreamExecutionEnvironment.getExecutionEnvironment(config);
    }
}
