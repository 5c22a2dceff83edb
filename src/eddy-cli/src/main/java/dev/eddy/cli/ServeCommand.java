package dev.eddy.cli;

import dev.eddy.sse.server.SseEndpointServer;
import dev.eddy.wikimedia.record.AggregateStreams;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy serve}: the SSE endpoint with the live dashboard, alone (for cluster deployments):
 * fed by the job's push sink, or with {@code --kafka} serving the aggregate topics from Kafka.
 */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serves the SSE endpoint: browsers and curl -N read aggregates from GET /streams/<name>;",
            "GET / is the live dashboard. Push mode (default): the job's push sink publishes to",
            "POST /streams/<name>. Kafka mode (--kafka): serves the committed records of the eddy.*",
            "topics; run any number of replicas behind a load balancer, each resumes any subscriber.",
            "Tokens are best given in the environment: EDDY_PUBLISH_TOKEN, EDDY_READ_TOKEN."
        })
public final class ServeCommand implements Callable<Integer> {

    static final String PUBLISH_TOKEN_ENV = "EDDY_PUBLISH_TOKEN";
    static final String READ_TOKEN_ENV = "EDDY_READ_TOKEN";
    static final String DASHBOARD = "dashboard";

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = 8090;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "Address to bind (default: ${DEFAULT-VALUE}, all interfaces).")
    String host = "0.0.0.0";

    @Option(
            names = "--kafka",
            paramLabel = "HOST:PORT",
            description =
                    "Serve from Kafka instead of taking publishes: the bootstrap servers of the job's cluster.")
    String kafka;

    @Option(
            names = "--topics",
            paramLabel = "GLOB",
            split = ",",
            description =
                    "With --kafka: topics to serve, comma-separated globs (default: eddy.*, without eddy.dead-letters); eddy.<name> serves as /streams/<name>.")
    List<String> topics = new ArrayList<>();

    @Option(
            names = "--snapshot-span",
            paramLabel = "MINUTES",
            description =
                    "?snapshot=latest sends every open window and those ended in this span (default: ${DEFAULT-VALUE}, the job's longest window).")
    int snapshotMinutes = 5;

    @Option(
            names = "--publish-token",
            paramLabel = "T",
            description =
                    "Token publishers must send (default: $"
                            + PUBLISH_TOKEN_ENV
                            + "). Visible in the process list: prefer the environment.")
    String publishToken;

    @Option(
            names = "--read-token",
            paramLabel = "T",
            description =
                    "Token subscribers must send as ?token= or a bearer header (default: $"
                            + READ_TOKEN_ENV
                            + ", none for open reads).")
    String readToken;

    @Option(
            names = "--history",
            paramLabel = "N",
            description =
                    "Records kept in memory per stream for resuming subscribers (default: ${DEFAULT-VALUE}); with --kafka older ones are read from Kafka.")
    int history = 10_000;

    @Option(
            names = "--heartbeat",
            paramLabel = "SECONDS",
            description = "Seconds between heartbeat comments (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds = 15;

    @Option(
            names = "--stream",
            paramLabel = "NAME",
            description =
                    "Push mode: a stream that exists from the start, repeatable (default: the job's aggregate streams: edits-per-wiki, top-pages, activity). Others are created on first publish.")
    List<String> streams = new ArrayList<>();

    @Option(
            names = "--state-dir",
            paramLabel = "DIR",
            description =
                    "Push mode: where event id reservations are kept so ids never go back across restarts (default: ${DEFAULT-VALUE}).")
    Path stateDir = Path.of(".eddy", "endpoint");

    @Option(
            names = "--max-connections-per-address",
            paramLabel = "N",
            description =
                    "Open subscriptions allowed per client address (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress = 256;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Open subscriptions allowed in total (default: ${DEFAULT-VALUE}).")
    int maxConnections = 20_000;

    @Option(
            names = "--subscriber-queue",
            paramLabel = "N",
            description =
                    "Frames queued for a slow subscriber before it is disconnected (default: ${DEFAULT-VALUE}).")
    int subscriberQueue = 1_024;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String read = readToken != null ? readToken : System.getenv(READ_TOKEN_ENV);
        SseEndpointServer.Builder builder =
                SseEndpointServer.builder()
                        .host(host)
                        .port(port)
                        .readToken(read)
                        .historySize(history)
                        .heartbeatInterval(Duration.ofSeconds(heartbeatSeconds))
                        .snapshotSpan(Duration.ofMinutes(snapshotMinutes))
                        .maxConnectionsPerAddress(maxConnectionsPerAddress)
                        .maxConnections(maxConnections)
                        .maxQueuedPerSubscriber(subscriberQueue)
                        .staticResources(DASHBOARD);
        if (kafka != null) {
            builder.kafka(kafka);
            if (!topics.isEmpty()) {
                builder.kafkaTopics(topics.toArray(new String[0]));
            }
        } else {
            String publish = publishToken != null ? publishToken : System.getenv(PUBLISH_TOKEN_ENV);
            if (publish == null || publish.isBlank()) {
                err.println(
                        "eddy serve: no publish token. Set "
                                + PUBLISH_TOKEN_ENV
                                + " (e.g. export "
                                + PUBLISH_TOKEN_ENV
                                + "=$(openssl rand -hex 16)) and give the job the same token,"
                                + " or serve from Kafka with --kafka HOST:PORT.");
                err.flush();
                return 2;
            }
            builder.publishToken(publish)
                    .stateDirectory(stateDir)
                    .streams(
                            streams.isEmpty()
                                    ? AggregateStreams.ALL.toArray(new String[0])
                                    : streams.toArray(new String[0]));
        }
        SseEndpointServer server = builder.build();
        try {
            server.start();
        } catch (IllegalStateException e) {
            err.println("eddy serve: " + e.getMessage());
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        server.close();
                                    } catch (Exception e) {
                                        err.println("eddy serve: error while stopping: " + e);
                                        err.flush();
                                    } finally {
                                        stopped.countDown();
                                    }
                                },
                                "eddy-serve-shutdown"));
        out.println(
                "SSE endpoint and dashboard: "
                        + server.uri()
                        + "/"
                        + (read == null ? "" : " (read token required)")
                        + (kafka == null ? "" : "  serving from Kafka " + kafka));
        out.println(
                "Streams: "
                        + server.uri()
                        + "/streams   metrics: "
                        + server.uri()
                        + "/metrics   Ctrl-C stops");
        out.flush();
        stopped.await();
        return 0;
    }
}
