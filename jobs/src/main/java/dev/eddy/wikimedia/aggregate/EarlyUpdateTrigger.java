package dev.eddy.wikimedia.aggregate;

import java.time.Duration;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.windowing.triggers.Trigger;
import org.apache.flink.streaming.api.windowing.triggers.TriggerResult;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/**
 * Fires an event-time window early, at most once per update interval of processing time and only
 * when it received elements since its last firing, then once when the watermark passes its end.
 * Elements arriving after that (late, but within the allowed lateness) schedule one more firing
 * after the update interval, or at the latest when the window is purged. Never purges: the window
 * keeps its incremental aggregate, so each firing reports everything so far.
 */
public class EarlyUpdateTrigger<T> extends Trigger<T, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Long> PENDING_UPDATE =
            new ValueStateDescriptor<>("pending-update-at", Types.LONG);

    private final long updateIntervalMillis;

    private EarlyUpdateTrigger(long updateIntervalMillis) {
        this.updateIntervalMillis = updateIntervalMillis;
    }

    /**
     * @param updateInterval processing time between updates of a window that keeps receiving
     *     elements
     */
    public static <T> EarlyUpdateTrigger<T> every(Duration updateInterval) {
        if (updateInterval.isNegative() || updateInterval.isZero()) {
            throw new IllegalArgumentException(
                    "update interval must be positive, got " + updateInterval);
        }
        return new EarlyUpdateTrigger<>(updateInterval.toMillis());
    }

    @Override
    public TriggerResult onElement(T element, long timestamp, TimeWindow window, TriggerContext ctx)
            throws Exception {
        if (window.maxTimestamp() > ctx.getCurrentWatermark()) {
            ctx.registerEventTimeTimer(window.maxTimestamp());
        }
        ValueState<Long> pendingUpdate = ctx.getPartitionedState(PENDING_UPDATE);
        if (pendingUpdate.value() == null) {
            long updateAt = ctx.getCurrentProcessingTime() + updateIntervalMillis;
            ctx.registerProcessingTimeTimer(updateAt);
            pendingUpdate.update(updateAt);
        }
        return TriggerResult.CONTINUE;
    }

    @Override
    public TriggerResult onProcessingTime(long time, TimeWindow window, TriggerContext ctx)
            throws Exception {
        ValueState<Long> pendingUpdate = ctx.getPartitionedState(PENDING_UPDATE);
        Long updateAt = pendingUpdate.value();
        if (updateAt == null || updateAt != time) {
            return TriggerResult.CONTINUE;
        }
        pendingUpdate.clear();
        return TriggerResult.FIRE;
    }

    @Override
    public TriggerResult onEventTime(long time, TimeWindow window, TriggerContext ctx)
            throws Exception {
        ValueState<Long> pendingUpdate = ctx.getPartitionedState(PENDING_UPDATE);
        Long updateAt = pendingUpdate.value();
        if (updateAt != null) {
            ctx.deleteProcessingTimeTimer(updateAt);
            pendingUpdate.clear();
        }
        // The window's end, or its purge time (end + allowed lateness) with a late update still
        // unsent.
        boolean fire = time == window.maxTimestamp() || updateAt != null;
        return fire ? TriggerResult.FIRE : TriggerResult.CONTINUE;
    }

    @Override
    public void clear(TimeWindow window, TriggerContext ctx) throws Exception {
        ctx.deleteEventTimeTimer(window.maxTimestamp());
        ValueState<Long> pendingUpdate = ctx.getPartitionedState(PENDING_UPDATE);
        Long updateAt = pendingUpdate.value();
        if (updateAt != null) {
            ctx.deleteProcessingTimeTimer(updateAt);
        }
        pendingUpdate.clear();
    }

    @Override
    public String toString() {
        return "EarlyUpdateTrigger(every " + updateIntervalMillis + " ms)";
    }
}
