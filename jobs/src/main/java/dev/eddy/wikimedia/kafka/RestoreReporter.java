package dev.eddy.wikimedia.kafka;

import dev.eddy.wikimedia.record.DeadLetterRecord;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import javax.annotation.Nullable;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a restore, logs in a line of its own what became of the restored checkpoint's Kafka
 * transactions ({@link RestoredTransactions}), from subtask 0, in the background. It passes records
 * through unchanged and keeps no state; it sits in front of the dead-letter sink, off the path of
 * the aggregates.
 */
final class RestoreReporter extends ProcessFunction<DeadLetterRecord, DeadLetterRecord>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RestoreReporter.class);
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final Properties adminProperties;
    private final List<String> transactionalIdPrefixes;
    private transient @Nullable Thread check;

    RestoreReporter(Properties adminProperties, List<String> transactionalIdPrefixes) {
        this.adminProperties = adminProperties;
        this.transactionalIdPrefixes = List.copyOf(transactionalIdPrefixes);
    }

    @Override
    public void initializeState(FunctionInitializationContext context) {
        OptionalLong restored = context.getRestoredCheckpointId();
        if (restored.isEmpty() || getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() != 0) {
            return;
        }
        check = new Thread(() -> report(restored.getAsLong()), "eddy-kafka-restore-report");
        check.setDaemon(true);
        check.start();
    }

    private void report(long checkpointId) {
        try (Admin admin = Admin.create(adminProperties)) {
            RestoredTransactions.Report report =
                    RestoredTransactions.check(
                            admin, transactionalIdPrefixes, checkpointId, PATIENCE);
            if (report.lost()) {
                LOG.error(report.line());
            } else if (!report.settled()) {
                LOG.warn(report.line());
            } else {
                LOG.info(report.line());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn(
                    "Restored from checkpoint {}: could not ask Kafka what became of its transactions ({})",
                    checkpointId,
                    e.toString());
        }
    }

    @Override
    public void processElement(
            DeadLetterRecord value, Context context, Collector<DeadLetterRecord> out) {
        out.collect(value);
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) {}

    @Override
    public void close() throws Exception {
        if (check != null) {
            check.interrupt();
        }
        super.close();
    }
}
