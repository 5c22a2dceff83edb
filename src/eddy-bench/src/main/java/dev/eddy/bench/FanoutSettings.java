package dev.eddy.bench;

import java.time.Duration;
import java.util.List;

/**
 * What {@code eddy bench fanout} runs: subscribers, publish rate, how long, the endpoint's heap,
 * and whether the endpoints serve from Kafka (and how many replicas).
 */
public final class FanoutSettings {

    /** {@link #kafka} value for a broker the benchmark starts in its own JVM. */
    public static final String EMBEDDED = "embedded";

    final int clients;
    final double recordsPerSecond;
    final Duration warmup;
    final Duration duration;
    final int connectsPerSecond;
    final int clientThreads;
    final String endpointHeap;
    final List<String> endpointJvmOptions;
    final String kafka;
    final int replicas;

    public FanoutSettings(
            int clients,
            double recordsPerSecond,
            Duration warmup,
            Duration duration,
            int connectsPerSecond,
            int clientThreads,
            String endpointHeap,
            List<String> endpointJvmOptions,
            String kafka,
            int replicas) {
        check(clients > 0 && clients <= 200_000, "clients must be 1..200000, got " + clients);
        check(
                recordsPerSecond > 0 && recordsPerSecond <= 10_000,
                "rate must be in (0, 10000] records/s, got " + recordsPerSecond);
        check(
                !duration.isNegative()
                        && !duration.isZero()
                        && duration.compareTo(Duration.ofMinutes(30)) <= 0,
                "duration must be 1 s to 30 min, got " + duration);
        check(!warmup.isNegative(), "warm-up must be >= 0");
        check(connectsPerSecond > 0, "connect rate must be > 0");
        check(clientThreads > 0 && clientThreads <= 16, "client threads must be 1..16");
        check(replicas > 0 && replicas <= 8, "replicas must be 1..8, got " + replicas);
        check(
                replicas == 1 || kafka != null,
                "several replicas need --kafka: in push mode one endpoint takes the publishes");
        this.clients = clients;
        this.recordsPerSecond = recordsPerSecond;
        this.warmup = warmup;
        this.duration = duration;
        this.connectsPerSecond = connectsPerSecond;
        this.clientThreads = clientThreads;
        this.endpointHeap = endpointHeap;
        this.endpointJvmOptions = List.copyOf(endpointJvmOptions);
        this.kafka = kafka;
        this.replicas = replicas;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
