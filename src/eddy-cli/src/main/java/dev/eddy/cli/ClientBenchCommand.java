package dev.eddy.cli;

import dev.eddy.bench.ClientBenchmark;
import dev.eddy.bench.ClientBenchmarkSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy bench client}: Eddy's SSE client + JSON decode against okhttp-sse and
 * okhttp-eventsource.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Eddy's SSE client + JSON decode vs okhttp-sse and okhttp-eventsource (events/s).",
            "",
            "Measures each client doing the same work (LaunchDarkly okhttp-eventsource 4.3.0,",
            "okhttp-sse 5.3.2), each in its own JVM with the same options, on the",
            "same replayed recentchange stream served at full speed over loopback, with a raw",
            "socket drain of that stream as the ceiling. The peer clients are built with",
            "./mvnw on first use (their jars come from Maven Central)."
        })
public final class ClientBenchCommand implements Callable<Integer> {

    @Option(
            names = "--project-dir",
            paramLabel = "DIR",
            description = "The Eddy project directory (default: the one this eddy was built in).")
    Path projectDir;

    @Option(
            names = "--recording",
            paramLabel = "FILE",
            description =
                    "JSON-lines recentchange recording to repeat (default: samples/recentchange-wikidata-2018-03-07a.jsonl).")
    Path recording;

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Events per connection (default: ${DEFAULT-VALUE}).")
    int events = 200_000;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            description = "Warm-up connections per client JVM (default: ${DEFAULT-VALUE}).")
    int warmupConnections = 2;

    @Option(
            names = "--measured",
            paramLabel = "N",
            description = "Measured connections per client JVM (default: ${DEFAULT-VALUE}).")
    int measuredConnections = 3;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Rounds; the median counts (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(
            names = "--jvm-option",
            paramLabel = "OPTION",
            description =
                    "An option for every client JVM, repeatable (--jvm-option=-Xmx2g);"
                            + " replaces the default -Xms1g -Xmx1g -XX:+UseParallelGC.")
    List<String> jvmOptions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path project =
                (projectDir != null ? projectDir : ClientBenchmark.builtProjectDir())
                        .toAbsolutePath()
                        .normalize();
        ClientBenchmarkSettings settings;
        try {
            settings =
                    new ClientBenchmarkSettings(
                            project,
                            recording != null
                                    ? recording
                                    : ClientBenchmark.defaultRecording(project),
                            events,
                            warmupConnections,
                            measuredConnections,
                            rounds,
                            jvmOptions != null
                                    ? jvmOptions
                                    : ClientBenchmarkSettings.DEFAULT_JVM_OPTIONS);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("eddy bench client: " + e.getMessage());
            return 2;
        }
        new ClientBenchmark(settings, spec.commandLine().getOut()).run();
        return 0;
    }
}
