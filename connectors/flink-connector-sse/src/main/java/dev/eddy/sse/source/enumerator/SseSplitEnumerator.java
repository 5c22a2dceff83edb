package dev.eddy.sse.source.enumerator;

import dev.eddy.sse.source.SseStartPosition;
import dev.eddy.sse.source.split.ConfiguredStreams;
import dev.eddy.sse.source.split.SseRestoredSplitsEvent;
import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSpec;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives every configured stream one split and hands each split to one reader, round-robin by the
 * number in its id. On a restore, splits are matched to the streams the job names now by name or
 * URL (never by position): a split whose stream is gone is retired, a stream without a split gets a
 * new one, starting where a fresh job would.
 *
 * <p>Readers are never told that no more splits will come: a reader that finished would send the
 * maximum watermark, and as soon as the reader of a stream went idle (a reconnect gap longer than
 * the idleness timeout) that watermark would close every open window early. A reader without a
 * stream stays open and idle instead.
 */
@Internal
public final class SseSplitEnumerator
        implements SplitEnumerator<SseStreamSplit, SseEnumeratorState> {

    private static final Logger LOG = LoggerFactory.getLogger(SseSplitEnumerator.class);

    private final SplitEnumeratorContext<SseStreamSplit> context;
    private final ConfiguredStreams streams;
    private final SseStartPosition startPosition;
    private final Map<String, SseStreamSplit> unassigned = new LinkedHashMap<>();
    private final Map<String, SseSplitDescriptor> assigned = new LinkedHashMap<>();
    private final Set<Integer> readersReported = new HashSet<>();
    private boolean assignedKnown;

    /** A fresh enumerator, for a job that starts without state. */
    public SseSplitEnumerator(
            SplitEnumeratorContext<SseStreamSplit> context,
            ConfiguredStreams streams,
            SseStartPosition startPosition) {
        this(context, streams, startPosition, new SseEnumeratorState(List.of(), List.of(), true));
    }

    /** An enumerator restored from its checkpoint. */
    public SseSplitEnumerator(
            SplitEnumeratorContext<SseStreamSplit> context,
            ConfiguredStreams streams,
            SseStartPosition startPosition,
            SseEnumeratorState restored) {
        this.context = context;
        this.streams = streams;
        this.startPosition = startPosition;
        this.assignedKnown = restored.assignedSplitsKnown();
        for (SseStreamSplit split : restored.unassignedSplits()) {
            Optional<SseStreamSplit> current = streams.reconcile(split);
            if (current.isPresent()) {
                unassigned.put(split.splitId(), current.get());
            } else {
                LOG.warn(
                        "Split {} ({}) reads a stream the job no longer names: retired",
                        split.splitId(),
                        new SseStreamSpec(split.streamName(), split.streamUrl()));
            }
        }
        restored.assignedSplits().forEach(this::rememberAssigned);
    }

    @Override
    public void start() {
        if (assignedKnown) {
            createMissingSplits();
        } else {
            LOG.info(
                    "Restored from a version-1 checkpoint: waiting for the readers to report their streams before adding splits for new ones");
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, @Nullable String requesterHostname) {}

    @Override
    public void handleSourceEvent(int subtaskId, SourceEvent event) {
        if (!(event instanceof SseRestoredSplitsEvent)) {
            return;
        }
        ((SseRestoredSplitsEvent) event).splits().forEach(this::rememberAssigned);
        readersReported.add(subtaskId);
        if (!assignedKnown && readersReported.size() >= context.currentParallelism()) {
            assignedKnown = true;
            createMissingSplits();
        }
    }

    @Override
    public void addSplitsBack(List<SseStreamSplit> splits, int subtaskId) {
        for (SseStreamSplit split : splits) {
            assigned.remove(split.splitId());
            unassigned.put(split.splitId(), split);
        }
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
        return new SseEnumeratorState(
                new ArrayList<>(unassigned.values()),
                new ArrayList<>(assigned.values()),
                assignedKnown);
    }

    @Override
    public void close() {}

    private void rememberAssigned(SseSplitDescriptor split) {
        if (streams.matching(split.streamName(), split.streamUrl()).isPresent()) {
            assigned.put(split.splitId(), split);
        }
    }

    /** Gives each configured stream that no split reads a new split, and hands them out. */
    private void createMissingSplits() {
        List<SseStreamSpec> configured = streams.streams();
        boolean restored = !assigned.isEmpty() || !unassigned.isEmpty();
        for (int position = 0; position < configured.size(); position++) {
            SseStreamSpec stream = configured.get(position);
            if (!isRead(stream)) {
                SseStreamSplit split =
                        new SseStreamSplit(
                                freeSplitId(position),
                                stream.url(),
                                startPosition.lastEventId() == null
                                        ? ""
                                        : startPosition.lastEventId(),
                                startPosition.since(),
                                List.of(),
                                stream.name());
                if (restored) {
                    LOG.info("Stream {} is new: reading it with {}", stream, split.splitId());
                }
                unassigned.put(split.splitId(), split);
            }
        }
        context.registeredReaders().keySet().forEach(this::assignTo);
    }

    private boolean isRead(SseStreamSpec stream) {
        return assigned.values().stream()
                        .anyMatch(split -> stream.isReadBy(split.streamName(), split.streamUrl()))
                || unassigned.values().stream()
                        .anyMatch(split -> stream.isReadBy(split.streamName(), split.streamUrl()));
    }

    /** The id of the stream's position if no split has it, else the next number not in use. */
    private String freeSplitId(int position) {
        Set<String> used = new HashSet<>(assigned.keySet());
        used.addAll(unassigned.keySet());
        String preferred = SseStreamSplit.idOf(position);
        if (!used.contains(preferred)) {
            return preferred;
        }
        int next = used.stream().mapToInt(SseStreamSplit::indexOf).max().orElse(-1) + 1;
        return SseStreamSplit.idOf(next);
    }

    private void assignTo(int subtaskId) {
        int parallelism = context.currentParallelism();
        Iterator<SseStreamSplit> pending = unassigned.values().iterator();
        while (pending.hasNext()) {
            SseStreamSplit split = pending.next();
            if (owner(split, parallelism) == subtaskId) {
                LOG.info("Assigning {} to reader {}", split, subtaskId);
                context.assignSplit(split, subtaskId);
                assigned.put(split.splitId(), SseSplitDescriptor.of(split));
                pending.remove();
            }
        }
    }

    /** The number in the split's id picks the reader. */
    static int owner(SseStreamSplit split, int parallelism) {
        return SseStreamSplit.indexOf(split.splitId()) % parallelism;
    }
}
