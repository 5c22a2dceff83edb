package dev.eddy.local;

import dev.eddy.cluster.Ports;
import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.wikimedia.JobOptions;
import dev.eddy.wikimedia.WikimediaAggregatesJob;
import dev.eddy.wikimedia.WikimediaJobFactory;
import dev.eddy.wikimedia.kafka.Topics;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.flink.util.IOUtils;

/**
 * Everything of {@code eddy local} in this JVM: the replay server (offline), an embedded Kafka
 * broker, the SSE endpoint with its dashboard, and the job on a Flink MiniCluster with its Web UI.
 * The endpoint is fed by the job's push sinks, or reads the job's Kafka topics and the job has no
 * push sinks ({@link ServeFrom}). {@link #close()} stops them in reverse order.
 */
public final class LocalRun implements AutoCloseable {

    /** Where a replayed recording is served, as on Wikimedia's EventStreams. */
    public static final String REPLAY_PATH = "/v2/stream/recentchange";

    /** The source's name for the replayed stream, the same in every run. */
    static final String REPLAY_STREAM_NAME = "replay";

    /** How often the job checkpoints, i.e. commits its Kafka output. */
    public static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(5);

    private static final String HOST = "127.0.0.1";
    private static final String DATA_DIR_MARKER = ".eddy-data";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final LocalSettings settings;

    /** What has started, the newest first: the order to stop it in. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private final Map<String, String> services = new LinkedHashMap<>();
    private @Nullable JobClient job;
    private @Nullable Path restoredFrom;

    private LocalRun(LocalSettings settings) {
        this.settings = settings;
    }

    /** Starts everything; on failure stops what had started and rethrows. */
    public static LocalRun start(LocalSettings settings) throws Exception {
        LocalRun run = new LocalRun(settings);
        try {
            run.startAll();
            return run;
        } catch (Exception | Error e) {
            run.close();
            throw e;
        }
    }

    /** One line per service, in start order: name → URL or address. */
    public Map<String, String> services() {
        return services;
    }

    public String jobId() {
        return job.getJobID().toHexString();
    }

    public URI flinkUi() {
        return URI.create(services.get("Flink Web UI"));
    }

    public URI endpoint() {
        return URI.create(services.get("SSE endpoint"));
    }

    public String kafkaBootstrap() {
        return services.get("Kafka bootstrap");
    }

    /** The checkpoint this run resumed from, if it did. */
    public Optional<Path> restoredFrom() {
        return Optional.ofNullable(restoredFrom);
    }

    private void startAll() throws Exception {
        String host = HOST;
        Ports.requireFree(host, settings.uiPort(), "Flink Web UI", "--ui-port");
        Ports.requireFree(host, settings.httpPort(), "SSE endpoint", "--http-port");
        if (settings.embeddedKafka()) {
            Ports.requireFree(host, settings.kafkaPort(), "embedded Kafka broker", "--kafka-port");
        }
        Path dataDir = prepareDataDir();

        List<String> sourceUrls = settings.sourceUrls();
        if (settings.replayFile() != null) {
            ReplayServer.Builder replay =
                    ReplayServer.builder()
                            .recording(Recording.fromPath(settings.replayFile()))
                            .host(host)
                            .loop(true);
            ReplayServer server =
                    (settings.replayRate() > 0
                                    ? replay.rate(settings.replayRate())
                                    : replay.unlimitedRate())
                            .start();
            started.push(server);
            // Named, so that --resume continues the stream after its Last-Event-ID although the
            // replay server comes back on another port (streams are matched by name or URL).
            sourceUrls = List.of(REPLAY_STREAM_NAME + "=" + server.url(REPLAY_PATH));
            services.put("Replay stream", server.url(REPLAY_PATH));
        } else {
            Map<String, String> headers = parseJobOptions(settings.jobArgs()).headers();
            for (String url : sourceUrls) {
                StreamProbe.requireStream(url, headers);
            }
        }

        String bootstrap = settings.kafka();
        if (settings.embeddedKafka()) {
            EmbeddedKafka kafka =
                    EmbeddedKafka.start(dataDir.resolve("kafka"), host, settings.kafkaPort());
            started.push(kafka);
            bootstrap = kafka.bootstrapServers();
        }
        services.put("Kafka bootstrap", bootstrap);

        WikimediaJobFactory factory =
                WikimediaJobFactory.of(jobOptions(sourceUrls, bootstrap, dataDir));
        // Before the endpoint starts: in Kafka mode it serves the topics it finds at start.
        factory.createTopics();
        SseEndpointServer.Builder endpointBuilder =
                SseEndpointServer.builder()
                        .host(host)
                        .port(settings.httpPort())
                        .staticResources("dashboard");
        String publishToken = null;
        if (settings.serveFrom() == ServeFrom.KAFKA) {
            endpointBuilder
                    .kafka(bootstrap)
                    .kafkaTopics(Topics.aggregates().toArray(String[]::new));
        } else {
            publishToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            endpointBuilder
                    .publishToken(publishToken)
                    .stateDirectory(dataDir.resolve("endpoint"))
                    .streams(AggregateStreams.ALL.toArray(String[]::new));
        }
        SseEndpointServer endpoint = endpointBuilder.build().start();
        started.push(endpoint);
        services.put("SSE endpoint", endpoint.uri().toString());
        services.put("Dashboard", endpoint.uri() + "/");
        if (publishToken != null) {
            factory = factory.pushingTo(endpoint.uri().toString(), publishToken);
        }

        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flinkConfig(dataDir));
        factory.addTo(env);
        job = env.executeAsync(WikimediaAggregatesJob.JOB_NAME);
        started.push(() -> stopJob(dataDir.resolve("savepoints")));
        services.put("Flink Web UI", flinkUiUrl());
        services.put("Data directory", dataDir.toString());
        for (String stream : AggregateStreams.ALL) {
            services.put(
                    "Stream " + stream,
                    endpoint.uri()
                            + "/streams/"
                            + stream
                            + "  (Kafka topic "
                            + Topics.ofStream(stream)
                            + ")");
        }
    }

    /**
     * Stops the job with a savepoint, so its last Kafka transactions are committed and a {@code
     * --resume} continues exactly there; cancels it if that does not succeed in time.
     */
    private void stopJob(Path savepoints) throws Exception {
        try {
            job.stopWithSavepoint(
                            false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            job.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * The job's options: this run's streams, Kafka and parallelism; one topic partition and a
     * transactional-id prefix of this run unless the extra job options say otherwise.
     */
    private JobOptions jobOptions(List<String> sourceUrls, String bootstrap, Path dataDir)
            throws IOException {
        List<String> args = new ArrayList<>();
        for (String url : sourceUrls) {
            args.add("--source");
            args.add(url);
        }
        args.addAll(
                List.of(
                        "--kafka",
                        bootstrap,
                        "--parallelism",
                        Integer.toString(settings.parallelism())));
        List<String> jobArgs = settings.jobArgs();
        if (!givesOption(jobArgs, "--topic-partitions")) {
            args.addAll(List.of("--topic-partitions", "1"));
        }
        if (!givesOption(jobArgs, "--transactional-id-prefix")) {
            args.addAll(List.of("--transactional-id-prefix", "eddy-local-" + runId(dataDir)));
        }
        args.addAll(jobArgs);
        return parseJobOptions(args);
    }

    private static JobOptions parseJobOptions(List<String> args) {
        return JobOptions.parse(args.toArray(String[]::new))
                .orElseThrow(() -> new IllegalArgumentException("job options asked for help only"));
    }

    private String flinkUiUrl() {
        return "http://" + HOST + ":" + settings.uiPort();
    }

    private static boolean givesOption(List<String> args, String option) {
        return args.stream().anyMatch(arg -> arg.equals(option) || arg.startsWith(option + "="));
    }

    private Configuration flinkConfig(Path dataDir) throws IOException {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, HOST);
        conf.set(RestOptions.ADDRESS, HOST);
        conf.set(RestOptions.PORT, settings.uiPort());
        // No jar uploads (a web page can post one to localhost without a CORS preflight), and the
        // REST API answers only its own UI's origin, not Flink's default "*".
        conf.set(WebOptions.SUBMIT_ENABLE, false);
        conf.set(WebOptions.ACCESS_CONTROL_ALLOW_ORIGIN, flinkUiUrl());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, settings.parallelism()));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dataDir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 2);
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(2));
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        if (settings.resume()) {
            restoredFrom =
                    RetainedCheckpoints.newest(
                                    dataDir.resolve("savepoints"), dataDir.resolve("checkpoints"))
                            .orElse(null);
            if (restoredFrom != null) {
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoredFrom.toUri().toString());
            }
        }
        return conf;
    }

    /** Creates the data directory, or clears the previous run's data unless resuming. */
    private Path prepareDataDir() throws IOException {
        Path dir = settings.dataDir().toAbsolutePath();
        Files.createDirectories(dir);
        boolean ours = Files.exists(dir.resolve(DATA_DIR_MARKER));
        try (Stream<Path> entries = Files.list(dir)) {
            if (!ours && entries.findAny().isPresent()) {
                throw new IllegalStateException(
                        "Data directory "
                                + dir
                                + " is not empty and not Eddy's: choose another with --data-dir");
            }
        }
        if (!settings.resume()) {
            for (String part :
                    List.of("kafka", "checkpoints", "savepoints", "endpoint", "run-id")) {
                FileUtils.deleteFileOrDirectory(dir.resolve(part).toFile());
            }
        }
        Files.writeString(
                dir.resolve(DATA_DIR_MARKER),
                "Data of eddy local; safe to delete when it is not running.\n");
        return dir;
    }

    /** An id per clean start, so Kafka transactional ids of different runs never collide. */
    private static String runId(Path dataDir) throws IOException {
        Path file = dataDir.resolve("run-id");
        if (!Files.exists(file)) {
            Files.writeString(file, HexFormat.of().formatHex(new SecureRandom().generateSeed(4)));
        }
        return Files.readString(file).trim();
    }

    /** Stops the job, then the endpoint, Kafka and the replay server. */
    @Override
    public void close() throws Exception {
        try {
            IOUtils.closeAll(started);
        } finally {
            started.clear();
        }
    }
}
