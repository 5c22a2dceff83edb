package dev.eddy.bench;

import dev.eddy.kafka.embedded.EmbeddedKafka;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code eddy bench fanout}: starts the endpoint ({@code eddy serve}) in JVMs of their own (so
 * their heaps are their own), holds N subscribers on loopback from this JVM, publishes
 * aggregate-sized records at a fixed rate and measures publish-to-receipt latency per delivery
 * (HdrHistogram), the share of deliveries that arrived, the endpoints' heap and heap per
 * subscriber. In push mode it publishes through the HTTP publish API to one endpoint; with {@code
 * --kafka} it commits each record in its own Kafka transaction (as the job's sink does) and the
 * subscribers are spread over the replicas, so the latency runs from commit to receipt. Bounded in
 * clients and time.
 */
public final class FanoutBenchmark {

    private static final String STREAM = "bench";
    private static final String TOPIC = "eddy." + STREAM;
    private static final String NUMBER = "([0-9.Ee+-]+)";
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);
    private static final Pattern HEAP =
            Pattern.compile(
                    "^eddy_endpoint_jvm_heap_used_bytes " + NUMBER + "$", Pattern.MULTILINE);
    private static final Pattern SUBSCRIBERS =
            Pattern.compile(
                    "^eddy_endpoint_subscribers\\{stream=\"" + STREAM + "\"} " + NUMBER + "$",
                    Pattern.MULTILINE);
    private static final Pattern DROPS =
            Pattern.compile(
                    "^eddy_endpoint_slow_subscriber_drops_total " + NUMBER + "$",
                    Pattern.MULTILINE);

    private final FanoutSettings settings;
    private final PrintWriter out;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token = UUID.randomUUID().toString();

    public FanoutBenchmark(FanoutSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    public void run() throws Exception {
        Path work = Files.createTempDirectory("eddy-bench-fanout");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            String bootstrap = null;
            if (settings.kafka != null) {
                bootstrap = settings.kafka;
                if (settings.kafka.equals(FanoutSettings.EMBEDDED)) {
                    EmbeddedKafka kafka =
                            EmbeddedKafka.start(work.resolve("kafka"), "127.0.0.1", 0);
                    started.add(kafka);
                    bootstrap = kafka.bootstrapServers();
                }
                createTopic(bootstrap);
            }
            List<Endpoint> endpoints = new ArrayList<>();
            for (int i = 0; i < settings.replicas; i++) {
                Endpoint endpoint = startEndpoint(work, i, bootstrap);
                endpoints.add(endpoint);
                started.add(0, endpoint);
            }
            for (Endpoint endpoint : endpoints) {
                awaitHealthy(endpoint);
            }
            measure(endpoints, bootstrap);
        } finally {
            for (AutoCloseable closeable : started) {
                closeable.close();
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void measure(List<Endpoint> endpoints, String bootstrap) throws Exception {
        long[] heapBefore = new long[endpoints.size()];
        for (int i = 0; i < endpoints.size(); i++) {
            heapBefore[i] = heapAfterGc(endpoints.get(i));
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        endpoints.forEach(
                endpoint -> addresses.add(new InetSocketAddress("127.0.0.1", endpoint.port)));
        try (FanoutClients clients =
                        new FanoutClients(addresses, "/streams/" + STREAM, settings.clientThreads);
                Publisher publisher =
                        bootstrap == null
                                ? new HttpPublisher(endpoints.get(0).base)
                                : new KafkaPublisher(bootstrap)) {
            if (publisher instanceof KafkaPublisher) {
                clients.measureFrom(((KafkaPublisher) publisher)::origin);
            }
            long connectStart = System.nanoTime();
            for (int i = 0; i < settings.clients; i++) {
                clients.open(i);
                if ((i + 1) % settings.connectsPerSecond == 0) {
                    Thread.sleep(1_000);
                }
            }
            long subscribed = awaitSubscribers(endpoints, Duration.ofSeconds(120));
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%d of %d subscribers connected in %.1f s%n",
                    subscribed,
                    settings.clients,
                    connectSeconds);
            long[] heapConnected = new long[endpoints.size()];
            for (int i = 0; i < endpoints.size(); i++) {
                heapConnected[i] = heapAfterGc(endpoints.get(i));
            }

            long measureFrom = System.nanoTime() + settings.warmup.toNanos();
            long measureUntil = measureFrom + settings.duration.toNanos();
            AtomicLong publishedInWindow = new AtomicLong();
            long[] maxHeap = new long[endpoints.size()];
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            long periodNanos = (long) (1e9 / settings.recordsPerSecond);
            scheduler.scheduleAtFixedRate(
                    () -> {
                        long t = publisher.publish();
                        if (t >= measureFrom && t < measureUntil) {
                            publishedInWindow.incrementAndGet();
                        }
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            scheduler.scheduleAtFixedRate(
                    () -> {
                        for (int i = 0; i < endpoints.size(); i++) {
                            maxHeap[i] = Math.max(maxHeap[i], metric(endpoints.get(i), HEAP));
                        }
                    },
                    0,
                    1,
                    TimeUnit.SECONDS);

            clients.measure(measureFrom, measureUntil);
            waitUntil(measureFrom);
            Duration endpointCpuBefore = cpuTime(endpoints);
            Duration benchCpuBefore = cpuTime(ProcessHandle.current());
            waitUntil(measureUntil);
            Duration endpointCpu = cpuTime(endpoints).minus(endpointCpuBefore);
            Duration benchCpu = cpuTime(ProcessHandle.current()).minus(benchCpuBefore);
            scheduler.shutdown();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            long publishedMeasured = publishedInWindow.get();
            long expected = publishedMeasured * subscribed;
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (clients.measuredDeliveries() < expected && System.nanoTime() < drainUntil) {
                Thread.sleep(100);
            }
            long drops = 0;
            for (int i = 0; i < endpoints.size(); i++) {
                drops += metric(endpoints.get(i), DROPS);
                maxHeap[i] = Math.max(maxHeap[i], metric(endpoints.get(i), HEAP));
            }
            clients.close();
            report(clients, subscribed, publishedMeasured, expected, publisher.failures(), drops);
            for (int i = 0; i < endpoints.size(); i++) {
                long perReplica = Math.max(1, subscribed / endpoints.size());
                out.printf(
                        Locale.ROOT,
                        "  replica %d: heap after GC %.0f MiB idle, %.0f MiB with %d subscribers (%.1f KiB per subscriber); max used %.0f MiB (-Xmx%s)%n",
                        i + 1,
                        heapBefore[i] / 1048576.0,
                        heapConnected[i] / 1048576.0,
                        perReplica,
                        (heapConnected[i] - heapBefore[i]) / 1024.0 / perReplica,
                        maxHeap[i] / 1048576.0,
                        settings.endpointHeap);
            }
            double deliveries = Math.max(1, clients.measuredDeliveries());
            out.printf(
                    Locale.ROOT,
                    "  CPU while measuring: endpoints %.1f s (%.1f us per delivery), this JVM (subscribers, publisher%s) %.1f s (%.1f us per delivery)%n",
                    endpointCpu.toMillis() / 1000.0,
                    endpointCpu.toNanos() / 1000.0 / deliveries,
                    bootstrap != null && settings.kafka.equals(FanoutSettings.EMBEDDED)
                            ? ", Kafka broker"
                            : "",
                    benchCpu.toMillis() / 1000.0,
                    benchCpu.toNanos() / 1000.0 / deliveries);
            out.printf(Locale.ROOT, "  load average: %s%n", loadAverage());
        }
    }

    private void report(
            FanoutClients clients,
            long subscribed,
            long published,
            long expected,
            long publishFailures,
            long drops) {
        Histogram latencies = clients.latencies();
        double seconds = settings.duration.toMillis() / 1000.0;
        out.printf(
                Locale.ROOT,
                "Fan-out (%s, %d replica%s): %d subscribers, %.1f records/s published, %.0f s measured after %d s warm-up%n",
                settings.kafka == null ? "push" : "Kafka",
                settings.replicas,
                settings.replicas == 1 ? "" : "s",
                subscribed,
                published / seconds,
                seconds,
                settings.warmup.toSeconds());
        out.printf(
                Locale.ROOT,
                "  deliveries: %,d of %,d expected (%.3f%%), %,.0f deliveries/s%n",
                clients.measuredDeliveries(),
                expected,
                expected == 0 ? 0.0 : 100.0 * clients.measuredDeliveries() / expected,
                clients.measuredDeliveries() / seconds);
        out.printf(
                Locale.ROOT,
                "  latency %s -> receipt: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                settings.kafka == null ? "publish" : "commit acknowledged",
                latencies.getValueAtPercentile(50) / 1000.0,
                latencies.getValueAtPercentile(90) / 1000.0,
                latencies.getValueAtPercentile(99) / 1000.0,
                latencies.getValueAtPercentile(99.9) / 1000.0,
                latencies.getMaxValue() / 1000.0);
        out.printf(
                Locale.ROOT,
                "  slow-subscriber drops: %d, closed by endpoint: %d, failed connects: %d, failed publishes: %d%n",
                drops,
                clients.closedByEndpoint(),
                clients.failedToConnect(),
                publishFailures);
    }

    /** One aggregate-sized record stamped with this JVM's nanoTime {@code t}. */
    private static String record(long n, long t) {
        return "{\"stream\":\""
                + STREAM
                + "\",\"key\":\"enwiki\",\"wiki\":\"enwiki\","
                + "\"window_start\":\"2018-03-07T16:16:00Z\",\"window_end\":\"2018-03-07T16:17:00Z\",\"final\":false,"
                + "\"revision\":"
                + n
                + ",\"events\":412,\"edits\":380,\"new_pages\":12,\"log_events\":20,"
                + "\"categorize_events\":0,\"bot_events\":101,\"human_events\":311,\"distinct_users\":57,"
                + "\"bytes_added\":48211,\"bytes_removed\":9120,\"t\":"
                + t
                + "}";
    }

    /** Publishes one record per call; returns its stamp if it was accepted, else -1. */
    private interface Publisher extends AutoCloseable {
        long publish();

        long failures();

        @Override
        void close();
    }

    private final class HttpPublisher implements Publisher {
        private final URI base;
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();

        HttpPublisher(URI base) {
            this.base = base;
        }

        @Override
        public long publish() {
            long t = System.nanoTime();
            try {
                HttpResponse<String> response =
                        http.send(
                                HttpRequest.newBuilder(base.resolve("/streams/" + STREAM))
                                        .header("Authorization", "Bearer " + token)
                                        .header("Content-Type", "application/json")
                                        .POST(
                                                HttpRequest.BodyPublishers.ofString(
                                                        record(published.get() + 1, t)))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    published.incrementAndGet();
                    return t;
                }
            } catch (IOException e) {
                // counted below
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            failures.incrementAndGet();
            return -1;
        }

        @Override
        public long failures() {
            return failures.get();
        }

        @Override
        public void close() {}
    }

    /**
     * Records sent at the set rate into transactions committed every {@link #COMMIT_INTERVAL} on
     * one thread (as the job's sink commits per checkpoint); remembers when each record's
     * transaction was acknowledged, which is where its latency is measured from.
     */
    private final class KafkaPublisher implements Publisher {
        private final KafkaProducer<String, String> producer;
        private final java.util.concurrent.ConcurrentHashMap<Long, Long> committedAt =
                new java.util.concurrent.ConcurrentHashMap<>();
        private final List<Long> open = new ArrayList<>();
        private final AtomicLong published = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private long transactionStarted;

        KafkaPublisher(String bootstrap) {
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "eddy-bench-fanout");
            properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
            properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(properties);
            producer.initTransactions();
        }

        /** Latency of a delivery runs from when its record's transaction was acknowledged. */
        long origin(long stamp) {
            Long committed = committedAt.get(stamp);
            return committed == null ? stamp : committed;
        }

        @Override
        public synchronized long publish() {
            long t = System.nanoTime();
            try {
                if (open.isEmpty()) {
                    producer.beginTransaction();
                    transactionStarted = t;
                }
                producer.send(
                        new ProducerRecord<>(
                                TOPIC,
                                "enwiki@2018-03-07T16:16:00Z",
                                record(published.incrementAndGet(), t)));
                open.add(t);
                if (t - transactionStarted >= COMMIT_INTERVAL.toNanos()) {
                    producer.commitTransaction();
                    long committed = System.nanoTime();
                    open.forEach(stamp -> committedAt.put(stamp, committed));
                    open.clear();
                }
                return t;
            } catch (RuntimeException e) {
                failures.addAndGet(open.size());
                open.clear();
                producer.abortTransaction();
                return -1;
            }
        }

        @Override
        public long failures() {
            return failures.get();
        }

        @Override
        public void close() {
            producer.close();
        }
    }

    private static void createTopic(String bootstrap) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(properties)) {
            if (!admin.listTopics().names().get().contains(TOPIC)) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
        }
    }

    /** One {@code eddy serve} JVM. */
    private static final class Endpoint implements AutoCloseable {
        final Process process;
        final int port;
        final URI base;
        final Path log;

        Endpoint(Process process, int port, Path log) {
            this.process = process;
            this.port = port;
            this.base = URI.create("http://127.0.0.1:" + port);
            this.log = log;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Endpoint startEndpoint(Path work, int index, String bootstrap) throws IOException {
        int port = freePort();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command =
                new ArrayList<>(
                        List.of(
                                java,
                                "-Xms256m",
                                "-Xmx" + settings.endpointHeap,
                                "-XX:+UseParallelGC"));
        command.addAll(settings.endpointJvmOptions);
        command.addAll(
                List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.eddy.cli.Eddy",
                        "serve",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--history",
                        "1000",
                        "--max-connections",
                        Integer.toString(settings.clients + 100),
                        "--max-connections-per-address",
                        Integer.toString(settings.clients + 100)));
        if (bootstrap == null) {
            command.addAll(
                    List.of(
                            "--stream",
                            STREAM,
                            "--state-dir",
                            work.resolve("state-" + index).toString()));
        } else {
            command.addAll(List.of("--kafka", bootstrap, "--topics", TOPIC));
        }
        Path log = work.resolve("endpoint-" + (index + 1) + ".log");
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (bootstrap == null) {
            builder.environment().put("EDDY_PUBLISH_TOKEN", token);
        }
        out.println(
                "Starting endpoint "
                        + (index + 1)
                        + " (eddy serve"
                        + (bootstrap == null ? "" : " --kafka " + bootstrap)
                        + ", -Xmx"
                        + settings.endpointHeap
                        + ") on port "
                        + port
                        + "; log: "
                        + log);
        return new Endpoint(builder.start(), port, log);
    }

    private void awaitHealthy(Endpoint endpoint) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!endpoint.process.isAlive()) {
                throw new IllegalStateException("The endpoint exited; see " + endpoint.log);
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(endpoint.base.resolve("/healthz"))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(
                "The endpoint did not answer /healthz within 60 s; see " + endpoint.log);
    }

    private long awaitSubscribers(List<Endpoint> endpoints, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long subscribed = 0;
        while (System.nanoTime() < deadline) {
            subscribed = 0;
            for (Endpoint endpoint : endpoints) {
                subscribed += metric(endpoint, SUBSCRIBERS);
            }
            if (subscribed >= settings.clients) {
                break;
            }
            Thread.sleep(250);
        }
        return subscribed;
    }

    /** The endpoint's heap in use right after a full GC (asked for with jcmd). */
    private long heapAfterGc(Endpoint endpoint) throws Exception {
        Path jcmd =
                Path.of(ProcessHandle.current().info().command().orElse("java"))
                        .resolveSibling("jcmd");
        Process gc =
                new ProcessBuilder(jcmd.toString(), Long.toString(endpoint.process.pid()), "GC.run")
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .start();
        gc.waitFor(60, TimeUnit.SECONDS);
        return metric(endpoint, HEAP);
    }

    private long metric(Endpoint endpoint, Pattern pattern) {
        try {
            String text =
                    http.send(
                                    HttpRequest.newBuilder(endpoint.base.resolve("/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static void waitUntil(long nanoTime) throws InterruptedException {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(Math.min(remaining, TimeUnit.MILLISECONDS.toNanos(100)));
        }
    }

    private static Duration cpuTime(List<Endpoint> endpoints) {
        Duration total = Duration.ZERO;
        for (Endpoint endpoint : endpoints) {
            total = total.plus(cpuTime(endpoint.process.toHandle()));
        }
        return total;
    }

    private static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
