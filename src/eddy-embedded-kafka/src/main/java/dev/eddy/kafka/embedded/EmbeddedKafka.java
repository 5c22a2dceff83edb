package dev.eddy.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM, from
 * the {@code kafka_2.13} artifacts: no Docker, no install. Its log directory survives a restart, so
 * a resumed {@code eddy local} finds its topics again.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int START_ATTEMPTS = 3;

    static {
        // Kafka ends its process on fatal errors (a port it cannot bind, among others); embedded,
        // that process is Eddy's or a test's, so the errors become exceptions instead.
        Exit.Procedure fail =
                (status, message) -> {
                    throw new IllegalStateException(
                            "embedded Kafka broker failed (status " + status + "): " + message);
                };
        Exit.setExitProcedure(fail);
        Exit.setHaltProcedure(fail);
    }

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path logDir;

    private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, Path logDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /**
     * Formats {@code logDir} if it is new, then starts the broker.
     *
     * @param port the client port; 0 picks a free one
     */
    public static EmbeddedKafka start(Path logDir, String host, int port) throws IOException {
        Files.createDirectories(logDir);
        for (int attempt = 1; ; attempt++) {
            int brokerPort = port == 0 ? freePort(host) : port;
            int controllerPort = freePort(host);
            try {
                return startOnce(logDir, host, brokerPort, controllerPort);
            } catch (RuntimeException e) {
                // A port picked free can be taken by another process before the broker binds it.
                if (attempt == START_ATTEMPTS) {
                    throw new IOException(
                            "Could not start the embedded Kafka broker on "
                                    + host
                                    + ":"
                                    + brokerPort
                                    + " (controller "
                                    + controllerPort
                                    + "): "
                                    + e.getMessage(),
                            e);
                }
            }
        }
    }

    private static EmbeddedKafka startOnce(
            Path logDir, String host, int brokerPort, int controllerPort) throws IOException {
        Properties props = SingleNodeBrokerConfig.of(host, brokerPort, controllerPort, logDir);
        props.put("log.flush.interval.messages", Long.toString(Long.MAX_VALUE));
        formatIfNew(logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw e;
        }
        return new EmbeddedKafka(server, host + ":" + brokerPort, logDir);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Path logDir() {
        return logDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static void formatIfNew(Path logDir, Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = logDir.resolve("format.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by Eddy to format the embedded broker's storage");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status =
                StorageTool.execute(
                        new String[] {
                            "format",
                            "--config",
                            config.toString(),
                            "--cluster-id",
                            Uuid.randomUuid().toString()
                        },
                        new PrintStream(output, true, StandardCharsets.UTF_8));
        Files.delete(config);
        if (status != 0) {
            throw new IOException(
                    "Could not format Kafka storage in "
                            + logDir
                            + ": "
                            + output.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * A free port, chosen without {@code SO_REUSEADDR}: Kafka binds without it, so a port that
     * connections still use ({@code TIME_WAIT}, or as their local port) would fail its start.
     */
    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        }
    }
}
