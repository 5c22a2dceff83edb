package dev.eddy.bench;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import java.nio.file.Path;
import java.util.List;

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
        checkNotNull(projectDir, "projectDir");
        checkNotNull(recording, "recording");
        jvmOptions = List.copyOf(jvmOptions);
        checkArgument(events > 0, "events must be positive, got %s", events);
        checkArgument(
                measuredConnections > 0,
                "measured connections must be positive, got %s",
                measuredConnections);
        checkArgument(rounds > 0, "rounds must be positive, got %s", rounds);
        checkArgument(
                warmupConnections >= 0,
                "warm-up connections must be 0 or more, got %s",
                warmupConnections);
    }
}
