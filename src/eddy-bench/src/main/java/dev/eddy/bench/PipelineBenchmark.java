package dev.eddy.bench;

import static org.apache.flink.util.Preconditions.checkArgument;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayEvent;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.wikimedia.AggregateSettings;
import dev.eddy.wikimedia.JobOptions;
import dev.eddy.wikimedia.WikimediaAggregatesJob;
import dev.eddy.wikimedia.WikimediaJobFactory;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * {@code eddy bench pipeline}: the whole Wikimedia aggregates job — replay server at full speed →
 * SSE source → decode → windows → Kafka exactly-once — on a local MiniCluster with an embedded
 * broker, next to the rate at which a null consumer drains the same replay stream; then the latency
 * from an event's send to the first early update that counts it, at a paced rate.
 *
 * <p>The events are SYNTHETIC ({@link SyntheticRecording}). How the times are taken:
 *
 * <ul>
 *   <li>Start: the job's source connects to the replay server (job deployment is not counted).
 *   <li>Source ingest: the replay server has written all events to the socket.
 *   <li>Whole job: the final {@code activity} windows, read from Kafka with {@code
 *       read_uncommitted}, count every event but the last. That closing event is ten minutes ahead
 *       in event time, so the watermark closes all windows of the others as soon as it is
 *       processed.
 *   <li>Committed: the same with {@code read_committed}, i.e. after the covering checkpoint. The
 *       closing event's own window, counted by an early update, completes the tally of all events.
 *   <li>Latency: each event's send time (the replay server's count of events sent, sampled) to the
 *       arrival of the first {@code activity} update whose count includes it, at an SSE endpoint
 *       subscriber (via the push sink) and at a {@code read_committed} Kafka consumer. Events are
 *       in event-time order, so an update counting {@code n} events of a window counts its first
 *       {@code n}.
 * </ul>
 */
public final class PipelineBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String PATH = "/v2/stream/recentchange";
    private static final Duration ACTIVITY_WINDOW = Duration.ofSeconds(10);
    private static final int THROUGHPUT_EVENTS_PER_EVENT_SECOND = 2_000;
    private static final int THROUGHPUT_DISORDER_MILLIS = 3_000;

    /** What to run. */
    public record Settings(
            int events,
            int warmUpEvents,
            int parallelism,
            Duration checkpointInterval,
            Duration updateInterval,
            int latencyRate,
            Duration latencyDuration,
            Duration latencyWarmUp,
            Duration timeout,
            List<String> jobArgs) {

        public Settings {
            jobArgs = List.copyOf(jobArgs);
            checkArgument(events >= 2, "--events must be at least 2, got %s", events);
            checkArgument(
                    warmUpEvents == 0 || warmUpEvents >= 2,
                    "--warm-up-events must be 0 (no warm-up) or at least 2, got %s",
                    warmUpEvents);
            checkArgument(
                    parallelism >= 1, "--parallelism must be at least 1, got %s", parallelism);
            checkArgument(
                    latencyRate >= 0,
                    "--latency-rate must not be negative (0 skips latency), got %s",
                    latencyRate);
        }

        int latencyEvents() {
            return (int) (latencyRate * latencyDuration.toMillis() / 1000);
        }
    }

    /** The throughput run's figures; times in seconds from the source's connection. */
    public record Throughput(
            int events,
            StreamDrain.Result drain,
            double drainCpuSeconds,
            double ingestSeconds,
            double jobSeconds,
            double jobCpuSeconds,
            double committedSeconds,
            long eventsCounted,
            List<CpuBreakdown.Part> jobCpu) {

        public Throughput {
            jobCpu = List.copyOf(jobCpu);
        }

        public double drainEventsPerSecond() {
            return drain.eventsPerSecond();
        }

        public double jobEventsPerSecond() {
            return events / jobSeconds;
        }

        /** The job's events/s over the drain's. */
        public double ratio() {
            return jobEventsPerSecond() / drainEventsPerSecond();
        }
    }

    /** Latency percentiles in milliseconds, over the events after the warm-up. */
    public record Latency(
            int rate,
            int events,
            int measured,
            double endpointP50,
            double endpointP99,
            double kafkaP50,
            double kafkaP99) {}

    /**
     * The throughput run, the warm-up run before it ({@code null} without one) and the latency run
     * ({@code null} when skipped).
     */
    public record Result(
            Settings settings, Throughput warmUp, Throughput throughput, Latency latency) {

        /** The summary table. */
        public String summary() {
            StringBuilder out = new StringBuilder();
            Throughput t = throughput;
            out.append(
                    String.format(
                            Locale.ROOT,
                            "eddy bench pipeline: SYNTHETIC recentchange events (5 wikis, bots and"
                                    + " humans, all types), %,d per event-time second%n",
                            THROUGHPUT_EVENTS_PER_EVENT_SECOND));
            if (warmUp != null) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "Warm-up first (same JVM, its own stream and broker; not the"
                                        + " result): %,d events, drain %,.0f events/s, job %,.0f"
                                        + " events/s, ratio %.2f, CPU %.1f us/event%n",
                                warmUp.events(),
                                warmUp.drainEventsPerSecond(),
                                warmUp.jobEventsPerSecond(),
                                warmUp.ratio(),
                                warmUp.jobCpuSeconds() * 1e6 / warmUp.events()));
            }
            out.append(
                    String.format(
                            Locale.ROOT,
                            "Throughput: %,d events, parallelism %d, EXACTLY_ONCE to embedded Kafka,"
                                    + " checkpoints every %s, update interval %s, hashmap state%s%n",
                            t.events(),
                            settings.parallelism(),
                            human(settings.checkpointInterval()),
                            human(settings.updateInterval()),
                            settings.jobArgs().isEmpty()
                                    ? ""
                                    : ", job options " + String.join(" ", settings.jobArgs())));
            row(
                    out,
                    "raw drain of the replay stream (null consumer)",
                    t.drainEventsPerSecond(),
                    t.drain().nanos() / 1e9,
                    String.format(
                            Locale.ROOT,
                            "%.0f MB/s, CPU %.1f us/event",
                            t.drain().megabytesPerSecond(),
                            t.drainCpuSeconds() * 1e6 / t.events()));
            row(
                    out,
                    "source ingest (replay server sent all)",
                    t.events() / t.ingestSeconds(),
                    t.ingestSeconds(),
                    "");
            row(
                    out,
                    "whole job (final windows written to Kafka)",
                    t.jobEventsPerSecond(),
                    t.jobSeconds(),
                    String.format(
                            Locale.ROOT,
                            "ratio to drain %.2f, CPU %.1f us/event",
                            t.ratio(),
                            t.jobCpuSeconds() * 1e6 / t.events()));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  CPU per event of the whole job, by part (threads' CPU time while it"
                                    + " ran):%n"));
            for (CpuBreakdown.Part part : t.jobCpu()) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "    %-52s %6.2f us/event%n",
                                part.name(),
                                part.cpuNanos() / 1e3 / t.events()));
            }
            row(
                    out,
                    "  ... visible to read_committed",
                    t.events() / t.committedSeconds(),
                    t.committedSeconds(),
                    "");
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  events counted in activity windows (read_committed): %,d of %,d%n",
                            t.eventsCounted(),
                            t.events()));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  (CPU: of this whole JVM, replay server and Kafka broker included;"
                                    + " %d cores at %.1f s of CPU per s when the job ran)%n",
                            Runtime.getRuntime().availableProcessors(),
                            t.jobCpuSeconds() / t.jobSeconds()));
            if (latency != null) {
                Latency l = latency;
                out.append(
                        String.format(
                                Locale.ROOT,
                                "Latency: paced %,d events/s, %,d events (%,d measured after a %s"
                                        + " warm-up), update interval %s, checkpoints every %s%n",
                                l.rate(),
                                l.events(),
                                l.measured(),
                                human(settings.latencyWarmUp()),
                                human(settings.updateInterval()),
                                human(settings.checkpointInterval())));
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %-48s p50 %,8.0f ms   p99 %,8.0f ms%n",
                                "send -> SSE endpoint subscriber (push sink)",
                                l.endpointP50(),
                                l.endpointP99()));
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  %-48s p50 %,8.0f ms   p99 %,8.0f ms%n",
                                "send -> Kafka read_committed consumer",
                                l.kafkaP50(),
                                l.kafkaP99()));
            }
            return out.toString();
        }

        private static void row(
                StringBuilder out,
                String what,
                double eventsPerSecond,
                double seconds,
                String note) {
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  %-48s %,10.0f events/s  %7.2f s  %s%n",
                            what,
                            eventsPerSecond,
                            seconds,
                            note));
        }

        static String human(Duration duration) {
            return duration.toString().substring(2).toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A soak: the job at full speed for {@code duration} over looped synthetic events whose page
     * titles are drawn from {@code distinctPages} per wiki.
     */
    public record SoakSettings(Duration duration, int distinctPages) {

        public SoakSettings {
            if (duration.compareTo(Duration.ofMinutes(1)) <= 0) {
                throw new IllegalArgumentException(
                        "--soak must be longer than a minute (the heap is compared with the first"
                                + " minute's), got "
                                + duration);
            }
            if (distinctPages < 1) {
                throw new IllegalArgumentException(
                        "--distinct-pages must be at least 1, got " + distinctPages);
            }
        }
    }

    /**
     * A soak's figures: heaps are the used heap right after a full GC; the state is the newest
     * checkpoint's size on disk, over the windows open at a time.
     */
    public record Soak(
            Settings settings,
            SoakSettings soak,
            long events,
            double seconds,
            long heapAfterFirstMinute,
            long heapAtEnd,
            long checkpointBytes,
            double openWindows,
            List<String> minutes) {

        public Soak {
            minutes = List.copyOf(minutes);
        }

        /** The end's heap over the first minute's. */
        public double heapGrowth() {
            return (double) heapAtEnd / heapAfterFirstMinute;
        }

        public String summary() {
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "eddy bench pipeline --soak: SYNTHETIC recentchange events at full speed"
                                    + " for %s, %,d distinct pages per wiki in top-pages, parallelism"
                                    + " %d, EXACTLY_ONCE, checkpoints every %s%n",
                            Result.human(soak.duration()),
                            soak.distinctPages(),
                            settings.parallelism(),
                            Result.human(settings.checkpointInterval())));
            minutes.forEach(line -> out.append("  ").append(line).append('\n'));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  events: %,d in %.0f s (%,.0f events/s)%n",
                            events,
                            seconds,
                            events / seconds));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  heap after a full GC: %,.1f MiB after the first minute, %,.1f MiB at"
                                    + " the end (%+.1f%%)%n",
                            heapAfterFirstMinute / MIB,
                            heapAtEnd / MIB,
                            (heapGrowth() - 1) * 100));
            out.append(
                    String.format(
                            Locale.ROOT,
                            "  state: %,.1f MiB in the newest checkpoint, about %.0f windows open"
                                    + " (5 wikis; windows per key from size, lateness and"
                                    + " out-of-orderness over the slide): %,.0f KiB per open"
                                    + " window%n",
                            checkpointBytes / MIB,
                            openWindows,
                            checkpointBytes / openWindows / 1024));
            return out.toString();
        }
    }

    private static final double MIB = 1024.0 * 1024.0;
    private static final int SOAK_RECORDING_EVENTS = 300_000;
    private static final int SOAK_WIKIS = 5;

    private final Settings settings;
    private final Consumer<String> progress;
    private final Path workDir;
    private final long deadlineNanos;

    private PipelineBenchmark(Settings settings, Consumer<String> progress, Path workDir) {
        this(settings, progress, workDir, Duration.ZERO);
    }

    /** With the timeout extended by {@code runLength} (a soak's duration). */
    private PipelineBenchmark(
            Settings settings, Consumer<String> progress, Path workDir, Duration runLength) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
        this.deadlineNanos = System.nanoTime() + settings.timeout().plus(runLength).toNanos();
    }

    /** Runs the benchmark, reporting its steps to {@code progress}; removes its temporary files. */
    public static Result run(Settings settings, Consumer<String> progress) throws Exception {
        Path workDir = Files.createTempDirectory("eddy-bench-pipeline");
        try {
            return new PipelineBenchmark(settings, progress, workDir).runInWorkDir();
        } finally {
            FileUtils.deleteDirectory(workDir.toFile());
        }
    }

    /**
     * Runs a soak ({@link SoakSettings}) with the settings' parallelism, intervals and job options;
     * removes its temporary files.
     */
    public static Soak soak(Settings settings, SoakSettings soak, Consumer<String> progress)
            throws Exception {
        Path workDir = Files.createTempDirectory("eddy-bench-soak");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(workDir.resolve("kafka-soak"), HOST, 0)) {
            return new PipelineBenchmark(settings, progress, workDir, soak.duration())
                    .soak(kafka.bootstrapServers(), soak);
        } finally {
            FileUtils.deleteDirectory(workDir.toFile());
        }
    }

    private Soak soak(String bootstrap, SoakSettings soak) throws Exception {
        progress.accept(
                String.format(
                        Locale.ROOT,
                        "Generating %,d synthetic events with %,d distinct pages per wiki, looped...",
                        SOAK_RECORDING_EVENTS,
                        soak.distinctPages()));
        Recording recording =
                SyntheticRecording.of(
                        SOAK_RECORDING_EVENTS,
                        THROUGHPUT_EVENTS_PER_EVENT_SECOND,
                        THROUGHPUT_DISORDER_MILLIS,
                        false,
                        soak.distinctPages());
        try (ReplayServer replay =
                ReplayServer.builder()
                        .recording(recording)
                        .host(HOST)
                        .unlimitedRate()
                        .loop(true)
                        .start()) {
            WikimediaJobFactory soakJob = job(replay.url(PATH), bootstrap, "soak");
            try (KafkaActivityReader activity =
                    new KafkaActivityReader(bootstrap, "read_uncommitted")) {
                JobClient job = startJob(soakJob, "soak");
                try {
                    CompletableFuture<?> end = job.getJobExecutionResult();
                    long start =
                            await(
                                    "the source to connect",
                                    () -> replay.connectionsAccepted() > 0,
                                    end);
                    List<String> minutes = new ArrayList<>();
                    long heapAfterFirstMinute = 0;
                    long previousCounted = 0;
                    long minutesTotal = soak.duration().toMinutes();
                    for (long minute = 1; minute <= minutesTotal; minute++) {
                        long at = start + Duration.ofMinutes(minute).toNanos();
                        await(
                                "minute " + minute + " of the soak",
                                () -> System.nanoTime() >= at,
                                end);
                        long counted = activity.updates().eventsCounted();
                        boolean collect = minute == 1 || minute == minutesTotal;
                        long heap = collect ? heapAfterFullGc() : usedHeap();
                        if (minute == 1) {
                            heapAfterFirstMinute = heap;
                        }
                        minutes.add(
                                String.format(
                                        Locale.ROOT,
                                        "minute %2d: %,9.0f events/s, %,12d events counted in"
                                                + " activity, heap %s %,8.1f MiB",
                                        minute,
                                        (counted - previousCounted) / 60.0,
                                        counted,
                                        collect ? "after a full GC" : "(no GC)       ",
                                        heap / MIB));
                        progress.accept(minutes.get(minutes.size() - 1));
                        previousCounted = counted;
                    }
                    long heapAtEnd = heapAfterFullGc();
                    return new Soak(
                            settings,
                            soak,
                            activity.updates().eventsCounted(),
                            seconds(System.nanoTime() - start),
                            heapAfterFirstMinute,
                            heapAtEnd,
                            newestCheckpointBytes(workDir.resolve("checkpoints-soak")),
                            openWindows(),
                            minutes);
                } finally {
                    job.cancel().get();
                }
            }
        }
    }

    /**
     * Windows open at a time over all keys, from the job's settings: per key, about (size + allowed
     * lateness + out-of-orderness) / slide.
     */
    private double openWindows() {
        AggregateSettings job = jobOptions().settings();
        double lateness = job.allowedLateness().toMillis() + job.maxOutOfOrderness().toMillis();
        return SOAK_WIKIS
                        * ((job.editsPerWikiWindow().toMillis() + lateness)
                                / job.editsPerWikiWindow().toMillis())
                + SOAK_WIKIS
                        * ((job.topPagesWindow().toMillis() + lateness)
                                / job.topPagesSlide().toMillis())
                + (ACTIVITY_WINDOW.toMillis() + lateness) / ACTIVITY_WINDOW.toMillis();
    }

    private static long heapAfterFullGc() {
        System.gc();
        return usedHeap();
    }

    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The size of the newest completed checkpoint's files. */
    private static long newestCheckpointBytes(Path checkpoints) throws IOException {
        if (!Files.isDirectory(checkpoints)) {
            return 0;
        }
        try (Stream<Path> all = Files.walk(checkpoints)) {
            Path newest =
                    all.filter(path -> path.getFileName().toString().startsWith("chk-"))
                            .filter(path -> Files.exists(path.resolve("_metadata")))
                            .max(
                                    Comparator.comparingLong(
                                            path ->
                                                    Long.parseLong(
                                                            path.getFileName()
                                                                    .toString()
                                                                    .substring(4))))
                            .orElse(null);
            if (newest == null) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(newest)) {
                long bytes = 0;
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    bytes += Files.size(file);
                }
                return bytes;
            }
        }
    }

    private Result runInWorkDir() throws Exception {
        Throughput warmUp = null;
        if (settings.warmUpEvents() > 0) {
            try (EmbeddedKafka kafka = startKafka("warm-up")) {
                warmUp = throughput(kafka.bootstrapServers(), settings.warmUpEvents(), "warm-up");
            }
        }
        Throughput throughput;
        try (EmbeddedKafka kafka = startKafka("throughput")) {
            throughput = throughput(kafka.bootstrapServers(), settings.events(), "throughput");
        }
        if (settings.latencyRate() == 0) {
            return new Result(settings, warmUp, throughput, null);
        }
        try (EmbeddedKafka kafka = startKafka("latency")) {
            return new Result(settings, warmUp, throughput, latency(kafka.bootstrapServers()));
        }
    }

    /**
     * A broker per run: the cancelled job of one run leaves a transaction open, which would hold
     * back the next run's {@code read_committed} consumers until it timed out.
     */
    private EmbeddedKafka startKafka(String run) throws Exception {
        return EmbeddedKafka.start(workDir.resolve("kafka-" + run), HOST, 0);
    }

    /** One throughput run ({@code run} names it: the warm-up or the measured one). */
    private Throughput throughput(String bootstrap, int events, String run) throws Exception {
        progress.accept(
                String.format(Locale.ROOT, "%s: generating %,d synthetic events...", run, events));
        Recording recording = throughputRecording(events);
        try (ReplayServer replay =
                ReplayServer.builder()
                        .recording(recording)
                        .host(HOST)
                        .unlimitedRate()
                        .holdOpenAtEnd(true)
                        .start()) {
            String url = replay.url(PATH);
            progress.accept(run + ": draining the replay stream with a null consumer...");
            long drainCpu = CpuBreakdown.processCpuNanos();
            StreamDrain.Result drain = StreamDrain.drain(url, events);
            drainCpu = CpuBreakdown.processCpuNanos() - drainCpu;
            int connectionsBefore = replay.connectionsAccepted();
            long sentBefore = replay.eventsSent();

            progress.accept(run + ": running the job...");
            WikimediaJobFactory job = job(url, bootstrap, run);
            try (KafkaActivityReader uncommitted =
                            new KafkaActivityReader(bootstrap, "read_uncommitted");
                    KafkaActivityReader committed =
                            new KafkaActivityReader(bootstrap, "read_committed")) {
                JobClient running = startJob(job, run);
                try {
                    CompletableFuture<?> end = running.getJobExecutionResult();
                    long start =
                            await(
                                    "the source to connect",
                                    () -> replay.connectionsAccepted() > connectionsBefore,
                                    end);
                    CpuBreakdown.Snapshot startCpu = CpuBreakdown.take();
                    long ingested =
                            await(
                                    "the replay server to send all events",
                                    () -> replay.eventsSent() - sentBefore >= events,
                                    end);
                    long processed =
                            await(
                                    "final windows counting all events (read_uncommitted)",
                                    () ->
                                            uncommitted.updates().eventsInFinalWindows()
                                                    >= events - 1,
                                    end);
                    CpuBreakdown.Snapshot endCpu = CpuBreakdown.take();
                    long visible =
                            await(
                                    "final windows counting all events (read_committed)",
                                    () -> committed.updates().eventsInFinalWindows() >= events - 1,
                                    end);
                    await(
                            "the closing event's window to be counted (read_committed)",
                            () -> committed.updates().eventsCounted() >= events,
                            end);
                    long counted = committed.updates().eventsCounted();
                    return new Throughput(
                            events,
                            drain,
                            seconds(drainCpu),
                            seconds(ingested - start),
                            seconds(processed - start),
                            seconds(endCpu.processCpuNanos() - startCpu.processCpuNanos()),
                            seconds(visible - start),
                            counted,
                            CpuBreakdown.between(startCpu, endCpu));
                } finally {
                    running.cancel().get();
                }
            }
        }
    }

    /**
     * The events of the throughput run: {@link #THROUGHPUT_EVENTS_PER_EVENT_SECOND} per second of
     * event time, up to {@link #THROUGHPUT_DISORDER_MILLIS} out of order, the last one closing all
     * windows of the others.
     */
    static Recording throughputRecording(int events) {
        return SyntheticRecording.of(
                events, THROUGHPUT_EVENTS_PER_EVENT_SECOND, THROUGHPUT_DISORDER_MILLIS, true);
    }

    private Latency latency(String bootstrap) throws Exception {
        int events = settings.latencyEvents();
        int rate = settings.latencyRate();
        progress.accept(
                String.format(Locale.ROOT, "Latency: %,d events at %,d events/s...", events, rate));
        Recording recording = SyntheticRecording.of(events, rate, 0, false);
        String publishToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        SseEndpointServer endpoint =
                SseEndpointServer.builder()
                        .host(HOST)
                        .port(0)
                        .publishToken(publishToken)
                        .streams(AggregateStreams.ALL.toArray(String[]::new))
                        .build()
                        .start();
        try (ReplayServer replay =
                ReplayServer.builder()
                        .recording(recording)
                        .host(HOST)
                        .rate(rate)
                        .holdOpenAtEnd(true)
                        .start()) {
            WikimediaJobFactory job =
                    job(replay.url(PATH), bootstrap, "latency")
                            .pushingTo(endpoint.uri().toString(), publishToken);
            try (SendTimes sent = new SendTimes(replay::eventsSent);
                    EndpointActivityReader subscriber = new EndpointActivityReader(endpoint.uri());
                    KafkaActivityReader committed =
                            new KafkaActivityReader(bootstrap, "read_committed")) {
                JobClient running = startJob(job, "latency");
                try {
                    CompletableFuture<?> end = running.getJobExecutionResult();
                    await(
                            "the SSE endpoint subscriber to see all events counted",
                            () -> subscriber.updates().eventsCounted() >= events,
                            end);
                    await(
                            "the read_committed consumer to see all events counted",
                            () -> committed.updates().eventsCounted() >= events,
                            end);
                } finally {
                    running.cancel().get();
                }
                int warmUp =
                        (int)
                                Math.min(
                                        events - 1,
                                        rate * settings.latencyWarmUp().toMillis() / 1000);
                Histogram endpointNanos = latencies(recording, warmUp, sent, subscriber.updates());
                Histogram kafkaNanos = latencies(recording, warmUp, sent, committed.updates());
                return new Latency(
                        rate,
                        events,
                        (int) endpointNanos.getTotalCount(),
                        Latencies.percentileMillis(endpointNanos, 50),
                        Latencies.percentileMillis(endpointNanos, 99),
                        Latencies.percentileMillis(kafkaNanos, 50),
                        Latencies.percentileMillis(kafkaNanos, 99));
            }
        } finally {
            endpoint.close();
        }
    }

    /** The job options from the benchmark's job arguments alone (for its window settings). */
    private JobOptions jobOptions() {
        List<String> args = new ArrayList<>(settings.jobArgs());
        args.addAll(List.of("--source", "http://" + HOST + PATH, "--kafka", HOST + ":9092"));
        return JobOptions.parse(args.toArray(String[]::new)).orElseThrow();
    }

    /**
     * The job of one run against the replay stream and this run's broker, through the same factory
     * as a cluster job; it creates the topics, so call it before reading them.
     */
    private WikimediaJobFactory job(String url, String bootstrap, String run) {
        List<String> args = new ArrayList<>(settings.jobArgs());
        args.addAll(
                List.of(
                        "--source",
                        url,
                        "--kafka",
                        bootstrap,
                        "--transactional-id-prefix",
                        "eddy-bench-" + run,
                        "--parallelism",
                        Integer.toString(settings.parallelism()),
                        "--topic-partitions",
                        "1",
                        "--topic-retention",
                        "1d",
                        "--update-interval",
                        settings.updateInterval().toMillis() + "ms",
                        "--activity-window",
                        ACTIVITY_WINDOW.toMillis() + "ms"));
        WikimediaJobFactory factory =
                WikimediaJobFactory.of(
                        JobOptions.parse(args.toArray(String[]::new))
                                .orElseThrow(
                                        () ->
                                                new IllegalArgumentException(
                                                        "the job options asked for help only")));
        factory.createTopics();
        return factory;
    }

    private JobClient startJob(WikimediaJobFactory factory, String run) throws Exception {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                workDir.resolve("checkpoints-" + run).toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(conf);
        factory.addTo(env);
        return env.executeAsync(WikimediaAggregatesJob.JOB_NAME + " (benchmark)");
    }

    /** Waits until the condition holds and returns when it was first seen holding. */
    private long await(String what, BooleanSupplier condition, CompletableFuture<?> jobEnd)
            throws Exception {
        while (!condition.getAsBoolean()) {
            if (jobEnd.isDone()) {
                jobEnd.get();
                throw new IllegalStateException("The job ended while waiting for " + what);
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new TimeoutException(
                        "Gave up waiting for "
                                + what
                                + " after the benchmark's timeout of "
                                + settings.timeout()
                                + ": try fewer --events or a longer --timeout");
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    /** Per measured event, nanoseconds from its send to the first update counting it. */
    private static Histogram latencies(
            Recording recording, int warmUp, SendTimes sent, ActivityUpdates updates) {
        Map<Long, List<ActivityUpdates.Update>> byWindow = updates.byWindow();
        Map<Long, Integer> firstIndexOfWindow = new HashMap<>();
        Histogram nanos = Latencies.nanos();
        for (int i = 0; i < recording.size(); i++) {
            ReplayEvent event = recording.get(i);
            long window =
                    Math.floorDiv(event.eventTimeMillis(), ACTIVITY_WINDOW.toMillis())
                            * ACTIVITY_WINDOW.toMillis();
            firstIndexOfWindow.putIfAbsent(window, i);
            long nth = i - firstIndexOfWindow.get(window) + 1;
            long sentAt = sent.sentAtNanos(i);
            if (i < warmUp || sentAt < 0) {
                continue;
            }
            for (ActivityUpdates.Update update : byWindow.getOrDefault(window, List.of())) {
                if (update.events() >= nth) {
                    Latencies.record(nanos, update.arrivalNanos() - sentAt);
                    break;
                }
            }
        }
        return nanos;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
