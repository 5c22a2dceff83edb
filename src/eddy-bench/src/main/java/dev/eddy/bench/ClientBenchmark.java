package dev.eddy.bench;

import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayEvent;
import dev.eddy.sse.replay.ReplayServer;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SSE client benchmark: the same replayed recentchange stream, served at full speed by a {@link
 * ReplayServer} in this JVM, read by Eddy's client, okhttp-sse and LaunchDarkly okhttp-eventsource,
 * each in a JVM of its own with the same options, each decoding every event into the same type;
 * plus a raw socket drain of the stream as the ceiling.
 *
 * <p>Every round starts each client's JVM once (in an order rotated per round), which warms up on
 * some connections and then measures others; each connection reads the whole replayed stream. The
 * rate of a client is its median over the rounds.
 */
public final class ClientBenchmark {

    static final String EDDY = "eddy";
    static final String OKHTTP_SSE = "okhttp-sse";
    static final String OKHTTP_EVENTSOURCE = "okhttp-eventsource";
    static final String RAW_DRAIN = "raw-drain";

    private final ClientBenchmarkSettings settings;
    private final PrintWriter out;

    public ClientBenchmark(ClientBenchmarkSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs the benchmark, printing progress and the results; returns the rates per client. */
    public ClientBenchmarkResults run() throws Exception {
        PeerBuild peers = new PeerBuild(settings.projectDir(), out);
        String ownClassPath = System.getProperty("java.class.path");
        List<BenchClientJvm> clients =
                List.of(
                        new BenchClientJvm(RAW_DRAIN, ownClassPath, RawDrainRunner.class.getName()),
                        new BenchClientJvm(EDDY, ownClassPath, EddyClientRunner.class.getName()),
                        new BenchClientJvm(
                                OKHTTP_SSE,
                                peers.classPath("okhttp-sse"),
                                "dev.eddy.bench.client.okhttpsse.OkHttpSseRunner"),
                        new BenchClientJvm(
                                OKHTTP_EVENTSOURCE,
                                peers.classPath("okhttp-eventsource"),
                                "dev.eddy.bench.client.eventsource.OkHttpEventSourceRunner"));

        out.printf("Preparing %,d events from %s ...%n", settings.events(), settings.recording());
        Recording recording = BenchRecording.repeated(settings.recording(), settings.events());
        long streamBytes = streamBytes(recording);
        Map<String, List<BenchClientJvm.Measurement>> measurements = new LinkedHashMap<>();
        clients.forEach(client -> measurements.put(client.name(), new ArrayList<>()));

        double loadBefore = systemLoadAverage();
        try (ReplayServer server =
                ReplayServer.builder().recording(recording).port(0).unlimitedRate().start()) {
            String url = server.url("/v2/stream/recentchange");
            out.printf(
                    "Replaying at %s: %,d events per connection, %.0f bytes of data per event on average%n",
                    url, settings.events(), (double) streamBytes / settings.events());
            for (int round = 0; round < settings.rounds(); round++) {
                for (int i = 0; i < clients.size(); i++) {
                    BenchClientJvm client = clients.get((i + round) % clients.size());
                    BenchClientJvm.Measurement measurement =
                            client.run(
                                    settings.jvmOptions(),
                                    url,
                                    settings.events(),
                                    settings.warmupConnections(),
                                    settings.measuredConnections());
                    measurements.get(client.name()).add(measurement);
                    out.printf(
                            "  round %d/%d  %-20s %,12.0f events/s%n",
                            round + 1,
                            settings.rounds(),
                            client.name(),
                            measurement.eventsPerSecond());
                }
            }
        }
        ClientBenchmarkResults results = new ClientBenchmarkResults(measurements);
        results.print(out, settings);
        out.printf(
                "System load average (1 min) on %d cores: %.1f before the rounds, %.1f after;"
                        + " other load on the machine lowers and scatters the rates.%n",
                Runtime.getRuntime().availableProcessors(), loadBefore, systemLoadAverage());
        return results;
    }

    private static double systemLoadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static long streamBytes(Recording recording) {
        long bytes = 0;
        for (ReplayEvent event : recording.events()) {
            bytes += event.data().getBytes(StandardCharsets.UTF_8).length;
        }
        return bytes;
    }

    /**
     * The project directory this code was built in: the nearest directory above this class's jar or
     * classes folder that holds {@link PeerBuild#PEERS}; the current directory if there is none.
     */
    public static Path builtProjectDir() {
        try {
            Path built =
                    Path.of(
                            ClientBenchmark.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            for (Path dir = built.getParent(); dir != null; dir = dir.getParent()) {
                if (Files.isDirectory(dir.resolve(PeerBuild.PEERS))) {
                    return dir;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // not loaded from a file: fall back to the current directory
        }
        return Path.of("");
    }

    /** The recording the benchmark replays by default, relative to the project directory. */
    public static Path defaultRecording(Path projectDir) {
        return projectDir.resolve("samples/recentchange-wikidata-2018-03-07a.jsonl");
    }
}
