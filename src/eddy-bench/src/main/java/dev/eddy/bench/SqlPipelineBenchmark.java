package dev.eddy.bench;

import com.sun.management.OperatingSystemMXBean;
import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sql.SqlSession;
import dev.eddy.sql.SqlStatements;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.wikimedia.JobOptions;
import dev.eddy.wikimedia.RecentChangeSource;
import dev.eddy.wikimedia.WikimediaAggregatesJob;
import dev.eddy.wikimedia.kafka.KafkaAggregateSinks;
import dev.eddy.wikimedia.kafka.TopicCreator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.FileUtils;

/**
 * {@code eddy bench sql}: the SQL script {@code jobs/sql/wikimedia-aggregates.sql} against the
 * DataStream job, computing the same three aggregates over the same SYNTHETIC events in one run:
 * replay server at full speed → SSE source → windows → embedded Kafka (exactly-once), each job on a
 * fresh local MiniCluster and a fresh broker. The SQL script's {@code sse-push} INSERTs are left
 * out, as the DataStream job runs without the push sink here.
 *
 * <p>A job's time runs from its source's connection to the replay server until the final {@code
 * activity} windows, read with {@code read_uncommitted}, count every event but the closing one (ten
 * minutes ahead in event time, it closes all other windows); its CPU is this JVM's over that time.
 * Rounds alternate, SQL first; each side's best round is reported.
 */
public final class SqlPipelineBenchmark {

    private static final String HOST = "127.0.0.1";
    private static final String PATH = "/v2/stream/recentchange";
    private static final int EVENTS_PER_EVENT_SECOND = 2_000;
    private static final int DISORDER_MILLIS = 3_000;

    /** What to run. */
    public record Settings(
            int events,
            int parallelism,
            int rounds,
            Duration checkpointInterval,
            Path script,
            Duration timeout) {

        public Settings {
            if (events < 2) {
                throw new IllegalArgumentException("--events must be at least 2, got " + events);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("--rounds must be at least 1, got " + rounds);
            }
        }
    }

    /** One job's run: seconds from connection to all final windows, CPU seconds meanwhile. */
    public record Run(String job, int round, double seconds, double cpuSeconds) {}

    /** Every round of both jobs. */
    public record Result(Settings settings, List<Run> runs) {

        Run best(String job) {
            return runs.stream()
                    .filter(run -> run.job().equals(job))
                    .min((a, b) -> Double.compare(a.seconds(), b.seconds()))
                    .orElseThrow();
        }

        /** SQL events/s over DataStream events/s, of the best rounds. */
        public double ratio() {
            return best("DataStream").seconds() / best("SQL").seconds();
        }

        public String summary() {
            int events = settings.events();
            StringBuilder out = new StringBuilder();
            out.append(
                    String.format(
                            Locale.ROOT,
                            "eddy bench sql: SYNTHETIC recentchange events, %,d events, parallelism"
                                    + " %d, EXACTLY_ONCE to embedded Kafka, checkpoints every %s,"
                                    + " %d round(s)%n",
                            events,
                            settings.parallelism(),
                            settings.checkpointInterval()
                                    .toString()
                                    .substring(2)
                                    .toLowerCase(Locale.ROOT),
                            settings.rounds()));
            for (Run run : runs) {
                out.append(
                        String.format(
                                Locale.ROOT,
                                "  round %d  %-10s %,10.0f events/s  %7.2f s  CPU %.1f us/event%n",
                                run.round(),
                                run.job(),
                                events / run.seconds(),
                                run.seconds(),
                                run.cpuSeconds() * 1e6 / events));
            }
            Run sql = best("SQL");
            Run dataStream = best("DataStream");
            out.append(
                    String.format(
                            Locale.ROOT,
                            "SQL / DataStream (best rounds): %.2f of the events/s, %.2f of the CPU"
                                    + " per event (goal: events/s ratio >= 0.80)%n",
                            ratio(),
                            sql.cpuSeconds() / dataStream.cpuSeconds()));
            out.append(
                    "  (CPU: of this whole JVM, replay server and Kafka broker included;"
                            + " the DataStream job also sends early updates every 5 s)\n");
            return out.toString();
        }
    }

    private final Settings settings;
    private final Consumer<String> progress;
    private final Path workDir;
    private final long deadlineNanos;

    private SqlPipelineBenchmark(Settings settings, Consumer<String> progress, Path workDir) {
        this.settings = settings;
        this.progress = progress;
        this.workDir = workDir;
        this.deadlineNanos = System.nanoTime() + settings.timeout().toNanos();
    }

    /** Runs the benchmark, reporting its steps to {@code progress}; removes its temporary files. */
    public static Result run(Settings settings, Consumer<String> progress) throws Exception {
        Path workDir = Files.createTempDirectory("eddy-bench-sql");
        try {
            return new SqlPipelineBenchmark(settings, progress, workDir).runAll();
        } finally {
            FileUtils.deleteDirectoryQuietly(workDir.toFile());
        }
    }

    private Result runAll() throws Exception {
        progress.accept(
                String.format(
                        Locale.ROOT, "Generating %,d synthetic events...", settings.events()));
        Recording recording =
                SyntheticRecording.of(
                        settings.events(), EVENTS_PER_EVENT_SECOND, DISORDER_MILLIS, true);
        List<Run> runs = new ArrayList<>();
        for (int round = 1; round <= settings.rounds(); round++) {
            runs.add(measure("SQL", round, recording));
            runs.add(measure("DataStream", round, recording));
        }
        return new Result(settings, runs);
    }

    /** The script's statements without its {@code sse-push} tables and INSERTs. */
    private List<String> kafkaOnlyStatements(String sourceUrl, String bootstrap) throws Exception {
        Map<String, String> placeholders =
                Map.of(
                        "EDDY_SOURCE_URL", sourceUrl,
                        "EDDY_KAFKA_BOOTSTRAP", bootstrap,
                        "EDDY_ENDPOINT", "http://127.0.0.1:1");
        return SqlStatements.split(
                        Files.readString(settings.script(), StandardCharsets.UTF_8), placeholders)
                .stream()
                .filter(statement -> !statement.contains("_push"))
                .toList();
    }

    private Run measure(String job, int round, Recording recording) throws Exception {
        progress.accept("Round " + round + ": the " + job + " job...");
        Path runDir = workDir.resolve(job + "-" + round);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(runDir.resolve("kafka"), HOST, 0);
                ReplayServer replay =
                        ReplayServer.builder()
                                .recording(recording)
                                .host(HOST)
                                .unlimitedRate()
                                .holdOpenAtEnd(true)
                                .start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicCreator.of(bootstrap, 1, Duration.ofDays(1)).createMissing();
            try (KafkaActivityReader finals =
                    new KafkaActivityReader(bootstrap, "read_uncommitted")) {
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.createLocalEnvironment(flinkConfig(runDir));
                env.setParallelism(settings.parallelism());
                String url = replay.url(PATH);
                JobClient client =
                        job.equals("SQL")
                                ? startSql(env, kafkaOnlyStatements(url, bootstrap))
                                : startDataStream(env, url, bootstrap);
                try {
                    CompletableFuture<?> end = client.getJobExecutionResult();
                    long start = await(() -> replay.connectionsAccepted() > 0, end);
                    long startCpu = processCpuNanos();
                    long done =
                            await(
                                    () ->
                                            finals.updates().eventsInFinalWindows()
                                                    >= settings.events() - 1,
                                    end);
                    return new Run(
                            job, round, (done - start) / 1e9, (processCpuNanos() - startCpu) / 1e9);
                } finally {
                    client.cancel().get();
                }
            }
        }
    }

    private JobClient startSql(StreamExecutionEnvironment env, List<String> statements)
            throws Exception {
        SqlSession session =
                new SqlSession(
                        StreamTableEnvironment.create(env),
                        new PrintWriter(new StringWriter()),
                        "local");
        for (String statement : statements) {
            session.execute(statement);
        }
        return session.jobs().get(0);
    }

    private JobClient startDataStream(StreamExecutionEnvironment env, String url, String bootstrap)
            throws Exception {
        JobOptions options =
                JobOptions.parse(
                                "--source",
                                url,
                                "--kafka",
                                bootstrap,
                                "--transactional-id-prefix",
                                "eddy-bench-sql-twin")
                        .orElseThrow();
        new WikimediaAggregatesJob(
                        RecentChangeSource.create(options),
                        KafkaAggregateSinks.builder()
                                .setBootstrapServers(bootstrap)
                                .setDeliveryGuarantee(options.delivery())
                                .setTransactionalIdPrefix(options.transactionalIdPrefix())
                                .build(),
                        options.settings())
                .addTo(env);
        return env.executeAsync(WikimediaAggregatesJob.JOB_NAME + " (benchmark)");
    }

    private Configuration flinkConfig(Path runDir) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.parallelism());
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.checkpointInterval());
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                runDir.resolve("checkpoints").toUri().toString());
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return conf;
    }

    private long await(java.util.function.BooleanSupplier condition, CompletableFuture<?> jobEnd)
            throws Exception {
        while (!condition.getAsBoolean()) {
            if (jobEnd.isDone()) {
                jobEnd.get();
                throw new IllegalStateException("The job ended before all windows were final");
            }
            if (System.nanoTime() > deadlineNanos) {
                throw new TimeoutException(
                        "Gave up after the benchmark's timeout of "
                                + settings.timeout()
                                + ": try fewer --events or a longer --timeout");
            }
            Thread.sleep(1);
        }
        return System.nanoTime();
    }

    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
