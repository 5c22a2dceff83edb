package dev.eddy.cli;

import dev.eddy.local.FlinkRestProbe;
import dev.eddy.local.LocalRun;
import dev.eddy.local.LocalSettings;
import dev.eddy.local.ServeFrom;
import dev.eddy.wikimedia.JobOptions;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Unmatched;

/** {@code eddy local}: the whole pipeline in one JVM, with a status line until Ctrl-C. */
@Command(
        name = "local",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Runs everything in this JVM: a Flink MiniCluster with its Web UI, an embedded Kafka broker,",
            "the SSE endpoint with the dashboard, and the Wikimedia aggregates job. Ctrl-C stops it all.",
            "Options it does not know go to the job (e.g. --edits-window 30s; see the job's --help)."
        })
public final class LocalCommand implements Callable<Integer> {

    /**
     * Flink's metrics reach the REST API every few seconds, so the rate is averaged over this long.
     */
    private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Option(
            names = "--source",
            paramLabel = "URL",
            description = "SSE stream to read, repeatable. Default: live Wikimedia recentchange.")
    List<String> sources = new ArrayList<>();

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description =
                    "Replay this recording in-process instead (works offline), e.g. samples/recentchange-wikidata-2018-03-07a.jsonl.")
    Path replay;

    @Option(
            names = "--replay-rate",
            paramLabel = "N",
            description =
                    "Replay speed in events/s, 0 for as fast as possible (default: ${DEFAULT-VALUE}).")
    double replayRate = 50;

    @Option(
            names = "--kafka",
            paramLabel = "embedded|HOST:PORT",
            description = "Kafka to write to (default: ${DEFAULT-VALUE}).")
    String kafka = LocalSettings.EMBEDDED_KAFKA;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description = "Port of the embedded broker (default: ${DEFAULT-VALUE}).")
    int kafkaPort = 9092;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "SSE endpoint and dashboard port (default: ${DEFAULT-VALUE}).")
    int httpPort = 8090;

    @Option(
            names = "--serve-from",
            paramLabel = "push|kafka",
            converter = ServeFromConverter.class,
            defaultValue = "push",
            description =
                    "What the SSE endpoint serves (default: ${DEFAULT-VALUE}). push: every update, within the update interval; kafka: only committed exactly-once output, once per checkpoint; ids are Kafka positions, resumable after any restart.")
    ServeFrom serveFrom;

    @Option(
            names = "--ui-port",
            paramLabel = "PORT",
            description = "Flink Web UI port (default: ${DEFAULT-VALUE}).")
    int uiPort = 8081;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Kafka data, checkpoints, endpoint state (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".eddy");

    @Option(
            names = "--resume",
            description =
                    "Resume from the previous run's newest checkpoint instead of starting clean.")
    boolean resume;

    @Option(
            names = "--parallelism",
            paramLabel = "N",
            description = "Job parallelism (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--status-interval",
            paramLabel = "SECONDS",
            description = "Seconds between status lines, 0 for none (default: ${DEFAULT-VALUE}).")
    int statusSeconds = 5;

    @Unmatched List<String> jobArgs = new ArrayList<>();

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (replay != null && !Files.isReadable(replay)) {
            err.println("eddy local: cannot read the recording " + replay);
            return 2;
        }
        if (replay != null && !sources.isEmpty()) {
            err.println("eddy local: give --source or --replay, not both");
            return 2;
        }
        if (jobArgs.stream().anyMatch(arg -> arg.equals("--push") || arg.startsWith("--push="))) {
            err.println(
                    "eddy local: the job option --push is for a job on a cluster; eddy local feeds"
                            + " its own SSE endpoint (--serve-from push or kafka)");
            return 2;
        }
        LocalSettings settings = settings();
        out.println(
                "Starting Eddy locally (Flink MiniCluster, "
                        + (settings.embeddedKafka() ? "embedded Kafka" : "Kafka at " + kafka)
                        + ", SSE endpoint)…");
        LocalRun run;
        try {
            run = LocalRun.start(settings);
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("eddy local: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    out.println("\nStopping Eddy…");
                                    try {
                                        run.close();
                                    } catch (Exception e) {
                                        err.println("eddy local: while stopping: " + e);
                                    }
                                    stopped.countDown();
                                },
                                "eddy-local-shutdown"));
        run.restoredFrom()
                .ifPresent(checkpoint -> out.println("Resumed from checkpoint " + checkpoint));
        for (Map.Entry<String, String> service : run.services().entrySet()) {
            out.printf("  %-22s %s%n", service.getKey(), service.getValue());
        }
        out.println(servingFrom(settings));
        out.println(
                "Try: curl -N "
                        + run.endpoint()
                        + "/streams/edits-per-wiki     (Ctrl-C stops everything)");
        out.flush();
        printStatus(run, stopped, out);
        return 0;
    }

    /** What the options ask to run. */
    LocalSettings settings() {
        return new LocalSettings(
                sources.isEmpty() ? List.of(JobOptions.WIKIMEDIA_RECENTCHANGE) : sources,
                replay,
                replayRate,
                kafka,
                kafkaPort,
                httpPort,
                serveFrom,
                uiPort,
                dataDir,
                resume,
                parallelism,
                jobArgs);
    }

    /** The line that says what the endpoint serves from and what that means for its updates. */
    static String servingFrom(LocalSettings settings) {
        if (settings.serveFrom() == ServeFrom.KAFKA) {
            return "The SSE endpoint serves from Kafka, read_committed: with exactly-once delivery"
                    + " (the default) output appears once per checkpoint (every "
                    + LocalRun.CHECKPOINT_INTERVAL.toSeconds()
                    + " s); ids are Kafka positions.";
        }
        return "The SSE endpoint serves the job's pushes: every update, within the update interval"
                + " (--serve-from=kafka serves committed output only).";
    }

    private void printStatus(LocalRun run, CountDownLatch stopped, PrintWriter out)
            throws InterruptedException {
        FlinkRestProbe probe = new FlinkRestProbe(run.flinkUi());
        ArrayDeque<long[]> samples = new ArrayDeque<>();
        while (!stopped.await(Math.max(1, statusSeconds), TimeUnit.SECONDS)) {
            if (statusSeconds == 0) {
                continue;
            }
            try {
                FlinkRestProbe.JobSnapshot snapshot = probe.snapshot(run.jobId());
                long now = System.nanoTime();
                samples.addLast(new long[] {now, snapshot.eventsIn()});
                while (samples.size() > 2 && now - samples.peekFirst()[0] > RATE_WINDOW_NANOS) {
                    samples.removeFirst();
                }
                long[] oldest = samples.peekFirst();
                double rate =
                        now == oldest[0]
                                ? 0
                                : (snapshot.eventsIn() - oldest[1]) / ((now - oldest[0]) / 1e9);
                out.printf(
                        "[%s] events in: %,d (%.1f/s) | aggregate updates: %,d | last event age: %s%n",
                        snapshot.state(),
                        snapshot.eventsIn(),
                        rate,
                        snapshot.aggregateUpdates(),
                        snapshot.lastEventAgeMillis() < 0
                                ? "-"
                                : String.format("%.1f s", snapshot.lastEventAgeMillis() / 1000.0));
                out.flush();
            } catch (Exception e) {
                out.println("[status unavailable: " + e.getMessage() + "]");
                out.flush();
            }
        }
    }

    /** Reads {@code push} or {@code kafka}. */
    static final class ServeFromConverter implements ITypeConverter<ServeFrom> {
        @Override
        public ServeFrom convert(String value) {
            try {
                return ServeFrom.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
