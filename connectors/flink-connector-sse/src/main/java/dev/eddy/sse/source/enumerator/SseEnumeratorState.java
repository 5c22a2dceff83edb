package dev.eddy.sse.source.enumerator;

import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.List;
import org.apache.flink.annotation.Internal;

/** The enumerator's checkpoint: the splits not yet handed to a reader. */
@Internal
public final class SseEnumeratorState {

    private final List<SseStreamSplit> unassignedSplits;

    public SseEnumeratorState(List<SseStreamSplit> unassignedSplits) {
        this.unassignedSplits = List.copyOf(unassignedSplits);
    }

    public List<SseStreamSplit> unassignedSplits() {
        return unassignedSplits;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SseEnumeratorState
                && ((SseEnumeratorState) o).unassignedSplits.equals(unassignedSplits);
    }

    @Override
    public int hashCode() {
        return unassignedSplits.hashCode();
    }

    @Override
    public String toString() {
        return "SseEnumeratorState{unassignedSplits=" + unassignedSplits + '}';
    }
}
