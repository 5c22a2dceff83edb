package dev.eddy.faults.testing;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.cluster.ClusterArtifacts;
import dev.eddy.cluster.FlinkCli;
import dev.eddy.cluster.FlinkRest;
import dev.eddy.sse.replay.ReplayServer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The job jar on the fault suite's cluster, reading one replay stream and writing to its broker,
 * with its own transactional-id prefix. The committed output is read from where it stood when the
 * run began.
 */
public final class JobRun implements AutoCloseable {

    /** Where the replay server's stream is served. */
    public static final String STREAM_PATH = "/v2/stream/recentchange";

    /** Bounded, generous: a busy two-core machine runs several builds at once. */
    public static final Duration PATIENCE = Duration.ofMinutes(4);

    private final FaultCluster cluster;
    private final List<String> jobArgs;
    private final CommittedFinals output;
    private String jobId;

    private JobRun(FaultCluster cluster, List<String> jobArgs, CommittedFinals output) {
        this.cluster = cluster;
        this.jobArgs = jobArgs;
        this.output = output;
    }

    /** Submits the job jar with {@code flink run -d}, reading {@code stream} of the sample. */
    public static JobRun submit(FaultCluster cluster, ReplayServer stream, String name)
            throws IOException {
        return submit(cluster, stream, FaultRecording.sample(), name);
    }

    /**
     * Submits the job jar with {@code flink run -d}, reading {@code stream} of the sample, with
     * checkpoints every {@code checkpointInterval} instead of the cluster's every second.
     */
    public static JobRun submit(
            FaultCluster cluster, ReplayServer stream, String name, Duration checkpointInterval)
            throws IOException {
        return submit(cluster, stream, FaultRecording.sample(), name, checkpointInterval);
    }

    /**
     * Submits the job jar with {@code flink run -d}, reading {@code stream}, which serves {@code
     * recording}: the run's output is the finals of that recording's windows.
     */
    public static JobRun submit(
            FaultCluster cluster, ReplayServer stream, FaultRecording recording, String name)
            throws IOException {
        return submit(cluster, stream, recording, name, null);
    }

    private static JobRun submit(
            FaultCluster cluster,
            ReplayServer stream,
            FaultRecording recording,
            String name,
            Duration checkpointInterval)
            throws IOException {
        List<String> args =
                List.of(
                        "--source",
                        stream.url(STREAM_PATH),
                        "--kafka",
                        cluster.kafka().bootstrapServers(),
                        "--transactional-id-prefix",
                        "eddy-fault-" + name + "-" + System.nanoTime(),
                        "--update-interval",
                        "1s");
        JobRun run =
                new JobRun(
                        cluster,
                        args,
                        CommittedFinals.mark(
                                cluster.kafka().bootstrapServers(), recording::hasWindowOf));
        FlinkCli cli = cluster.flink().cli();
        if (checkpointInterval != null) {
            cli.jobConfiguration(
                    "execution.checkpointing.interval", checkpointInterval.toMillis() + "ms");
        }
        run.jobId = cli.submit(jobJar(), args);
        return run;
    }

    /** The job jar that {@code jobs/} built. */
    public static Path jobJar() {
        return ClusterArtifacts.ofThisBuild().requireJobJar();
    }

    public String jobId() {
        return jobId;
    }

    public FlinkRest rest() {
        return cluster.flink().rest();
    }

    /**
     * Stops the job with a savepoint ({@code flink stop --savepointPath}) and submits {@code jar}
     * restored from it ({@code flink run -s}), with the same arguments; returns the savepoint.
     */
    public String stopAndResumeWith(Path jar) throws IOException {
        String savepoint =
                cluster.flink()
                        .cli()
                        .stopWithSavepoint(jobId, cluster.flink().savepointDirectory());
        jobId = cluster.flink().cli().resume(savepoint, jar, jobArgs);
        return savepoint;
    }

    /** Waits until every task runs and at least {@code checkpoints} checkpoints completed. */
    public void awaitCheckpoints(long checkpoints) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () ->
                                rest().allTasksRunning(jobId)
                                        && rest().completedCheckpoints(jobId) >= checkpoints);
    }

    /**
     * Waits until the latest checkpoint completed at least {@code age} ago, so that output since
     * then is written but not committed.
     */
    public void awaitLatestCheckpointOlderThan(Duration age) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> {
                            long completedAt = rest().latestCheckpointCompletedAt(jobId);
                            return completedAt > 0
                                    && System.currentTimeMillis() - completedAt >= age.toMillis();
                        });
    }

    /** Waits until the job runs again with every task, after a restore from a checkpoint. */
    public void awaitRestoredAndRunning(long restoresBefore) {
        await().atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(
                        () ->
                                rest().restoredCheckpoints(jobId) > restoresBefore
                                        && rest().allTasksRunning(jobId));
    }

    /** The committed finals once {@code expected} are there (and a few seconds more). */
    public List<ObjectNode> awaitFinals(int expected) {
        return output.awaitFinals(expected, PATIENCE);
    }

    /** Cancels the job if it still runs. */
    @Override
    public void close() throws Exception {
        if (jobId != null) {
            String state = rest().jobState(jobId);
            if (!List.of("FINISHED", "CANCELED", "FAILED").contains(state)) {
                rest().cancel(jobId);
                await().atMost(PATIENCE).until(() -> rest().jobState(jobId).equals("CANCELED"));
            }
        }
    }
}
