package dev.eddy.sse.source.split;

import dev.eddy.sse.source.metrics.SseSplitMetrics;
import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/** The mutable read position of a split, advanced by the record emitter per event. */
@Internal
public final class SseStreamSplitState {

    private final SseStreamSplit split;
    private final RecentKeys recentKeys;
    private final SseSplitMetrics metrics;
    private String lastEventId;
    private @Nullable Instant since;

    public SseStreamSplitState(SseStreamSplit split, int dedupHorizon, SseSplitMetrics metrics) {
        this.split = split;
        this.recentKeys = new RecentKeys(dedupHorizon, split.recentKeys());
        this.metrics = metrics;
        this.lastEventId = split.lastEventId();
        this.since = split.since();
    }

    public String streamUrl() {
        return split.streamUrl();
    }

    public String lastEventId() {
        return lastEventId;
    }

    /** The position moves past an event (emitted, dropped as duplicate or dead-lettered). */
    public void advanceTo(String eventId) {
        this.lastEventId = eventId;
        this.since = null;
    }

    public RecentKeys recentKeys() {
        return recentKeys;
    }

    public SseSplitMetrics metrics() {
        return metrics;
    }

    public SseStreamSplit toSplit() {
        return new SseStreamSplit(
                split.splitId(),
                split.streamUrl(),
                lastEventId,
                since,
                recentKeys.toList(),
                split.streamName());
    }
}
