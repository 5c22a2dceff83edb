package dev.eddy.sse.source.enumerator;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each stream split to one reader, round-robin by the split's position in the stream list.
 * Readers are never told that no more splits will come: a reader that finished would send the
 * maximum watermark, and as soon as the reader of a stream went idle (a reconnect gap longer than
 * the idleness timeout) that watermark would close every open window early. A reader without a
 * stream stays open and idle instead.
 */
@Internal
public final class SseSplitEnumerator
        implements SplitEnumerator<SseStreamSplit, SseEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(SseSplitEnumerator.class);

    private final SplitEnumeratorContext<SseStreamSplit> context;
    private final Map<String, SseStreamSplit> unassigned = new LinkedHashMap<>();

    public SseSplitEnumerator(
            SplitEnumeratorContext<SseStreamSplit> context, List<SseStreamSplit> unassignedSplits) {
        this.context = context;
        unassignedSplits.forEach(split -> unassigned.put(split.splitId(), split));
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

    @Override
    public void addSplitsBack(List<SseStreamSplit> splits, int subtaskId) {
        splits.forEach(split -> unassigned.put(split.splitId(), split));
        if (context.registeredReaders().containsKey(subtaskId)) {
            assignTo(subtaskId);
        }
    }

    @Override
    public void addReader(int subtaskId) {
        assignTo(subtaskId);
    }

    @Override
    public SseEnumeratorState snapshotState(long checkpointId) {
        return new SseEnumeratorState(new ArrayList<>(unassigned.values()));
    }

    @Override
    public void close() {}

    private void assignTo(int subtaskId) {
        int parallelism = context.currentParallelism();
        Iterator<SseStreamSplit> pending = unassigned.values().iterator();
        while (pending.hasNext()) {
            SseStreamSplit split = pending.next();
            if (owner(split, parallelism) == subtaskId) {
                LOG.info(
                        "Assigning {} ({}) to reader {}",
                        split.splitId(),
                        StreamUrls.redact(split.streamUrl()),
                        subtaskId);
                context.assignSplit(split, subtaskId);
                pending.remove();
            }
        }
    }

    /** The split's position in the URL list picks the reader. */
    static int owner(SseStreamSplit split, int parallelism) {
        return SseStreamSplit.indexOf(split.splitId()) % parallelism;
    }
}
