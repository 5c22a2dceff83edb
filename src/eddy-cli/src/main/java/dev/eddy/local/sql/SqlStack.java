package dev.eddy.local.sql;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.sse.table.EnvironmentSecrets;
import dev.eddy.sse.table.SsePushTableOptions;
import dev.eddy.wikimedia.kafka.TopicCreator;
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
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.util.FileUtils;
import org.apache.flink.util.IOUtils;

/**
 * The embedded stack {@code eddy sql} runs statements against, the same services as {@code eddy
 * local} without its DataStream job: the replay server (offline), an embedded Kafka broker, the SSE
 * endpoint, and a Flink MiniCluster with its Web UI that every statement's job runs on. The {@code
 * ${EDDY_SOURCE_URL}}, {@code ${EDDY_KAFKA_BOOTSTRAP}} and {@code ${EDDY_ENDPOINT}} placeholders of
 * a script name them; the endpoint's publish token is the {@code EDDY_PUBLISH_TOKEN} environment
 * variable, or a random one given to the {@code sse-push} sink in this JVM.
 */
public final class SqlStack implements AutoCloseable {

    /** Where a replayed recording is served, as on Wikimedia's EventStreams. */
    public static final String REPLAY_PATH = "/v2/stream/recentchange";

    private static final List<String> STREAMS = List.of("edits-per-wiki", "top-pages", "activity");
    private static final String HOST = "127.0.0.1";

    /** What has started, the newest first: the order to stop it in. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    private final Map<String, String> services = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();
    private URI flinkUi;

    private SqlStack() {}

    /** Starts everything; on failure stops what had started and rethrows. */
    public static SqlStack start(SqlStackSettings settings) throws Exception {
        SqlStack stack = new SqlStack();
        try {
            stack.startAll(settings);
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(SqlStackSettings settings) throws Exception {
        Path dataDir = settings.dataDir().toAbsolutePath();
        for (String part : List.of("kafka", "checkpoints", "endpoint")) {
            FileUtils.deleteDirectoryQuietly(dataDir.resolve(part).toFile());
        }
        Files.createDirectories(dataDir);

        String sourceUrl = settings.sourceUrl();
        if (settings.replayFile() != null) {
            ReplayServer.Builder replay =
                    ReplayServer.builder()
                            .recording(Recording.fromPath(settings.replayFile()))
                            .host(HOST)
                            .loop(settings.replayLoop())
                            .holdOpenAtEnd(true);
            ReplayServer server =
                    (settings.replayRate() > 0
                                    ? replay.rate(settings.replayRate())
                                    : replay.unlimitedRate())
                            .start();
            started.push(server);
            sourceUrl = server.url(REPLAY_PATH);
            services.put("Replay stream", sourceUrl);
        }
        variables.put("EDDY_SOURCE_URL", sourceUrl);

        String bootstrap = settings.kafka();
        if (settings.embeddedKafka()) {
            EmbeddedKafka kafka =
                    EmbeddedKafka.start(dataDir.resolve("kafka"), HOST, settings.kafkaPort());
            started.push(kafka);
            bootstrap = kafka.bootstrapServers();
        }
        TopicCreator.of(bootstrap, 1, Duration.ofDays(7)).createMissing();
        services.put("Kafka bootstrap", bootstrap);
        variables.put("EDDY_KAFKA_BOOTSTRAP", bootstrap);

        String tokenVariable = SsePushTableOptions.TOKEN_ENV.defaultValue();
        String token = System.getenv(tokenVariable);
        if (token == null || token.isEmpty()) {
            token = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            EnvironmentSecrets.provide(tokenVariable, token);
            started.push(() -> EnvironmentSecrets.withdraw(tokenVariable));
        }
        SseEndpointServer endpoint =
                SseEndpointServer.builder()
                        .host(HOST)
                        .port(settings.httpPort())
                        .publishToken(token)
                        .stateDirectory(dataDir.resolve("endpoint"))
                        .streams(STREAMS.toArray(String[]::new))
                        .createStreamsOnPublish(true)
                        .staticResources("dashboard")
                        .build()
                        .start();
        started.push(endpoint);
        services.put("SSE endpoint", endpoint.uri().toString());
        variables.put("EDDY_ENDPOINT", endpoint.uri().toString());

        Configuration conf = flinkConfig(settings, dataDir);
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(settings.slots())
                                .build());
        cluster.start();
        started.push(cluster);
        flinkUi = cluster.getRestAddress().get();
        services.put("Flink Web UI", flinkUi.toString());
        services.put("Data directory", dataDir.toString());
    }

    private static Configuration flinkConfig(SqlStackSettings settings, Path dataDir) {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, HOST);
        conf.set(RestOptions.ADDRESS, HOST);
        conf.set(RestOptions.PORT, settings.uiPort());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, settings.slots());
        conf.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofSeconds(2));
        conf.set(
                CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                dataDir.resolve("checkpoints").toUri().toString());
        conf.set(
                CheckpointingOptions.SAVEPOINT_DIRECTORY,
                dataDir.resolve("savepoints").toUri().toString());
        return conf;
    }

    /**
     * A table environment whose jobs run on the stack's MiniCluster, checkpointed every 5 s (Kafka
     * output is committed with checkpoints) and restarted with exponential delay on failure.
     */
    public StreamTableEnvironment newTableEnvironment() {
        Configuration job = new Configuration();
        job.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(5));
        job.set(RestartStrategyOptions.RESTART_STRATEGY, "exponential-delay");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(
                        flinkUi.getHost(), flinkUi.getPort(), job);
        return StreamTableEnvironment.create(env);
    }

    /** The values of the {@code ${EDDY_...}} placeholders. */
    public Map<String, String> variables() {
        return Map.copyOf(variables);
    }

    /** One line per service, in start order: its name and URL or address. */
    public List<String> serviceLines() {
        List<String> lines = new ArrayList<>();
        services.forEach((name, where) -> lines.add(String.format("  %-18s %s", name, where)));
        return lines;
    }

    public URI flinkUi() {
        return flinkUi;
    }

    /** Stops the MiniCluster (and its jobs), then the endpoint, Kafka and the replay server. */
    @Override
    public void close() throws Exception {
        try {
            IOUtils.closeAll(started);
        } finally {
            started.clear();
        }
    }
}
