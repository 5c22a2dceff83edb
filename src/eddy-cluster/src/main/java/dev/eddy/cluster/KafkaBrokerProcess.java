package dev.eddy.cluster;

import dev.eddy.kafka.embedded.SingleNodeBrokerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) in a JVM of its own: {@code
 * kafka.Kafka server.properties} on the {@code kafka-lib} class path, after {@code
 * kafka.tools.StorageTool format} on first start. Its directory keeps the configuration (ports
 * included) and the data, so {@link #restart} brings the same broker back on the same address.
 */
public final class KafkaBrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private static final String LOG4J2 =
            String.join(
                    "\n",
                    "# Written by Eddy: the broker logs to broker.log in its directory",
                    "rootLogger.level = INFO",
                    "rootLogger.appenderRef.file.ref = FileAppender",
                    "appender.file.name = FileAppender",
                    "appender.file.type = File",
                    "appender.file.append = true",
                    "appender.file.fileName = ${sys:kafka.logs.dir}/broker.log",
                    "appender.file.layout.type = PatternLayout",
                    "appender.file.layout.pattern = [%d] %p %m (%c)%n",
                    "");

    private final ClusterArtifacts artifacts;
    private final Path directory;
    private final String host;
    private final int port;
    private final String heap;
    private JavaProcess process;
    private int starts;

    private KafkaBrokerProcess(
            ClusterArtifacts artifacts, Path directory, String host, int port, String heap) {
        this.artifacts = artifacts;
        this.directory = directory;
        this.host = host;
        this.port = port;
        this.heap = heap;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public Path directory() {
        return directory;
    }

    /** The broker's JVM (the latest one after a restart). */
    public JavaProcess process() {
        return process;
    }

    /** Kills the broker JVM ({@code kill -9}): no controlled shutdown, logs recovered on start. */
    public void kill() {
        process.kill();
    }

    /** Stops the broker cleanly (SIGTERM, a controlled shutdown). */
    public void stop() {
        process.stop(STOP_GRACE);
    }

    /** Starts the broker again, on the same address with the same data, if it is not running. */
    public void restart() throws Exception {
        if (process.isAlive()) {
            stop();
        }
        startProcess();
    }

    private KafkaBrokerProcess startFirst() throws Exception {
        Files.createDirectories(directory);
        Path config = directory.resolve("server.properties");
        if (!Files.exists(config)) {
            writeConfig(config);
        }
        Files.writeString(directory.resolve("log4j2.properties"), LOG4J2, StandardCharsets.UTF_8);
        if (!Files.exists(directory.resolve("data").resolve("meta.properties"))) {
            format(config);
        }
        startProcess();
        return this;
    }

    private void startProcess() throws Exception {
        starts++;
        process =
                JavaProcess.builder("kafka-broker", "kafka.Kafka")
                        .classPathDirectory(artifacts.kafkaLib())
                        .jvmOptions(
                                List.of(
                                        "-Xmx" + heap,
                                        "-Xms" + heap,
                                        "-XX:+UseG1GC",
                                        "-Djava.awt.headless=true",
                                        "-Dkafka.logs.dir=" + directory,
                                        "-Dlog4j2.configurationFile=file:"
                                                + directory.resolve("log4j2.properties")))
                        .arguments(directory.resolve("server.properties").toString())
                        .workingDirectory(directory)
                        .output(directory.resolve("broker.out"))
                        .start();
        JavaProcess started = process;
        Poll.until(
                "the Kafka broker at " + bootstrapServers() + " (start " + starts + ")",
                START_TIMEOUT,
                this::answers,
                () -> !started.isAlive(),
                () ->
                        "its output:\n"
                                + started.outputTail(20)
                                + "\nits log:\n"
                                + JavaProcess.tail(directory.resolve("broker.log"), 30));
    }

    /** True once the broker answers a client (metadata included). */
    private boolean answers() throws Exception {
        try (Admin admin =
                Admin.create(
                        Map.of(
                                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                                bootstrapServers(),
                                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                                2000,
                                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                                3000))) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        }
    }

    private void writeConfig(Path config) throws IOException {
        int controllerPort = Ports.free(host);
        Properties props =
                SingleNodeBrokerConfig.of(host, port, controllerPort, directory.resolve("data"));
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "Written by Eddy: a single-node KRaft broker (broker and controller)");
        }
    }

    private void format(Path config) throws IOException {
        JavaProcess.Result result =
                JavaProcess.builder("kafka-storage-format", "kafka.tools.StorageTool")
                        .classPathDirectory(artifacts.kafkaLib())
                        .jvmOption("-Xmx256m")
                        .jvmOption(
                                "-Dlog4j2.configurationFile=file:"
                                        + directory.resolve("log4j2.properties"))
                        .jvmOption("-Dkafka.logs.dir=" + directory)
                        .arguments(
                                "format",
                                "--config",
                                config.toString(),
                                "--cluster-id",
                                kafkaClusterId())
                        .output(directory.resolve("format.out"))
                        .run(START_TIMEOUT);
        if (!result.succeeded()) {
            throw new IOException(
                    "Could not format the Kafka storage in " + directory + ":\n" + result.output());
        }
    }

    /** A random cluster id in Kafka's form: a UUID as 22 characters of URL-safe base64. */
    private static String kafkaClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    /** Stops the broker cleanly. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            stop();
        }
    }

    /** Configures and starts a {@link KafkaBrokerProcess}. */
    public static final class Builder {

        private ClusterArtifacts artifacts;
        private Path directory;
        private String host = "127.0.0.1";
        private int port;
        private String heap = "512m";

        private Builder() {}

        /** Configuration and data (required); reused, with its ports, when it holds a broker. */
        public Builder directory(Path directory) {
            this.directory = directory.toAbsolutePath();
            return this;
        }

        /** The jars to run; by default those of this build. */
        public Builder artifacts(ClusterArtifacts artifacts) {
            this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
            return this;
        }

        /** The client port; 0 (the default) picks a free one on first start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The broker's heap, e.g. {@code 512m} (the default). */
        public Builder heap(String heap) {
            this.heap = Objects.requireNonNull(heap, "heap");
            return this;
        }

        /** Formats the storage if it is new, starts the broker and waits until it answers. */
        public KafkaBrokerProcess start() throws Exception {
            if (directory == null) {
                throw new IllegalStateException("Set the broker's directory with directory(...)");
            }
            if (artifacts == null) {
                artifacts = ClusterArtifacts.ofThisBuild();
            }
            int brokerPort = existingPort(directory.resolve("server.properties"));
            if (brokerPort < 0) {
                brokerPort = port == 0 ? Ports.free(host) : port;
            }
            KafkaBrokerProcess broker =
                    new KafkaBrokerProcess(artifacts, directory, host, brokerPort, heap);
            try {
                return broker.startFirst();
            } catch (Exception | Error e) {
                broker.close();
                throw e;
            }
        }

        private int existingPort(Path config) throws IOException {
            if (!Files.exists(config)) {
                return -1;
            }
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(config)) {
                props.load(in);
            }
            String advertised = props.getProperty("advertised.listeners", "");
            int colon = advertised.lastIndexOf(':');
            if (colon < 0) {
                return -1;
            }
            int existing = Integer.parseInt(advertised.substring(colon + 1).trim());
            if (port != 0 && port != existing) {
                throw new IllegalStateException(
                        "The broker in "
                                + directory
                                + " listens on port "
                                + existing
                                + ", not "
                                + port
                                + ": use that port, or another directory");
            }
            return existing;
        }
    }
}
