package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.eddy.wikimedia.kafka.KafkaAggregateSinks;
import dev.eddy.wikimedia.kafka.TransactionTimeoutBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;

/** The cluster configuration in {@code flink-conf/config.yaml} as Flink itself reads it. */
class FlinkClusterConfigTest {

    private static final Path CONFIG_DIR = Path.of("..", "flink-conf");

    @Test
    void enablesExactlyOnceCheckpointingEveryTenSeconds() {
        Configuration config = load();

        assertThat(config.get(CheckpointingOptions.CHECKPOINTING_INTERVAL))
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(config.get(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE))
                .isEqualTo(CheckpointingMode.EXACTLY_ONCE);
    }

    @Test
    void usesIncrementalRocksDb() {
        Configuration config = load();

        assertThat(config.get(StateBackendOptions.STATE_BACKEND)).isEqualTo("rocksdb");
        assertThat(config.get(CheckpointingOptions.INCREMENTAL_CHECKPOINTS)).isTrue();
    }

    @Test
    void restartsWithExponentialDelay() {
        assertThat(load().get(RestartStrategyOptions.RESTART_STRATEGY))
                .isEqualTo("exponential-delay");
    }

    @Test
    void reportsMetricsToPrometheus() {
        assertThat(load().getString("metrics.reporter.prom.factory.class", null))
                .isEqualTo("org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
    }

    @Test
    void keepsEveryKafkaTransactionWithinItsTimeout() {
        TransactionTimeoutBudget budget =
                TransactionTimeoutBudget.of(
                        StreamExecutionEnvironment.getExecutionEnvironment(load()));

        assertThatCode(() -> budget.requireWithin(KafkaAggregateSinks.DEFAULT_TRANSACTION_TIMEOUT))
                .doesNotThrowAnyException();
    }

    @Test
    void turnsJarSubmissionOffAndServesRestOnLocalhostOnly() {
        Configuration config = load();

        assertThat(config.get(WebOptions.SUBMIT_ENABLE)).isFalse();
        assertThat(config.get(RestOptions.BIND_ADDRESS)).isEqualTo("localhost");
    }

    @Test
    void leavesNoCheckpointsOrSavepointsOnALocalTemporaryDirectory() {
        Configuration config = load();

        assertThat(config.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY))
                .doesNotContain("/tmp")
                .contains("REPLACE");
        assertThat(config.get(CheckpointingOptions.SAVEPOINT_DIRECTORY))
                .doesNotContain("/tmp")
                .contains("REPLACE");
    }

    private static Configuration load() {
        assertThat(Files.isRegularFile(CONFIG_DIR.resolve("config.yaml")))
                .as("flink-conf/config.yaml")
                .isTrue();
        return GlobalConfiguration.loadConfiguration(CONFIG_DIR.toString());
    }
}
