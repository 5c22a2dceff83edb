package dev.eddy.cli;

import dev.eddy.bench.PipelineBenchmark;
import dev.eddy.wikimedia.DurationConverter;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code eddy bench pipeline}: the whole job's throughput next to the raw replay rate, and its
 * latency.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {
            "Runs the whole Wikimedia aggregates job on a local MiniCluster (replay server at full speed ->",
            "SSE source -> windows -> embedded Kafka, exactly-once) over SYNTHETIC events and prints its",
            "events/s next to the rate a null consumer drains the same stream at; then the latency from an",
            "event's send to the first early update counting it, at a paced rate. Takes a minute or two.",
            "Options it does not know go to the job (e.g. --top-pages-slide 5m; see the job's --help)."
        })
public final class PipelineBenchCommand implements Callable<Integer> {

    @Option(
            names = "--events",
            paramLabel = "N",
            description = "Events through the job (default: ${DEFAULT-VALUE}).")
    int events = 500_000;

    @Option(
            names = "--warm-up-events",
            paramLabel = "N",
            description =
                    "First a warm-up run of the drain and the job over this many other events, so"
                            + " that both are measured compiled by the JIT; 0 measures them cold"
                            + " (default: ${DEFAULT-VALUE}).")
    int warmUpEvents = 500_000;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "Checkpoint interval; exactly-once output is committed with each (default: ${DEFAULT-VALUE}).")
    Duration checkpointInterval;

    @Option(
            names = "--update-interval",
            paramLabel = "DURATION",
            defaultValue = "1s",
            converter = DurationConverter.class,
            description = "The job's early-update interval (default: ${DEFAULT-VALUE}).")
    Duration updateInterval;

    @Option(
            names = "--latency-rate",
            paramLabel = "N",
            description =
                    "Paced events/s of the latency run, 0 to skip it (default: ${DEFAULT-VALUE}).")
    int latencyRate = 1_000;

    @Option(
            names = "--latency-duration",
            paramLabel = "DURATION",
            defaultValue = "30s",
            converter = DurationConverter.class,
            description = "Length of the latency run (default: ${DEFAULT-VALUE}).")
    Duration latencyDuration;

    @Option(
            names = "--latency-warm-up",
            paramLabel = "DURATION",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description =
                    "Leading part of the latency run left out of the percentiles (default: ${DEFAULT-VALUE}).")
    Duration latencyWarmUp;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "10m",
            converter = DurationConverter.class,
            description = "Gives up after this long (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(
            names = "--soak",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description =
                    "Instead: a soak at full speed for this long (e.g. 10m) over looped events,"
                            + " reporting events/s and the heap after a full GC each minute and the"
                            + " state per open window.")
    Duration soak;

    @Option(
            names = "--distinct-pages",
            paramLabel = "N",
            description =
                    "With --soak: distinct page titles per wiki in top-pages (default: ${DEFAULT-VALUE}).")
    int distinctPages = 100_000;

    @Unmatched List<String> jobArgs = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter out = spec.commandLine().getOut();
        PipelineBenchmark.Settings settings;
        try {
            settings =
                    new PipelineBenchmark.Settings(
                            events,
                            warmUpEvents,
                            parallelism,
                            checkpointInterval,
                            updateInterval,
                            latencyRate,
                            latencyDuration,
                            latencyWarmUp,
                            timeout,
                            jobArgs);
        } catch (IllegalArgumentException e) {
            err.println("eddy bench pipeline: " + e.getMessage());
            return 2;
        }
        if (soak != null) {
            PipelineBenchmark.Soak result =
                    PipelineBenchmark.soak(
                            settings,
                            new PipelineBenchmark.SoakSettings(soak, distinctPages),
                            step -> err.println("bench: " + step));
            out.print(result.summary());
            out.flush();
            return 0;
        }
        PipelineBenchmark.Result result =
                PipelineBenchmark.run(settings, step -> err.println("bench: " + step));
        out.print(result.summary());
        out.flush();
        return 0;
    }
}
