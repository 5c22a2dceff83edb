package dev.eddy.wikimedia.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;

/**
 * What became of the Kafka transactions of the checkpoint a job was restored from, as the broker
 * records them: the truth behind flink-connector-kafka's {@code KafkaCommitter} error "Unable to
 * commit transaction ... because its producer is already fenced ... this most likely signals data
 * loss" on a restore.
 *
 * <p>On restore the committer commits the transactions stored in the checkpoint again, because the
 * previous run may have stopped between completing the checkpoint and committing them. When the
 * previous run had committed them, Kafka 4 (transaction protocol version 2) had bumped the producer
 * epoch with that commit and answers the repeated commit, sent with the checkpoint's older epoch,
 * as fenced: the error is then a false alarm, the records are there. They are lost only when the
 * broker aborted the transaction before the restore committed it (its {@code
 * transaction.timeout.ms} ran out, or another producer with the same transactional id fenced it).
 * The KafkaSink's default naming gives checkpoint {@code n} of subtask {@code s} the id {@code
 * <prefix>-<s>-<n>}, so the state of those ids tells which.
 */
public final class RestoredTransactions {

    /** The outcome, in one line for the log. */
    public record Report(boolean lost, boolean settled, String line) {}

    private static final Duration POLL = Duration.ofMillis(500);

    private RestoredTransactions() {}

    /**
     * Waits up to {@code patience} for the restored checkpoint's transactions to leave the open
     * states, then says what became of them.
     *
     * @param prefixes the transactional-id prefixes of the job's Kafka sinks
     */
    public static Report check(
            Admin admin, Collection<String> prefixes, long checkpointId, Duration patience)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            Map<String, TransactionState> states = states(admin, prefixes, checkpointId);
            boolean open = states.values().stream().anyMatch(RestoredTransactions::isOpen);
            if (!open || System.nanoTime() > deadline) {
                return report(states, checkpointId, !open);
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
    }

    private static Map<String, TransactionState> states(
            Admin admin, Collection<String> prefixes, long checkpointId)
            throws InterruptedException, ExecutionException, TimeoutException {
        String suffix = "-" + checkpointId;
        List<String> ids = new ArrayList<>();
        for (TransactionListing listing :
                admin.listTransactions().all().get(30, TimeUnit.SECONDS)) {
            String id = listing.transactionalId();
            if (id.endsWith(suffix) && prefixes.stream().anyMatch(p -> isOfPrefix(id, p, suffix))) {
                ids.add(id);
            }
        }
        Map<String, TransactionState> states = new TreeMap<>();
        if (!ids.isEmpty()) {
            for (Map.Entry<String, TransactionDescription> entry :
                    admin.describeTransactions(ids).all().get(30, TimeUnit.SECONDS).entrySet()) {
                states.put(entry.getKey(), entry.getValue().state());
            }
        }
        return states;
    }

    /** {@code <prefix>-<subtask>-<checkpoint>}. */
    private static boolean isOfPrefix(String id, String prefix, String suffix) {
        if (!id.startsWith(prefix + "-")) {
            return false;
        }
        String subtask = id.substring(prefix.length() + 1, id.length() - suffix.length());
        return !subtask.isEmpty() && subtask.chars().allMatch(Character::isDigit);
    }

    private static boolean isOpen(TransactionState state) {
        return state == TransactionState.ONGOING
                || state == TransactionState.PREPARE_COMMIT
                || state == TransactionState.PREPARE_ABORT
                || state == TransactionState.PREPARE_EPOCH_FENCE;
    }

    private static Report report(
            Map<String, TransactionState> states, long checkpointId, boolean settled) {
        List<String> aborted = new ArrayList<>();
        List<String> open = new ArrayList<>();
        int committed = 0;
        for (Map.Entry<String, TransactionState> entry : states.entrySet()) {
            if (entry.getValue() == TransactionState.COMPLETE_ABORT) {
                aborted.add(entry.getKey());
            } else if (isOpen(entry.getValue())) {
                open.add(entry.getKey() + " " + entry.getValue());
            } else if (entry.getValue() == TransactionState.COMPLETE_COMMIT) {
                committed++;
            }
        }
        String restored = "Restored from checkpoint " + checkpointId + ": ";
        if (!aborted.isEmpty()) {
            return new Report(
                    true,
                    settled,
                    restored
                            + "Kafka aborted its transaction(s) "
                            + aborted
                            + " before they were committed (transaction.timeout.ms ran out, or"
                            + " another producer uses the same transactional id): the records of"
                            + " that checkpoint are LOST from the eddy.* topics.");
        }
        if (!open.isEmpty()) {
            return new Report(
                    false,
                    false,
                    restored
                            + "its Kafka transaction(s) "
                            + open
                            + " are not committed yet; if they stay open the broker aborts them"
                            + " after transaction.timeout.ms and their records are lost.");
        }
        return new Report(
                false,
                true,
                restored
                        + "all "
                        + committed
                        + " of its Kafka transactions with records are committed: nothing was"
                        + " lost. A KafkaCommitter error 'Unable to commit transaction ... producer"
                        + " is already fenced ... data loss' about them on this restore is a false"
                        + " alarm: it re-commits what the previous run had committed.");
    }
}
