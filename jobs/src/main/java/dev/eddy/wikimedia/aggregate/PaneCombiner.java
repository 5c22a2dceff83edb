package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.operators.ProcessingTimeService.ProcessingTimeCallback;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;

/**
 * Combines events per key and pane before the shuffle to {@link PanedWindowAggregate}, so that a
 * pane's events cross it as a few {@link PanePartial}s rather than one record each.
 *
 * <p>Nothing is held back across a watermark, a checkpoint barrier or the end of the input: the
 * combined panes are emitted before each of them, so the windows see every event before the
 * watermark that closes its window (their final records are those of windows fed event by event),
 * and the operator has no state to checkpoint. Between watermarks the panes are emitted at the
 * latest {@link #FLUSH_INTERVAL_MILLIS} after their first event, or once {@link #MAX_EVENTS} events
 * are combined, which bounds both the added latency of early updates and the memory held.
 */
public final class PaneCombiner<A> extends AbstractStreamOperator<PanePartial<A>>
        implements OneInputStreamOperator<ChangeFacts, PanePartial<A>>, ProcessingTimeCallback {

    private static final long serialVersionUID = 1L;

    /** The longest an event waits here, in processing time, when no watermark comes first. */
    public static final long FLUSH_INTERVAL_MILLIS = 100;

    /** The most events combined before the panes are emitted. */
    static final int MAX_EVENTS = 10_000;

    private final KeySelector<ChangeFacts, String> keySelector;
    private final long pane;
    private final AggregateFunction<ChangeFacts, A, A> aggregate;

    private transient Map<String, List<OpenPane<A>>> panesByKey;
    private transient int events;
    private transient boolean flushScheduled;

    /**
     * @param pane the panes' length in milliseconds, that of the windows downstream
     */
    public PaneCombiner(
            KeySelector<ChangeFacts, String> keySelector,
            long pane,
            AggregateFunction<ChangeFacts, A, A> aggregate) {
        this.keySelector = keySelector;
        this.pane = pane;
        this.aggregate = aggregate;
    }

    @Override
    public void open() throws Exception {
        super.open();
        panesByKey = new HashMap<>();
    }

    @Override
    public void processElement(StreamRecord<ChangeFacts> element) throws Exception {
        if (!element.hasTimestamp()) {
            throw new IllegalStateException(
                    "Events reach the windows without an event time; the source assigns it");
        }
        long time = element.getTimestamp();
        long paneStart = time - Math.floorMod(time, pane);
        ChangeFacts change = element.getValue();
        OpenPane<A> open = openPane(keySelector.getKey(change), paneStart);
        open.accumulator = aggregate.add(change, open.accumulator);
        if (++events >= MAX_EVENTS) {
            flush();
        } else if (!flushScheduled) {
            flushScheduled = true;
            getProcessingTimeService()
                    .registerTimer(
                            getProcessingTimeService().getCurrentProcessingTime()
                                    + FLUSH_INTERVAL_MILLIS,
                            this);
        }
    }

    private OpenPane<A> openPane(String key, long paneStart) {
        List<OpenPane<A>> panes = panesByKey.computeIfAbsent(key, k -> new ArrayList<>(2));
        for (OpenPane<A> open : panes) {
            if (open.start == paneStart) {
                return open;
            }
        }
        OpenPane<A> open = new OpenPane<>(paneStart, aggregate.createAccumulator());
        panes.add(open);
        return open;
    }

    @Override
    public void onProcessingTime(long time) throws Exception {
        flushScheduled = false;
        flush();
    }

    @Override
    public void processWatermark(Watermark mark) throws Exception {
        flush();
        super.processWatermark(mark);
    }

    @Override
    public void processWatermarkStatus(WatermarkStatus status) throws Exception {
        flush();
        super.processWatermarkStatus(status);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        flush();
        super.prepareSnapshotPreBarrier(checkpointId);
    }

    @Override
    public void finish() throws Exception {
        flush();
        super.finish();
    }

    /** Emits the combined panes, each with its start as its timestamp. */
    private void flush() {
        if (events == 0) {
            return;
        }
        panesByKey.forEach(
                (key, panes) -> {
                    for (OpenPane<A> open : panes) {
                        output.collect(
                                new StreamRecord<>(
                                        new PanePartial<>(key, open.start, open.accumulator),
                                        open.start));
                    }
                });
        panesByKey.clear();
        events = 0;
    }

    /** A pane of one key with events not yet emitted. */
    private static final class OpenPane<A> {
        final long start;
        A accumulator;

        OpenPane(long start, A accumulator) {
            this.start = start;
            this.accumulator = accumulator;
        }
    }
}
