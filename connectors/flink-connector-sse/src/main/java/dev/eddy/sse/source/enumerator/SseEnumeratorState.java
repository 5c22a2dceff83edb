package dev.eddy.sse.source.enumerator;

import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.List;
import java.util.Objects;
import org.apache.flink.annotation.Internal;

/**
 * The enumerator's checkpoint: the splits not yet handed to a reader, and which streams the handed
 * out ones read. A state of version 1 did not record the latter ({@link #assignedSplitsKnown()} is
 * false): the enumerator then learns them from the readers.
 */
@Internal
public final class SseEnumeratorState {

    private final List<SseStreamSplit> unassignedSplits;
    private final List<SseSplitDescriptor> assignedSplits;
    private final boolean assignedSplitsKnown;

    public SseEnumeratorState(
            List<SseStreamSplit> unassignedSplits,
            List<SseSplitDescriptor> assignedSplits,
            boolean assignedSplitsKnown) {
        this.unassignedSplits = List.copyOf(unassignedSplits);
        this.assignedSplits = List.copyOf(assignedSplits);
        this.assignedSplitsKnown = assignedSplitsKnown;
    }

    public List<SseStreamSplit> unassignedSplits() {
        return unassignedSplits;
    }

    public List<SseSplitDescriptor> assignedSplits() {
        return assignedSplits;
    }

    public boolean assignedSplitsKnown() {
        return assignedSplitsKnown;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SseEnumeratorState)) {
            return false;
        }
        SseEnumeratorState that = (SseEnumeratorState) o;
        return unassignedSplits.equals(that.unassignedSplits)
                && assignedSplits.equals(that.assignedSplits)
                && assignedSplitsKnown == that.assignedSplitsKnown;
    }

    @Override
    public int hashCode() {
        return Objects.hash(unassignedSplits, assignedSplits, assignedSplitsKnown);
    }

    @Override
    public String toString() {
        return "SseEnumeratorState{unassignedSplits="
                + unassignedSplits
                + ", assignedSplits="
                + assignedSplits.size()
                + (assignedSplitsKnown ? "" : " (unknown, version 1)")
                + '}';
    }
}
