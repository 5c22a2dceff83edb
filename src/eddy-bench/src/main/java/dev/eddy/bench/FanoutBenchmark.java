package dev.eddy.bench;

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
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * {@code eddy bench fanout}: starts {@code eddy serve} in its own JVM (so its heap is its own),
 * holds N subscribers on loopback from this JVM, publishes aggregate-sized records at a fixed rate
 * through the HTTP publish API, and measures publish-to-receipt latency per delivery, the share of
 * deliveries that arrived, and the endpoint's heap. Bounded in clients and time.
 */
public final class FanoutBenchmark {

    private static final String STREAM = "bench";
    private static final Pattern HEAP =
            Pattern.compile("^eddy_endpoint_jvm_heap_used_bytes (\\d+)$", Pattern.MULTILINE);
    private static final Pattern SUBSCRIBERS =
            Pattern.compile(
                    "^eddy_endpoint_subscribers\\{stream=\"" + STREAM + "\"} (\\d+)$",
                    Pattern.MULTILINE);
    private static final Pattern DROPS =
            Pattern.compile(
                    "^eddy_endpoint_slow_subscriber_drops_total (\\d+)$", Pattern.MULTILINE);

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
        int port = freePort();
        URI base = URI.create("http://127.0.0.1:" + port);
        Process endpoint = startEndpoint(port, work);
        try {
            awaitHealthy(base, endpoint, work);
            measure(base, endpoint);
        } finally {
            endpoint.destroy();
            if (!endpoint.waitFor(10, TimeUnit.SECONDS)) {
                endpoint.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private void measure(URI base, Process endpoint) throws Exception {
        try (FanoutClients clients =
                new FanoutClients(
                        new InetSocketAddress("127.0.0.1", base.getPort()),
                        "/streams/" + STREAM,
                        settings.clientThreads)) {
            long connectStart = System.nanoTime();
            for (int i = 0; i < settings.clients; i++) {
                clients.open(i);
                if ((i + 1) % settings.connectsPerSecond == 0) {
                    Thread.sleep(1_000);
                }
            }
            long subscribed = awaitSubscribers(base, Duration.ofSeconds(60));
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            out.printf(
                    Locale.ROOT,
                    "%d of %d subscribers connected in %.1f s%n",
                    subscribed,
                    settings.clients,
                    connectSeconds);

            long measureFrom = System.nanoTime() + settings.warmup.toNanos();
            long measureUntil = measureFrom + settings.duration.toNanos();
            AtomicLong published = new AtomicLong();
            AtomicLong publishedInWindow = new AtomicLong();
            AtomicLong publishFailures = new AtomicLong();
            long[] maxHeap = new long[1];
            ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
            long periodNanos = (long) (1e9 / settings.recordsPerSecond);
            scheduler.scheduleAtFixedRate(
                    () -> {
                        long t = publish(base, published, publishFailures);
                        if (t >= measureFrom && t < measureUntil) {
                            publishedInWindow.incrementAndGet();
                        }
                    },
                    0,
                    periodNanos,
                    TimeUnit.NANOSECONDS);
            scheduler.scheduleAtFixedRate(
                    () -> maxHeap[0] = Math.max(maxHeap[0], metric(base, HEAP)),
                    0,
                    1,
                    TimeUnit.SECONDS);

            clients.measure(measureFrom, measureUntil);
            waitUntil(measureFrom);
            Duration endpointCpuBefore = cpuTime(endpoint.toHandle());
            Duration benchCpuBefore = cpuTime(ProcessHandle.current());
            waitUntil(measureUntil);
            Duration endpointCpu = cpuTime(endpoint.toHandle()).minus(endpointCpuBefore);
            Duration benchCpu = cpuTime(ProcessHandle.current()).minus(benchCpuBefore);
            scheduler.shutdown();
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
            long publishedMeasured = publishedInWindow.get();
            long expected = publishedMeasured * subscribed;
            long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (clients.measuredDeliveries() < expected && System.nanoTime() < drainUntil) {
                Thread.sleep(100);
            }
            long drops = metric(base, DROPS);
            long heapNow = metric(base, HEAP);
            clients.close();
            report(
                    clients,
                    subscribed,
                    publishedMeasured,
                    expected,
                    publishFailures.get(),
                    Math.max(maxHeap[0], heapNow),
                    drops);
            double deliveries = Math.max(1, clients.measuredDeliveries());
            out.printf(
                    Locale.ROOT,
                    "  CPU while measuring: endpoint %.1f s (%.1f us per delivery), subscribers+publisher %.1f s (%.1f us per delivery)%n",
                    endpointCpu.toMillis() / 1000.0,
                    endpointCpu.toNanos() / 1000.0 / deliveries,
                    benchCpu.toMillis() / 1000.0,
                    benchCpu.toNanos() / 1000.0 / deliveries);
        }
    }

    private void report(
            FanoutClients clients,
            long subscribed,
            long published,
            long expected,
            long publishFailures,
            long maxHeapBytes,
            long drops) {
        Histogram latencies = clients.latencies();
        double seconds = settings.duration.toMillis() / 1000.0;
        out.printf(
                Locale.ROOT,
                "Fan-out: %d subscribers, %.1f records/s published, %.0f s measured after %d s warm-up%n",
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
                "  latency publish -> receipt: p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n",
                Latencies.percentileMillis(latencies, 50),
                Latencies.percentileMillis(latencies, 90),
                Latencies.percentileMillis(latencies, 99),
                Latencies.percentileMillis(latencies, 99.9),
                Latencies.maxMillis(latencies));
        out.printf(
                Locale.ROOT,
                "  endpoint heap used: max %.0f MiB sampled each second (-Xmx%s)%n",
                maxHeapBytes / 1048576.0,
                settings.endpointHeap);
        out.printf(
                Locale.ROOT,
                "  slow-subscriber drops: %d, closed by endpoint: %d, failed connects: %d, failed publishes: %d%n",
                drops,
                clients.closedByEndpoint(),
                clients.failedToConnect(),
                publishFailures);
        out.printf(Locale.ROOT, "  load average: %s%n", loadAverage());
    }

    /**
     * Publishes one record stamped with this JVM's nanoTime; returns the stamp if it was accepted,
     * else -1.
     */
    private long publish(URI base, AtomicLong published, AtomicLong failures) {
        long n = published.get() + 1;
        long t = System.nanoTime();
        String record =
                "{\"stream\":\""
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
        try {
            HttpResponse<String> response =
                    http.send(
                            HttpRequest.newBuilder(base.resolve("/streams/" + STREAM))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(record))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                published.incrementAndGet();
                return t;
            }
            failures.incrementAndGet();
        } catch (IOException e) {
            failures.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }

    private Process startEndpoint(int port, Path work) throws IOException {
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
                        "--stream",
                        STREAM,
                        "--history",
                        "1000",
                        "--state-dir",
                        work.resolve("state").toString(),
                        "--max-connections-per-address",
                        Integer.toString(settings.clients + 100)));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(work.resolve("endpoint.log").toFile());
        builder.environment().put("EDDY_PUBLISH_TOKEN", token);
        out.println(
                "Starting the endpoint (eddy serve, -Xmx"
                        + settings.endpointHeap
                        + ") on port "
                        + port
                        + "; log: "
                        + work.resolve("endpoint.log"));
        return builder.start();
    }

    private void awaitHealthy(URI base, Process endpoint, Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!endpoint.isAlive()) {
                throw new IllegalStateException(
                        "The endpoint exited; see " + work.resolve("endpoint.log"));
            }
            try {
                if (http.send(
                                        HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(
                "The endpoint did not answer /healthz within 60 s; see "
                        + work.resolve("endpoint.log"));
    }

    private long awaitSubscribers(URI base, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long subscribed = 0;
        while (System.nanoTime() < deadline) {
            subscribed = metric(base, SUBSCRIBERS);
            if (subscribed >= settings.clients) {
                break;
            }
            Thread.sleep(250);
        }
        return subscribed;
    }

    private long metric(URI base, Pattern pattern) {
        try {
            String text =
                    http.send(
                                    HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
            Matcher matcher = pattern.matcher(text);
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
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
