package dev.eddy.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the client benchmark replays and how it measures.
 *
 * @param projectDir the Eddy project directory (holds {@code mvnw} and the benchmark peers)
 * @param recording the JSON-lines recentchange recording to repeat
 * @param events events per connection: the length of the replayed stream
 * @param warmupConnections connections each client JVM reads before measuring
 * @param measuredConnections connections each client JVM reads while measuring
 * @param rounds how often each client JVM is started; the median round counts
 * @param jvmOptions the options every client JVM gets
 */
public record ClientBenchmarkSettings(
        Path projectDir,
        Path recording,
        int events,
        int warmupConnections,
        int measuredConnections,
        int rounds,
        List<String> jvmOptions) {

    /** The options each client JVM gets unless told otherwise. */
    public static final List<String> DEFAULT_JVM_OPTIONS =
            List.of("-Xms1g", "-Xmx1g", "-XX:+UseParallelGC");

    public ClientBenchmarkSettings {
        Objects.requireNonNull(projectDir, "projectDir");
        Objects.requireNonNull(recording, "recording");
        jvmOptions = List.copyOf(jvmOptions);
        requirePositive("events", events);
        requirePositive("measured connections", measuredConnections);
        requirePositive("rounds", rounds);
        if (warmupConnections < 0) {
            throw new IllegalArgumentException(
                    "warm-up connections must be 0 or more, got " + warmupConnections);
        }
    }

    private static void requirePositive(String what, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(what + " must be positive, got " + value);
        }
    }
}
