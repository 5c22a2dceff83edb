package dev.eddy.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.cluster.FlinkRest;
import dev.eddy.cluster.StandaloneFlinkCluster;
import dev.eddy.faults.testing.CommittedFinals;
import dev.eddy.faults.testing.FaultCluster;
import dev.eddy.faults.testing.FaultOutcomes;
import dev.eddy.faults.testing.FaultRecording;
import dev.eddy.faults.testing.JobRun;
import dev.eddy.faults.testing.SharedFaultCluster;
import dev.eddy.faults.testing.UpgradedJobJar;
import dev.eddy.sse.replay.ReplayServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job jar on a real multi-process cluster: a standalone Flink session cluster (JobManager and
 * TaskManager JVMs started from Flink's Maven artifacts) and a Kafka broker JVM, the job submitted
 * with Flink's CLI. Whatever breaks, the committed {@code read_committed} finals equal those of an
 * undisturbed run (the independent computation over the recording), each window's final committed
 * once.
 */
class StandaloneClusterFaultsITCase {

    /** Slow enough that a fault lands mid-stream after a few checkpoints (about 13 s a run). */
    private static final int EVENTS_PER_SECOND = 300;

    /**
     * Checkpoints of the runs that are killed: the kill comes half an interval after the latest
     * checkpoint, when output since it is written to Kafka but not committed (and must be aborted).
     */
    private static final Duration SPARSE_CHECKPOINTS = Duration.ofSeconds(4);

    /** Events the stream has sent before a fault comes. */
    private static final int MID_STREAM_EVENTS = 600;

    private static final FaultRecording RECORDING = FaultRecording.sample();
    private static final Map<String, ObjectNode> EXPECTED = RECORDING.expectedFinals();

    @RegisterExtension static final SharedFaultCluster CLUSTER = new SharedFaultCluster();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path directory;

    private static FaultCluster cluster;

    @BeforeAll
    static void cluster() {
        cluster = CLUSTER.get();
    }

    @Test
    void anUndisturbedRunCommitsTheFinalsOfTheIndependentComputation() throws Exception {
        try (ReplayServer stream = RECORDING.replay().start();
                JobRun run = JobRun.submit(cluster, stream, "undisturbed")) {
            long start = System.nanoTime();
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            FaultOutcomes.record(
                    "none (baseline)",
                    EXPECTED.size()
                            + " finals equal, all once; run took "
                            + FaultOutcomes.secondsSince(start));
        }
    }

    @Test
    void aTaskManagerKilledMidStreamIsReplacedAndTheJobRestoresExactly() throws Exception {
        try (ReplayServer stream = stream();
                JobRun run =
                        JobRun.submit(cluster, stream, "taskmanager-kill", SPARSE_CHECKPOINTS)) {
            awaitMidStream(run, stream, 1);
            run.awaitLatestCheckpointOlderThan(SPARSE_CHECKPOINTS.dividedBy(2));
            FlinkRest rest = run.rest();
            long restores = rest.restoredCheckpoints(run.jobId());
            StandaloneFlinkCluster.TaskManager victim = runningTaskManager();

            long killed = System.nanoTime();
            victim.kill();
            cluster.flink().startTaskManager();
            run.awaitRestoredAndRunning(restores);
            String restored = FaultOutcomes.secondsSince(killed);
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            FaultOutcomes.record(
                    "TaskManager SIGKILLed mid-stream, 2 s after a checkpoint, a new one started",
                    "job running again "
                            + restored
                            + " after the kill (new TaskManager JVM start included); "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    @Test
    void stopWithSavepointThenRunOfAnUpgradedJarContinuesExactly() throws Exception {
        Path upgraded =
                UpgradedJobJar.create(
                        JobRun.jobJar(), "0.1.1-upgraded", directory.resolve("upgrade"));
        try (ReplayServer stream = stream();
                JobRun run = JobRun.submit(cluster, stream, "savepoint-upgrade")) {
            awaitMidStream(run, stream, 2);
            String firstJob = run.jobId();

            long stopping = System.nanoTime();
            String savepoint = run.stopAndResumeWith(upgraded);
            run.awaitCheckpoints(1);
            String resumed = FaultOutcomes.secondsSince(stopping);
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertThat(run.rest().jobState(firstJob)).isEqualTo("FINISHED");
            assertThat(UpgradedJobJar.versionOf(upgraded)).isEqualTo("0.1.1-upgraded");
            assertThat(savepoint).contains("savepoint-");
            assertExact(finals);
            FaultOutcomes.record(
                    "flink stop --savepointPath, then flink run -s with a version-bumped jar",
                    "upgraded job running with a completed checkpoint "
                            + resumed
                            + " after the stop began (two CLI JVMs included); "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    @Test
    void aKafkaBrokerKilledAndRestartedMidStreamLeavesTheCommittedOutputExact() throws Exception {
        try (ReplayServer stream = stream();
                JobRun run = JobRun.submit(cluster, stream, "broker-restart", SPARSE_CHECKPOINTS)) {
            awaitMidStream(run, stream, 1);
            run.awaitLatestCheckpointOlderThan(SPARSE_CHECKPOINTS.dividedBy(2));
            FlinkRest rest = run.rest();
            long restores = rest.restoredCheckpoints(run.jobId());

            long killed = System.nanoTime();
            cluster.kafka().kill();
            cluster.kafka().restart();
            String brokerBack = FaultOutcomes.secondsSince(killed);
            long checkpointsAfterRestart = rest.completedCheckpoints(run.jobId());
            await().atMost(JobRun.PATIENCE)
                    .ignoreExceptions()
                    .until(
                            () ->
                                    rest.allTasksRunning(run.jobId())
                                            && rest.completedCheckpoints(run.jobId())
                                                    > checkpointsAfterRestart);
            String committing = FaultOutcomes.secondsSince(killed);
            List<ObjectNode> finals = run.awaitFinals(EXPECTED.size());

            assertExact(finals);
            FaultOutcomes.record(
                    "Kafka broker JVM SIGKILLed mid-stream, 2 s after a checkpoint, restarted on its port and data",
                    "broker answering again after "
                            + brokerBack
                            + ", job checkpointing again after "
                            + committing
                            + " ("
                            + (rest.restoredCheckpoints(run.jobId()) - restores)
                            + " restores from a checkpoint); "
                            + EXPECTED.size()
                            + " finals equal, all once");
        }
    }

    private static ReplayServer stream() throws Exception {
        return RECORDING.replay().rate(EVENTS_PER_SECOND).start();
    }

    /**
     * Waits until the stream is under way and at least {@code checkpoints} checkpoints, one of them
     * after the first events, have completed; then checks the stream is not over yet.
     */
    private static void awaitMidStream(JobRun run, ReplayServer stream, long checkpoints)
            throws Exception {
        await().atMost(JobRun.PATIENCE).until(() -> stream.eventsSent() >= MID_STREAM_EVENTS);
        run.awaitCheckpoints(
                Math.max(checkpoints, run.rest().completedCheckpoints(run.jobId()) + 1));
        assertThat(stream.eventsSent())
                .as("the fault comes mid-stream")
                .isLessThan(RECORDING.servedEvents());
    }

    private static StandaloneFlinkCluster.TaskManager runningTaskManager() {
        return cluster.flink().taskManagers().stream()
                .filter(taskManager -> taskManager.process().isAlive())
                .findFirst()
                .orElseThrow();
    }

    private static void assertExact(List<ObjectNode> finals) {
        assertThat(CommittedFinals.byWindow(finals)).isEqualTo(EXPECTED);
        assertThat(CommittedFinals.repeatedWindows(finals))
                .as("windows whose final was committed more than once")
                .isEmpty();
    }
}
