package dev.eddy.sse.server;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;
import static org.apache.flink.util.Preconditions.checkState;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SSE endpoint: named streams that any number of subscribers (browsers, {@code curl -N}) read
 * as {@code text/event-stream} from {@code GET /streams/<name>}, resuming with {@code
 * Last-Event-ID}. In push mode a publisher (the job's push sink) feeds them over {@code POST
 * /streams/<name>}. Runs on Jetty 12's non-blocking core API.
 *
 * <pre>{@code
 * SseEndpointServer server = SseEndpointServer.builder()
 *         .port(8090)
 *         .publishToken(System.getenv("EDDY_PUBLISH_TOKEN"))
 *         .streams("edits-per-wiki", "top-pages", "activity")
 *         .stateDirectory(Path.of("/var/lib/eddy/endpoint"))
 *         .build();
 * server.start();
 * }</pre>
 *
 * <p>Push mode ids are decimal, strictly increasing per stream and never go back across restarts
 * (see {@link Builder#stateDirectory(Path)}). A record re-sent with the same content for a {@code
 * key}, {@code window_start} and {@code revision} already published is not delivered again.
 */
public final class SseEndpointServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SseEndpointServer.class);
    private static final ByteBuffer HEARTBEAT =
            ByteBuffer.wrap(": heartbeat\n\n".getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();

    private final Settings settings;
    private Server jetty;
    private ServerConnector connector;
    private EventIdStore ids;
    private StreamCatalog streams;
    private PushStreams pushStreams;
    private KafkaStreams kafkaStreams;
    private ScheduledExecutorService heartbeats;
    private FanOut fanOut;

    private SseEndpointServer(Settings settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds the port and starts serving; fails if the port is taken or the state is unreadable. */
    public synchronized SseEndpointServer start() throws Exception {
        checkState(jetty == null, "The endpoint is already started");
        fanOut = new FanOut();
        EndpointMetrics metrics = new EndpointMetrics(() -> streams);
        if (settings.kafka != null) {
            kafkaStreams =
                    new KafkaStreams(
                            settings.kafka,
                            settings.historySize,
                            settings.snapshotSpan,
                            fanOut,
                            metrics);
            kafkaStreams.start();
            streams = kafkaStreams;
        } else {
            ids =
                    settings.stateDirectory == null
                            ? EventIdStore.clockBased(System::currentTimeMillis)
                            : EventIdStore.persistent(settings.stateDirectory);
            pushStreams =
                    new PushStreams(
                            ids,
                            settings.historySize,
                            settings.dedupWindows,
                            settings.snapshotSpan,
                            settings.createStreamsOnPublish);
            ids.knownStreams().forEach(pushStreams::declare);
            settings.streams.forEach(pushStreams::declare);
            streams = pushStreams;
        }

        QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads, 4);
        threads.setName("eddy-endpoint");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        connector = new ServerConnector(jetty, 1, -1, new HttpConnectionFactory(http));
        connector.setHost(settings.host);
        connector.setPort(settings.port);
        connector.setAcceptQueueSize(4096);
        connector.setIdleTimeout(Math.max(30_000, 3 * settings.heartbeatInterval.toMillis()));
        jetty.addConnector(connector);
        jetty.setErrorHandler(new JsonErrorHandler(metrics));
        jetty.setHandler(handlers(metrics));
        jetty.setStopTimeout(0);
        jetty.start();

        heartbeats =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "eddy-endpoint-heartbeat");
                            thread.setDaemon(true);
                            return thread;
                        });
        long interval = settings.heartbeatInterval.toMillis();
        heartbeats.scheduleAtFixedRate(
                this::sendHeartbeats, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info(
                "SSE endpoint listening on {}, {}, streams {}",
                uri(),
                kafkaStreams != null ? "serving from " + kafkaStreams : "fed by pushes",
                streams.names());
        return this;
    }

    /** The port actually bound (useful with port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:8090}. */
    public URI uri() {
        String host =
                settings.host.isEmpty() || settings.host.equals("0.0.0.0")
                        ? "127.0.0.1"
                        : settings.host;
        return URI.create(
                "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
    }

    /**
     * Stops taking publishes, disconnects subscribers, stops serving and records each pushed
     * stream's last id (taken once no stream can hand out another).
     */
    @Override
    public synchronized void close() throws Exception {
        if (jetty == null) {
            return;
        }
        Map<String, Long> lastIds = new TreeMap<>();
        if (pushStreams != null) {
            pushStreams.all().forEach(stream -> lastIds.put(stream.name(), stream.stop()));
        }
        heartbeats.shutdownNow();
        fanOut.close();
        Exception stopping = new ClosedChannelException();
        for (ServedStream stream : streams.all()) {
            stream.subscribers().forEach(subscriber -> subscriber.disconnect(stopping));
        }
        try {
            if (kafkaStreams != null) {
                kafkaStreams.close();
            }
            jetty.stop();
        } finally {
            if (ids != null) {
                ids.closeCleanly(lastIds);
            }
            jetty = null;
        }
    }

    private Handler handlers(EndpointMetrics metrics) {
        ReadAccess readAccess = new ReadAccess(settings.readToken);
        PublishHandler publish =
                pushStreams == null
                        ? null
                        : new PublishHandler(
                                pushStreams,
                                settings.publishToken,
                                fanOut,
                                settings.maxRequestBytes);
        StreamHandler stream =
                new StreamHandler(
                        streams,
                        publish,
                        readAccess,
                        new ConnectionLimiter(
                                settings.maxConnectionsPerAddress, settings.maxConnections),
                        metrics,
                        settings.retryMillis,
                        settings.maxQueuedPerSubscriber);
        StreamListHandler list = new StreamListHandler(streams, readAccess);
        PathMappingsHandler routes = new PathMappingsHandler.NoContext();
        routes.addMapping(PathSpec.from("/healthz"), new HealthHandler(streams));
        routes.addMapping(PathSpec.from("/metrics"), new MetricsHandler(metrics, readAccess));
        routes.addMapping(PathSpec.from("/streams"), list);
        routes.addMapping(PathSpec.from("/streams/"), list);
        SizeLimitHandler sizeLimit = new SizeLimitHandler(settings.maxRequestBytes, -1);
        sizeLimit.setHandler(stream);
        routes.addMapping(PathSpec.from(StreamHandler.PREFIX + "*"), sizeLimit);
        routes.addMapping(PathSpec.from("/"), new FallbackHandler(staticResources()));

        CrossOriginHandler cors = new CrossOriginHandler();
        cors.setAllowedOriginPatterns(settings.allowedOrigins);
        cors.setAllowedMethods(Set.of("GET", "HEAD", "POST", "OPTIONS"));
        cors.setAllowedHeaders(
                Set.of("Authorization", "Content-Type", "Last-Event-ID", "Cache-Control"));
        cors.setAllowCredentials(false);
        cors.setPreflightMaxAge(Duration.ofMinutes(10));
        cors.setDeliverPreflightRequests(true);
        cors.setHandler(new PreflightHandler(routes, "GET, HEAD, POST, OPTIONS"));
        return cors;
    }

    private void sendHeartbeats() {
        try {
            for (ServedStream stream : streams.all()) {
                for (Subscriber subscriber : stream.idleCandidates()) {
                    if (subscriber.enqueue(HEARTBEAT)) {
                        subscriber.iterate();
                    } else {
                        subscriber.disconnectSlow();
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Heartbeat round failed; the next round will try again", e);
        }
    }

    private Handler staticResources() {
        if (settings.staticClasspathLocation == null && settings.staticDirectory == null) {
            return null;
        }
        ResourceHandler handler = new ResourceHandler();
        ResourceFactory factory = ResourceFactory.of(handler);
        Resource base =
                settings.staticDirectory != null
                        ? factory.newResource(settings.staticDirectory)
                        : factory.newClassLoaderResource(settings.staticClasspathLocation);
        checkArgument(
                base != null,
                "No static resources at classpath location '%s': check the jar contains it",
                settings.staticClasspathLocation);
        handler.setBaseResource(base);
        handler.setWelcomeFiles("index.html");
        handler.setDirAllowed(false);
        handler.setCacheControl("no-cache");
        return handler;
    }

    /** The endpoint's configuration, fixed by {@link Builder#build()}. */
    static final class Settings {
        final String host;
        final int port;
        final String publishToken;
        final String readToken;
        final int historySize;
        final int dedupWindows;
        final Duration heartbeatInterval;
        final long retryMillis;
        final int maxQueuedPerSubscriber;
        final int maxConnectionsPerAddress;
        final int maxConnections;
        final int maxRequestBytes;
        final int maxThreads;
        final Set<String> streams;
        final boolean createStreamsOnPublish;
        final Path stateDirectory;
        final String staticClasspathLocation;
        final Path staticDirectory;
        final Set<String> allowedOrigins;
        final Duration snapshotSpan;
        final KafkaFeed kafka;

        private Settings(Builder builder) {
            this.host = builder.host;
            this.port = builder.port;
            this.publishToken = builder.publishToken;
            this.readToken = builder.readToken;
            this.historySize = builder.historySize;
            this.dedupWindows = builder.dedupWindows;
            this.heartbeatInterval = builder.heartbeatInterval;
            this.retryMillis = builder.retryMillis;
            this.maxQueuedPerSubscriber = builder.maxQueuedPerSubscriber;
            this.maxConnectionsPerAddress = builder.maxConnectionsPerAddress;
            this.maxConnections = builder.maxConnections;
            this.maxRequestBytes = builder.maxRequestBytes;
            this.maxThreads = builder.maxThreads;
            this.streams = Set.copyOf(new LinkedHashSet<>(builder.streams));
            this.createStreamsOnPublish = builder.createStreamsOnPublish;
            this.stateDirectory = builder.stateDirectory;
            this.staticClasspathLocation = builder.staticClasspathLocation;
            this.staticDirectory = builder.staticDirectory;
            this.allowedOrigins = Set.copyOf(builder.allowedOrigins);
            this.snapshotSpan = builder.snapshotSpan;
            this.kafka =
                    builder.kafkaBootstrapServers == null
                            ? null
                            : new KafkaFeed(
                                    builder.kafkaBootstrapServers,
                                    builder.kafkaTopics,
                                    builder.kafkaProperties);
        }

        @Override
        public String toString() {
            return "Settings{host="
                    + host
                    + ", port="
                    + port
                    + ", publishToken=***, readToken="
                    + (readToken == null ? "none" : "***")
                    + ", historySize="
                    + historySize
                    + "}";
        }
    }

    /** Where an endpoint in Kafka mode reads: the cluster, the topic patterns, client settings. */
    static final class KafkaFeed {
        final String bootstrapServers;
        final List<String> topicPatterns;
        final Properties properties;

        KafkaFeed(String bootstrapServers, List<String> topicPatterns, Properties properties) {
            this.bootstrapServers = bootstrapServers;
            this.topicPatterns = List.copyOf(topicPatterns);
            this.properties = new Properties();
            this.properties.putAll(properties);
        }
    }

    /**
     * Configures an {@link SseEndpointServer}. In push mode (the default) only the publish token is
     * required; {@link #kafka(String)} switches to Kafka mode, which takes no publishes. {@link
     * #build()} copies the settings: changing the builder afterwards does not change what it built.
     */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int port = 8090;
        private String publishToken;
        private String readToken;
        private int historySize = 10_000;
        private int dedupWindows = 100_000;
        private Duration heartbeatInterval = Duration.ofSeconds(15);
        private long retryMillis = 3_000;
        private int maxQueuedPerSubscriber = 1_024;
        private int maxConnectionsPerAddress = 256;
        private int maxConnections = 20_000;
        private int maxRequestBytes = 4 * 1024 * 1024;
        private int maxThreads = 64;
        private final Set<String> streams = new LinkedHashSet<>();
        private boolean createStreamsOnPublish = true;
        private Path stateDirectory;
        private String staticClasspathLocation;
        private Path staticDirectory;
        private Set<String> allowedOrigins = Set.of("*");
        private Duration snapshotSpan = Duration.ofMinutes(5);
        private String kafkaBootstrapServers;
        private List<String> kafkaTopics = List.of(KafkaStreams.TOPIC_PREFIX + "*");
        private final Properties kafkaProperties = new Properties();

        private Builder() {}

        /** Address to bind; default {@code 127.0.0.1}, {@code 0.0.0.0} for all interfaces. */
        public Builder host(String host) {
            this.host = checkNotNull(host, "host");
            return this;
        }

        /** Port to bind; default 8090, 0 for any free port. */
        public Builder port(int port) {
            checkArgument(port >= 0 && port <= 65_535, "port must be 0..65535, got %s", port);
            this.port = port;
            return this;
        }

        /** Required: the token a publisher sends as {@code Authorization: Bearer <token>}. */
        public Builder publishToken(String token) {
            this.publishToken = token;
            return this;
        }

        /**
         * Optional: subscribers (and {@code /streams}, {@code /metrics}) must send it ({@code
         * ?token=} or a bearer header); null for open reads.
         */
        public Builder readToken(String token) {
            this.readToken = token == null || token.isEmpty() ? null : token;
            return this;
        }

        /** Records kept per stream for resuming subscribers; default 10,000. */
        public Builder historySize(int records) {
            checkArgument(records >= 0, "history size must be >= 0, got %s", records);
            this.historySize = records;
            return this;
        }

        /** Windows per stream whose published updates are remembered; default 100,000. */
        public Builder deduplicationWindows(int windows) {
            checkArgument(windows > 0, "deduplication windows must be > 0, got %s", windows);
            this.dedupWindows = windows;
            return this;
        }

        /** How often idle subscribers get a comment line; default 15 s. */
        public Builder heartbeatInterval(Duration interval) {
            checkArgument(
                    interval != null && !interval.isNegative() && !interval.isZero(),
                    "heartbeat interval must be positive, got %s",
                    interval);
            this.heartbeatInterval = interval;
            return this;
        }

        /** The {@code retry:} hint sent to subscribers; default 3 s. */
        public Builder retryHint(Duration retry) {
            checkArgument(
                    retry != null && !retry.isNegative(), "retry hint must be >= 0, got %s", retry);
            this.retryMillis = retry.toMillis();
            return this;
        }

        /**
         * Frames queued for one subscriber before it is disconnected as too slow; default 1,024.
         */
        public Builder maxQueuedPerSubscriber(int frames) {
            checkArgument(frames > 0, "queue bound must be > 0, got %s", frames);
            this.maxQueuedPerSubscriber = frames;
            return this;
        }

        /** Open subscriptions allowed per remote address; default 256. */
        public Builder maxConnectionsPerAddress(int connections) {
            checkArgument(connections > 0, "connection limit must be > 0, got %s", connections);
            this.maxConnectionsPerAddress = connections;
            return this;
        }

        /**
         * Open subscriptions allowed in total, so many clients cannot exhaust the heap or file
         * descriptors; more get 503 with {@code Retry-After}; default 20,000.
         */
        public Builder maxConnections(int connections) {
            checkArgument(connections > 0, "connection limit must be > 0, got %s", connections);
            this.maxConnections = connections;
            return this;
        }

        /** Largest publish body accepted, larger ones get 413; default 4 MiB. */
        public Builder maxRequestBytes(int bytes) {
            checkArgument(bytes > 0, "request size limit must be > 0, got %s", bytes);
            this.maxRequestBytes = bytes;
            return this;
        }

        /** Jetty worker threads; default 64 (writes are non-blocking, few are needed). */
        public Builder maxThreads(int threads) {
            checkArgument(threads >= 8, "at least 8 threads are needed, got %s", threads);
            this.maxThreads = threads;
            return this;
        }

        /**
         * Streams that exist from the start, so subscribers can wait on them before the first
         * record.
         */
        public Builder streams(String... names) {
            for (String name : names) {
                streams.add(checkNotNull(name, "stream name"));
            }
            return this;
        }

        /**
         * Whether a publish to an unknown stream creates it (default true). When false only {@link
         * #streams(String...)} and streams of an earlier run exist; others get 404.
         */
        public Builder createStreamsOnPublish(boolean create) {
            this.createStreamsOnPublish = create;
            return this;
        }

        /**
         * Directory for the id reservations that keep ids increasing across restarts. Without one,
         * ids start from the clock (milliseconds times 1,000) at each start.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /**
         * Serves {@code GET /} and other paths from this classpath folder, e.g. {@code
         * "dashboard"}.
         */
        public Builder staticResources(String classpathLocation) {
            this.staticClasspathLocation = classpathLocation;
            this.staticDirectory = null;
            return this;
        }

        /** Serves {@code GET /} and other paths from this directory. */
        public Builder staticResources(Path directory) {
            checkArgument(
                    Files.isDirectory(directory),
                    "static resources directory does not exist: %s",
                    directory);
            this.staticDirectory = directory;
            this.staticClasspathLocation = null;
            return this;
        }

        /**
         * Origins allowed to read cross-origin (CORS): {@code *} (default) for any, or exact
         * origins such as {@code https://dashboard.example.org}.
         */
        public Builder allowedOrigins(String... origins) {
            checkArgument(origins.length > 0, "at least one allowed origin is needed");
            Set<String> patterns = new LinkedHashSet<>();
            for (String origin : origins) {
                checkNotNull(origin, "origin");
                patterns.add(origin.equals("*") ? origin : Pattern.quote(origin));
            }
            this.allowedOrigins = patterns;
            return this;
        }

        /**
         * {@code ?snapshot=latest} sends the latest update of every window still open or ended
         * within this span of the newest window end seen; default 5 min (the job's longest window).
         * In Kafka mode a replica reads back twice this span of the topic when it starts.
         */
        public Builder snapshotSpan(Duration span) {
            checkArgument(
                    span != null && !span.isNegative() && !span.isZero(),
                    "snapshot span must be positive, got %s",
                    span);
            this.snapshotSpan = span;
            return this;
        }

        /**
         * Kafka mode: serves the aggregate topics of this cluster ({@code host:port[,...]}), read
         * {@code read_committed}, instead of taking publishes. Event ids are then Kafka positions
         * (see the docs), valid on every replica; {@link #historySize(int)} is the in-memory ring
         * per stream that serves subscribers resuming close to the head.
         */
        public Builder kafka(String bootstrapServers) {
            checkArgument(
                    bootstrapServers != null && !bootstrapServers.isBlank(),
                    "Kafka bootstrap servers must be host:port[,host:port...]");
            this.kafkaBootstrapServers = bootstrapServers;
            return this;
        }

        /**
         * Topics to serve in Kafka mode, as globs; default {@code eddy.*} (without {@code
         * eddy.dead-letters} unless it is named). Topic {@code eddy.<name>} serves as stream {@code
         * <name>}.
         */
        public Builder kafkaTopics(String... globs) {
            checkArgument(globs.length > 0, "at least one topic pattern is needed");
            for (String glob : globs) {
                checkArgument(glob != null && !glob.isBlank(), "topic patterns must not be blank");
            }
            this.kafkaTopics = List.of(globs);
            return this;
        }

        /** Any Kafka client setting for Kafka mode, e.g. {@code security.protocol}. */
        public Builder kafkaProperty(String key, String value) {
            kafkaProperties.setProperty(checkNotNull(key, "key"), checkNotNull(value, "value"));
            return this;
        }

        public SseEndpointServer build() {
            if (kafkaBootstrapServers != null) {
                checkArgument(
                        publishToken == null,
                        "a publish token has no use in Kafka mode: the endpoint takes no publishes there");
                checkArgument(
                        stateDirectory == null,
                        "a state directory has no use in Kafka mode: ids are Kafka positions");
            } else {
                checkArgument(
                        publishToken != null && !publishToken.isEmpty(),
                        "a publish token is required: set one (e.g. from EDDY_PUBLISH_TOKEN) so only the job can publish");
            }
            return new SseEndpointServer(new Settings(this));
        }
    }
}
