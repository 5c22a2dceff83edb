package dev.eddy.cli;

import dev.eddy.cluster.ClusterArtifacts;
import dev.eddy.cluster.KafkaBrokerProcess;
import dev.eddy.cluster.Ports;
import dev.eddy.cluster.StandaloneFlinkCluster;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.sse.server.SseEndpointServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eddy cluster}: a standalone Flink session cluster (JobManager and TaskManagers, each its
 * own JVM, from Flink's Maven artifacts) and a Kafka broker JVM on this machine, with the SSE
 * endpoint, to try {@code flink run} of the job jar as on a real cluster. Ctrl-C stops it all.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "A standalone Flink cluster and a Kafka broker on this machine, to try flink run.",
            "Starts a Flink session cluster (a JobManager and TaskManagers, each its own JVM,",
            "from Flink's Maven artifacts), a Kafka broker JVM, and the SSE endpoint in this",
            "JVM; prints how to submit the job jar with Flink's CLI, stop it with a savepoint",
            "and resume it. Ctrl-C stops it all; the data (Kafka, checkpoints, savepoints,",
            "logs) stays in the data directory for the next start."
        })
public final class ClusterCommand implements Callable<Integer> {

    private static final String HOST = "127.0.0.1";
    private static final String MARKER = ".eddy-cluster-data";
    private static final String STREAM_PATH = "/v2/stream/recentchange";

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "Configuration, logs, Kafka data, checkpoints, savepoints (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of(".eddy-cluster");

    @Option(
            names = "--clean",
            description =
                    "Delete the previous cluster's data first (Kafka topics, savepoints, logs).")
    boolean clean;

    @Option(
            names = "--ui-port",
            paramLabel = "PORT",
            description = "Flink Web UI and REST port (default: ${DEFAULT-VALUE}).")
    int uiPort = 8081;

    @Option(
            names = "--kafka-port",
            paramLabel = "PORT",
            description =
                    "Kafka broker port (default: ${DEFAULT-VALUE}; a broker of an earlier start in the data directory keeps its port).")
    int kafkaPort = 9092;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            description = "SSE endpoint and dashboard port (default: ${DEFAULT-VALUE}).")
    int httpPort = 8090;

    @Option(
            names = "--taskmanagers",
            paramLabel = "N",
            description = "TaskManager JVMs (default: ${DEFAULT-VALUE}).")
    int taskManagers = 1;

    @Option(
            names = "--slots",
            paramLabel = "N",
            description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
    int slots = 2;

    @Option(
            names = "--replay",
            paramLabel = "FILE",
            description =
                    "Also serve this recording as a stream (looping) to point the job at, e.g. samples/recentchange-wikidata-2018-03-07a.jsonl.")
    Path replay;

    @Option(
            names = "--replay-rate",
            paramLabel = "N",
            description = "Replay speed in events/s (default: ${DEFAULT-VALUE}).")
    double replayRate = 50;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (replay != null && !Files.isReadable(replay)) {
            err.println("eddy cluster: cannot read the recording " + replay);
            return 2;
        }
        List<AutoCloseable> started = new ArrayList<>();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> stopAll(started, out, err), "eddy-cluster-stop"));
        Path dir;
        ClusterArtifacts artifacts;
        try {
            Ports.requireFree(HOST, uiPort, "Flink Web UI", "--ui-port");
            Ports.requireFree(HOST, httpPort, "SSE endpoint", "--http-port");
            artifacts = ClusterArtifacts.ofThisBuild();
            dir = prepareDataDir();
            if (Files.exists(dir.resolve("kafka").resolve("server.properties"))) {
                if (!spec.commandLine().getParseResult().hasMatchedOption("--kafka-port")) {
                    kafkaPort = 0;
                }
            } else {
                Ports.requireFree(HOST, kafkaPort, "Kafka broker", "--kafka-port");
            }
        } catch (IllegalStateException | IOException e) {
            err.println("eddy cluster: " + e.getMessage());
            return 1;
        }
        out.println("Starting a Kafka broker and a standalone Flink cluster in " + dir + " …");
        out.flush();
        try {
            startAll(artifacts, dir, started, out);
        } catch (Exception e) {
            err.println("eddy cluster: " + e.getMessage() + " (logs in " + shown(dir) + ")");
            return 1;
        }
        new CountDownLatch(1).await();
        return 0;
    }

    private void startAll(
            ClusterArtifacts artifacts, Path dir, List<AutoCloseable> started, PrintWriter out)
            throws Exception {
        KafkaBrokerProcess kafka =
                KafkaBrokerProcess.builder()
                        .artifacts(artifacts)
                        .directory(dir.resolve("kafka"))
                        .port(kafkaPort)
                        .start();
        started.add(kafka);
        StandaloneFlinkCluster flink =
                StandaloneFlinkCluster.builder()
                        .artifacts(artifacts)
                        .directory(dir.resolve("flink"))
                        .restPort(uiPort)
                        .taskManagers(taskManagers)
                        .slotsPerTaskManager(slots)
                        .start();
        started.add(flink);
        String publishToken = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path tokenFile = writePrivate(dir.resolve("publish-token"), publishToken);
        SseEndpointServer endpoint =
                SseEndpointServer.builder()
                        .host(HOST)
                        .port(httpPort)
                        .publishToken(publishToken)
                        .stateDirectory(dir.resolve("endpoint"))
                        .streams("edits-per-wiki", "top-pages", "activity")
                        .staticResources(ServeCommand.DASHBOARD)
                        .build()
                        .start();
        started.add(endpoint);
        String source = null;
        if (replay != null) {
            ReplayServer server =
                    ReplayServer.builder()
                            .recording(Recording.fromPath(replay))
                            .host(HOST)
                            .loop(true)
                            .rate(replayRate)
                            .start();
            started.add(server);
            source = server.url(STREAM_PATH);
        }
        printHowTo(out, artifacts, kafka, flink, endpoint, source, tokenFile);
    }

    private void printHowTo(
            PrintWriter out,
            ClusterArtifacts artifacts,
            KafkaBrokerProcess kafka,
            StandaloneFlinkCluster flink,
            SseEndpointServer endpoint,
            String source,
            Path tokenFile) {
        String flinkCli = shown(flink.flinkScript());
        out.printf("  %-20s %s%n", "Flink Web UI", flink.webUi());
        out.printf(
                "  %-20s %s%n",
                "Flink",
                "1 JobManager, "
                        + taskManagers
                        + " TaskManager(s) of "
                        + slots
                        + " slots; config "
                        + shown(flink.configDirectory())
                        + ", logs "
                        + shown(flink.logDirectory()));
        out.printf("  %-20s %s%n", "Kafka bootstrap", kafka.bootstrapServers());
        out.printf("  %-20s %s%n", "SSE endpoint", endpoint.uri() + "/  (dashboard)");
        if (source != null) {
            out.printf("  %-20s %s%n", "Replay stream", source);
        }
        out.println();
        out.println(
                "Submit the job (Flink's CLI for this cluster; the publish token stays out of ps):");
        out.println(
                "  EDDY_PUBLISH_TOKEN=$(cat "
                        + shown(tokenFile)
                        + ") "
                        + flinkCli
                        + " run -d "
                        + shown(artifacts.jobJar())
                        + (source == null ? "" : " --source " + source)
                        + " --kafka "
                        + kafka.bootstrapServers()
                        + " --push "
                        + endpoint.uri());
        out.println("Stop it with a savepoint, then resume from it (e.g. with a rebuilt jar):");
        out.println(
                "  "
                        + flinkCli
                        + " stop --savepointPath "
                        + flink.savepointDirectory().toUri()
                        + " <job id>");
        out.println(
                "  EDDY_PUBLISH_TOKEN=$(cat "
                        + shown(tokenFile)
                        + ") "
                        + flinkCli
                        + " run -d -s <the savepoint's path, as stop printed it> "
                        + shown(artifacts.jobJar())
                        + " …the same options…");
        out.println("Jobs: " + flinkCli + " list");
        out.println(
                "Ctrl-C stops the cluster, the broker and the endpoint; a job still running then resumes"
                        + " with run -s from its last checkpoint in "
                        + shown(flink.checkpointDirectory())
                        + ".");
        out.flush();
    }

    /** Creates the data directory, refusing one that is not empty and not ours. */
    private Path prepareDataDir() throws IOException {
        Path dir = dataDir.toAbsolutePath().normalize();
        Files.createDirectories(dir);
        boolean ours = Files.exists(dir.resolve(MARKER));
        try (Stream<Path> entries = Files.list(dir)) {
            if (!ours && entries.findAny().isPresent()) {
                throw new IllegalStateException(
                        "Data directory "
                                + dir
                                + " is not empty and not eddy cluster's: choose another with --data-dir");
            }
        }
        if (clean) {
            try (Stream<Path> entries = Files.list(dir)) {
                for (Path entry : entries.toList()) {
                    deleteRecursively(entry);
                }
            }
        }
        Files.writeString(
                dir.resolve(MARKER),
                "Data of eddy cluster; safe to delete when it is not running.\n");
        return dir;
    }

    private static Path writePrivate(Path file, String secret) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(
                file,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, secret);
        return file;
    }

    private static void deleteRecursively(Path path) throws IOException {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    /** A path as the user typed paths: relative to the working directory when it is below it. */
    private static String shown(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath().normalize();
        return absolute.startsWith(here)
                ? here.relativize(absolute).toString()
                : absolute.toString();
    }

    private static void stopAll(List<AutoCloseable> started, PrintWriter out, PrintWriter err) {
        if (started.isEmpty()) {
            return;
        }
        out.println("\nStopping the cluster…");
        out.flush();
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                err.println("eddy cluster: while stopping: " + e);
            }
        }
        err.flush();
    }
}
