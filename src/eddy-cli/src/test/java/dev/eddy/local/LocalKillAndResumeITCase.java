package dev.eddy.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.cluster.JavaProcess;
import dev.eddy.cluster.Ports;
import dev.eddy.faults.testing.CommittedFinals;
import dev.eddy.faults.testing.FaultOutcomes;
import dev.eddy.faults.testing.FaultRecording;
import dev.eddy.sse.replay.ReplayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eddy local} as its own JVM (MiniCluster, embedded broker and endpoint inside), reading an
 * external stream that does not loop, SIGKILLed mid-stream, then started again with {@code
 * --resume}: the committed {@code read_committed} finals equal an undisturbed run's (the
 * independent computation over the recording), each window's final committed once.
 */
class LocalKillAndResumeITCase {

    /** Slow enough that the kill lands after a checkpoint (every 5 s) and before the end. */
    private static final int EVENTS_PER_SECOND = 200;

    private static final Duration PATIENCE = Duration.ofMinutes(4);
    private static final FaultRecording RECORDING = FaultRecording.sample();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path directory;

    @Test
    void eddyLocalKilledMidStreamThenResumedCommitsEveryFinalOnce() throws Exception {
        Map<String, ObjectNode> expected = RECORDING.expectedFinals();
        try (ReplayServer stream =
                RECORDING.replay().holdOpenAtEnd(false).rate(EVENTS_PER_SECOND).start()) {
            int kafkaPort = freePort();
            List<String> args =
                    List.of(
                            "local",
                            "--source",
                            stream.url("/v2/stream/recentchange"),
                            "--data-dir",
                            directory.resolve("eddy").toString(),
                            "--kafka-port",
                            Integer.toString(kafkaPort),
                            "--http-port",
                            Integer.toString(freePort()),
                            "--ui-port",
                            Integer.toString(freePort()),
                            "--status-interval",
                            "0",
                            "--update-interval",
                            "1s");
            String bootstrap = "127.0.0.1:" + kafkaPort;

            JavaProcess first = eddy(args, "first");
            try {
                CommittedFinals.fromTheStart(bootstrap)
                        .awaitAtLeast(5, PATIENCE, first::isAlive, () -> first.outputTail(30));
            } finally {
                first.kill();
            }
            long killed = System.nanoTime();
            int resumesBefore = stream.lastEventIdsReceived().size();
            List<String> resume = new ArrayList<>(args);
            resume.add("--resume");
            try (JavaProcess second = eddy(resume, "resumed")) {
                List<ObjectNode> finals =
                        CommittedFinals.fromTheStart(bootstrap)
                                .awaitFinals(expected.size(), PATIENCE);
                String recovered = FaultOutcomes.secondsSince(killed);

                assertThat(Files.readString(second.output())).contains("Resumed from checkpoint");
                assertThat(stream.lastEventIdsReceived().get(resumesBefore))
                        .as("the resumed job's Last-Event-ID: killed mid-stream")
                        .isNotEqualTo(RECORDING.lastServedId());
                assertThat(CommittedFinals.byWindow(finals)).isEqualTo(expected);
                assertThat(CommittedFinals.repeatedWindows(finals))
                        .as("windows whose final was committed more than once")
                        .isEmpty();
                FaultOutcomes.record(
                        "eddy local SIGKILLed mid-stream (MiniCluster, broker, endpoint with it), then --resume",
                        "all finals committed "
                                + recovered
                                + " after the kill (a new eddy local JVM included); "
                                + expected.size()
                                + " finals equal, all once");
            }
        }
    }

    /** {@code ./eddy ARGS} as the launcher runs it: the packaged jar and its lib directory. */
    private JavaProcess eddy(List<String> args, String name) throws IOException {
        return JavaProcess.builder("eddy " + name, "dev.eddy.cli.Eddy")
                .classPathEntry(Path.of("target", "eddy.jar").toAbsolutePath().toString())
                .classPathDirectory(Path.of("target", "lib"))
                .jvmOption("-Xmx1g")
                .jvmOption("-Djava.io.tmpdir=" + directory)
                .arguments(args)
                .workingDirectory(directory)
                .output(directory.resolve("eddy-" + name + ".out"))
                .start();
    }

    private static int freePort() throws IOException {
        return Ports.free("127.0.0.1");
    }
}
