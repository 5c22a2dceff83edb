package dev.eddy.bench;

import static org.apache.flink.util.Preconditions.checkArgument;

import java.time.Duration;
import java.util.List;

/**
 * What {@code eddy bench fanout} runs: subscribers, publish rate, how long, and the endpoint's
 * heap.
 */
public final class FanoutSettings {

    final int clients;
    final double recordsPerSecond;
    final Duration warmup;
    final Duration duration;
    final int connectsPerSecond;
    final int clientThreads;
    final String endpointHeap;
    final List<String> endpointJvmOptions;

    public FanoutSettings(
            int clients,
            double recordsPerSecond,
            Duration warmup,
            Duration duration,
            int connectsPerSecond,
            int clientThreads,
            String endpointHeap,
            List<String> endpointJvmOptions) {
        checkArgument(
                clients > 0 && clients <= 200_000, "clients must be 1..200000, got %s", clients);
        checkArgument(
                recordsPerSecond > 0 && recordsPerSecond <= 10_000,
                "rate must be in (0, 10000] records/s, got %s",
                recordsPerSecond);
        checkArgument(
                !duration.isNegative()
                        && !duration.isZero()
                        && duration.compareTo(Duration.ofMinutes(30)) <= 0,
                "duration must be 1 s to 30 min, got %s",
                duration);
        checkArgument(!warmup.isNegative(), "warm-up must be >= 0");
        checkArgument(connectsPerSecond > 0, "connect rate must be > 0");
        checkArgument(clientThreads > 0 && clientThreads <= 16, "client threads must be 1..16");
        this.clients = clients;
        this.recordsPerSecond = recordsPerSecond;
        this.warmup = warmup;
        this.duration = duration;
        this.connectsPerSecond = connectsPerSecond;
        this.clientThreads = clientThreads;
        this.endpointHeap = endpointHeap;
        this.endpointJvmOptions = List.copyOf(endpointJvmOptions);
    }
}
