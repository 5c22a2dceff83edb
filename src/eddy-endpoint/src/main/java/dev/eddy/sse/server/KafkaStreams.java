package dev.eddy.sse.server;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The streams of an endpoint that serves from Kafka: one per topic matching the configured patterns
 * ({@code eddy.<name>} serves as {@code <name>}), found at start and every 30 s after, each fed by
 * its own {@link TopicReader}; subscribers resuming from further back share one {@link
 * CatchUpReader}. Replicas share nothing but Kafka: no consumer group, no committed offsets.
 */
final class KafkaStreams implements StreamCatalog, AutoCloseable {

    static final String TOPIC_PREFIX = "eddy.";
    static final String DEAD_LETTERS = "eddy.dead-letters";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaStreams.class);
    private static final Duration DISCOVERY = Duration.ofSeconds(30);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final int CATCH_UP_THREADS = 2;

    private final SseEndpointServer.KafkaFeed feed;
    private final int ringCapacity;
    private final Duration snapshotSpan;
    private final FanOut fanOut;
    private final List<Pattern> topics = new ArrayList<>();
    private final ConcurrentSkipListMap<String, KafkaStream> streams =
            new ConcurrentSkipListMap<>();
    private final List<TopicReader> readers = new ArrayList<>();
    private Admin admin;
    private CatchUpReader catchUp;
    private ScheduledExecutorService discovery;

    KafkaStreams(
            SseEndpointServer.KafkaFeed feed,
            int ringCapacity,
            Duration snapshotSpan,
            FanOut fanOut,
            EndpointMetrics metrics) {
        this.feed = feed;
        this.ringCapacity = ringCapacity;
        this.snapshotSpan = snapshotSpan;
        this.fanOut = fanOut;
        feed.topicPatterns.forEach(glob -> topics.add(globToRegex(glob)));
        registerMetrics(metrics);
    }

    /** Finds the topics and starts reading them; fails if Kafka cannot be reached. */
    void start() throws InterruptedException {
        Properties adminProperties = new Properties();
        adminProperties.putAll(feed.properties);
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, feed.bootstrapServers);
        adminProperties.put(AdminClientConfig.CLIENT_ID_CONFIG, "eddy-endpoint-admin");
        admin = Admin.create(adminProperties);
        catchUp = new CatchUpReader(consumerProperties("catch-up"), CATCH_UP_THREADS);
        try {
            discover();
        } catch (ExecutionException | TimeoutException e) {
            close();
            throw new IllegalStateException(
                    "Cannot list the topics of Kafka at "
                            + feed.bootstrapServers
                            + " within "
                            + START_TIMEOUT.toSeconds()
                            + " s: "
                            + (e.getCause() == null ? e : e.getCause()).getMessage(),
                    e);
        }
        discovery =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, "eddy-endpoint-topic-discovery");
                            thread.setDaemon(true);
                            return thread;
                        });
        discovery.scheduleWithFixedDelay(
                this::discoverQuietly,
                DISCOVERY.toMillis(),
                DISCOVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void discoverQuietly() {
        try {
            discover();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Listing the topics of Kafka failed; trying again in 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void discover()
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> names =
                admin.listTopics().names().get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (String topic : names) {
            String name = streamName(topic);
            if (serves(topic) && !streams.containsKey(name)) {
                KafkaStream stream =
                        new KafkaStream(
                                name,
                                topic,
                                ringCapacity,
                                new LatestWindows(snapshotSpan, 100_000),
                                catchUp,
                                fanOut);
                TopicReader reader =
                        new TopicReader(
                                stream,
                                consumerProperties(name),
                                snapshotSpan.multipliedBy(2),
                                ringCapacity);
                streams.put(name, stream);
                readers.add(reader);
                reader.start();
            }
        }
    }

    /** True if the topic matches a pattern; dead letters only when named exactly. */
    boolean serves(String topic) {
        if (topic.equals(DEAD_LETTERS) && !feed.topicPatterns.contains(DEAD_LETTERS)) {
            return false;
        }
        return topics.stream().anyMatch(pattern -> pattern.matcher(topic).matches());
    }

    static String streamName(String topic) {
        return topic.startsWith(TOPIC_PREFIX) && topic.length() > TOPIC_PREFIX.length()
                ? topic.substring(TOPIC_PREFIX.length())
                : topic;
    }

    private Properties consumerProperties(String role) {
        Properties properties = new Properties();
        properties.putAll(feed.properties);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, feed.bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "eddy-endpoint-" + role);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        properties.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        properties.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        properties.putIfAbsent(ConsumerConfig.METADATA_MAX_AGE_CONFIG, "30000");
        return properties;
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String part : glob.split("((?<=[*?])|(?=[*?]))")) {
            if (part.equals("*")) {
                regex.append(".*");
            } else if (part.equals("?")) {
                regex.append('.');
            } else if (!part.isEmpty()) {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private void registerMetrics(EndpointMetrics metrics) {
        GaugeWithCallback.builder()
                .name("eddy_endpoint_kafka_position")
                .help("Next offset the endpoint's reader reads, per stream and partition.")
                .labelNames("stream", "partition")
                .callback(
                        callback -> {
                            for (KafkaStream stream : streams.values()) {
                                long[] head = stream.head();
                                for (int p = 0; p < head.length; p++) {
                                    callback.call(head[p], stream.name(), Integer.toString(p));
                                }
                            }
                        })
                .register(metrics.registry());
        CounterWithCallback.builder()
                .name("eddy_endpoint_resumes")
                .help(
                        "Subscribers that resumed or started at a time, served from the in-memory ring or read from Kafka.")
                .labelNames("stream", "from")
                .callback(
                        callback -> {
                            for (KafkaStream stream : streams.values()) {
                                callback.call(stream.resumesFromRing(), stream.name(), "ring");
                                callback.call(stream.resumesFromKafka(), stream.name(), "kafka");
                            }
                        })
                .register(metrics.registry());
        CounterWithCallback.builder()
                .name("eddy_endpoint_catch_up_records")
                .help("Records read from Kafka for subscribers catching up.")
                .callback(
                        callback -> {
                            CatchUpReader reader = catchUp;
                            callback.call(reader == null ? 0 : reader.recordsRead());
                        })
                .register(metrics.registry());
    }

    @Override
    public KafkaStream get(String name) {
        return streams.get(name);
    }

    @Override
    public Collection<KafkaStream> all() {
        return streams.values();
    }

    @Override
    public Set<String> names() {
        return streams.keySet();
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (discovery != null) {
            discovery.shutdownNow();
        }
        for (TopicReader reader : readers) {
            reader.close();
        }
        readers.clear();
        if (catchUp != null) {
            catchUp.close();
        }
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
    }

    /** For logs: what this feed reads. */
    @Override
    public String toString() {
        return "Kafka " + feed.bootstrapServers + " topics " + feed.topicPatterns;
    }
}
