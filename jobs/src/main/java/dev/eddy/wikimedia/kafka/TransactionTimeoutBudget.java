package dev.eddy.wikimedia.kafka;

import static org.apache.flink.util.Preconditions.checkState;

import java.time.Duration;
import java.util.Locale;
import org.apache.flink.configuration.ReadableConfig;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.CheckpointConfig;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How long an exactly-once Kafka transaction can stay open under a job's checkpointing and restart
 * settings, checked against the transaction timeout at job start.
 *
 * <p>A transaction opened after one checkpoint is committed when the next one completes. With
 * {@code f} tolerable checkpoint failures, {@code f + 1} checkpoints in a row can fail or time out
 * before the job fails over, each taking up to the interval plus the checkpoint timeout; then the
 * restart waits its delay before the restored job commits the transaction. If all that exceeds the
 * transaction timeout, the broker aborts the transaction meanwhile, the commit after the restore
 * finds it gone, and its records are lost while the job keeps running:
 *
 * <pre>(tolerable failures + 1) × (checkpoint interval + checkpoint timeout) + restart delay
 * &lt; transaction timeout</pre>
 */
public final class TransactionTimeoutBudget {

    private final int tolerableFailures;
    private final Duration checkpointInterval;
    private final Duration checkpointTimeout;
    private final Duration restartDelay;
    private final String restartStrategy;

    private TransactionTimeoutBudget(
            int tolerableFailures,
            Duration checkpointInterval,
            Duration checkpointTimeout,
            Duration restartDelay,
            String restartStrategy) {
        this.tolerableFailures = tolerableFailures;
        this.checkpointInterval = checkpointInterval;
        this.checkpointTimeout = checkpointTimeout;
        this.restartDelay = restartDelay;
        this.restartStrategy = restartStrategy;
    }

    /** The budget of a job in this environment; checkpointing must be on. */
    public static TransactionTimeoutBudget of(StreamExecutionEnvironment env) {
        CheckpointConfig checkpoints = env.getCheckpointConfig();
        checkState(checkpoints.isCheckpointingEnabled(), "checkpointing is off");
        ReadableConfig config = env.getConfiguration();
        String strategy =
                config.getOptional(RestartStrategyOptions.RESTART_STRATEGY)
                        .map(type -> type.toLowerCase(Locale.ROOT))
                        .orElse("exponential-delay");
        return new TransactionTimeoutBudget(
                Math.max(0, checkpoints.getTolerableCheckpointFailureNumber()),
                Duration.ofMillis(checkpoints.getCheckpointInterval()),
                Duration.ofMillis(checkpoints.getCheckpointTimeout()),
                restartDelay(strategy, config),
                strategy);
    }

    /** The longest delay between restart attempts of the strategy, jitter included. */
    private static Duration restartDelay(String strategy, ReadableConfig config) {
        switch (strategy) {
            case "none":
            case "off":
            case "disable":
                return Duration.ZERO;
            case "fixed-delay":
            case "fixeddelay":
                return config.get(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY);
            case "failure-rate":
            case "failurerate":
                return config.get(RestartStrategyOptions.RESTART_STRATEGY_FAILURE_RATE_DELAY);
            case "exponential-delay":
            case "exponentialdelay":
                Duration maxBackoff =
                        config.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_MAX_BACKOFF);
                double jitter =
                        config.get(
                                RestartStrategyOptions
                                        .RESTART_STRATEGY_EXPONENTIAL_DELAY_JITTER_FACTOR);
                return Duration.ofMillis((long) Math.ceil(maxBackoff.toMillis() * (1 + jitter)));
            default:
                throw new IllegalArgumentException(
                        "unknown restart-strategy.type '"
                                + strategy
                                + "': use none, fixed-delay, failure-rate or exponential-delay");
        }
    }

    /** The longest a transaction can stay open before the job commits it. */
    public Duration longestOpenTransaction() {
        return checkpointInterval
                .plus(checkpointTimeout)
                .multipliedBy(tolerableFailures + 1L)
                .plus(restartDelay);
    }

    /**
     * @throws IllegalStateException if a transaction can stay open longer than {@code
     *     transactionTimeout}, saying which settings to change
     */
    public void requireWithin(Duration transactionTimeout) {
        checkState(
                longestOpenTransaction().compareTo(transactionTimeout) < 0,
                "Kafka transactions could time out and their records be lost: (%s tolerable checkpoint"
                        + " failures + 1) x (checkpoint interval %s + checkpoint timeout %s) + %s restart"
                        + " delay %s = %s is not below the transaction timeout %s. Lower"
                        + " execution.checkpointing.tolerable-failed-checkpoints,"
                        + " execution.checkpointing.timeout or the restart delay (see flink-conf/config.yaml).",
                tolerableFailures,
                human(checkpointInterval),
                human(checkpointTimeout),
                restartStrategy,
                human(restartDelay),
                human(longestOpenTransaction()),
                human(transactionTimeout));
    }

    private static String human(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
