package dev.eddy.cli;

import dev.eddy.bench.SqlPipelineBenchmark;
import dev.eddy.wikimedia.DurationConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code eddy bench sql}: the SQL script against the DataStream job on the same input. */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Runs jobs/sql/wikimedia-aggregates.sql (its Kafka sinks) and the DataStream job, each on a",
            "fresh local MiniCluster and embedded broker, over the same SYNTHETIC events replayed at full",
            "speed, and prints each job's events/s and CPU per event and the ratio. A minute or two."
        })
public final class SqlBenchCommand implements Callable<Integer> {

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Events through each job (default: ${DEFAULT-VALUE}).")
    int events = 300_000;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            description = "Runs of each job, alternating, SQL first (default: ${DEFAULT-VALUE}).")
    int rounds = 2;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Checkpoint interval (default: 10s).")
    Duration checkpointInterval = Duration.ofSeconds(10);

    @Option(
            names = "--script",
            paramLabel = "FILE",
            description = "The SQL script (default: ${DEFAULT-VALUE}).")
    Path script = Path.of("jobs/sql/wikimedia-aggregates.sql");

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Give up after this long (default: 20m).")
    Duration timeout = Duration.ofMinutes(20);

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!Files.isReadable(script)) {
            spec.commandLine()
                    .getErr()
                    .println("eddy bench sql: cannot read the script " + script + " (--script)");
            return 2;
        }
        SqlPipelineBenchmark.Result result =
                SqlPipelineBenchmark.run(
                        new SqlPipelineBenchmark.Settings(
                                events, parallelism, rounds, checkpointInterval, script, timeout),
                        step -> {
                            spec.commandLine().getErr().println(step);
                            spec.commandLine().getErr().flush();
                        });
        spec.commandLine().getOut().print(result.summary());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
