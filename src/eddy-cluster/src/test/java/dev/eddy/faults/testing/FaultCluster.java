package dev.eddy.faults.testing;

import dev.eddy.cluster.KafkaBrokerProcess;
import dev.eddy.cluster.StandaloneFlinkCluster;
import java.nio.file.Path;

/**
 * The fault suite's cluster: a Kafka broker JVM and a standalone Flink session cluster (one
 * JobManager, one TaskManager of two slots) on this machine, configured for quick recovery:
 * checkpoints every second, a lost TaskManager noticed within seconds, restarts after half a
 * second.
 */
public final class FaultCluster implements AutoCloseable {

    private final KafkaBrokerProcess kafka;
    private final StandaloneFlinkCluster flink;

    private FaultCluster(KafkaBrokerProcess kafka, StandaloneFlinkCluster flink) {
        this.kafka = kafka;
        this.flink = flink;
    }

    /** Starts the broker, then the Flink cluster, under {@code directory}. */
    public static FaultCluster start(Path directory) throws Exception {
        KafkaBrokerProcess kafka =
                KafkaBrokerProcess.builder().directory(directory.resolve("kafka")).start();
        try {
            StandaloneFlinkCluster flink =
                    StandaloneFlinkCluster.builder()
                            .directory(directory.resolve("flink"))
                            .config("execution.checkpointing.interval", "1s")
                            .config("heartbeat.interval", "1s")
                            .config("heartbeat.timeout", "10s")
                            .config("restart-strategy.type", "exponential-delay")
                            .config("restart-strategy.exponential-delay.initial-backoff", "500ms")
                            .config("restart-strategy.exponential-delay.max-backoff", "5s")
                            .config("metrics.fetcher.update-interval", "1s")
                            .start();
            return new FaultCluster(kafka, flink);
        } catch (Exception | Error e) {
            kafka.close();
            throw e;
        }
    }

    public KafkaBrokerProcess kafka() {
        return kafka;
    }

    public StandaloneFlinkCluster flink() {
        return flink;
    }

    @Override
    public void close() {
        try {
            flink.close();
        } finally {
            kafka.close();
        }
    }
}
