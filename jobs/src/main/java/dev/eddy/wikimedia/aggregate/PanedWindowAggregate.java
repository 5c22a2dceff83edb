package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.model.ChangeFacts;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.RecordJson;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.apache.flink.util.Preconditions;

/**
 * Event-time windows of one key, tumbling or sliding, aggregated in panes: a window of size {@code
 * s} sliding by {@code d} is made of panes of {@code gcd(s, d)}, and each event updates the one
 * pane its time falls in, not each of the {@code s / d} windows that contain it. The events arrive
 * already combined per pane by {@link PaneCombiner} before the shuffle, as {@link PanePartial}s,
 * which are merged into the pane. A window's record is written from its panes when it fires.
 *
 * <p>Firing, as a window of Flink's window API with an early-update trigger would: a window whose
 * panes received events is updated at most once per update interval of processing time ({@code
 * final: false} while the watermark has not passed its end), fires {@code final: true} when the
 * watermark passes its end, and once more, final, for events that arrive later but within the
 * allowed lateness (also when the watermark reaches its end plus the allowed lateness with such an
 * update still unsent). Then its state is dropped; a pane goes with the last window holding it.
 * Events later than that for every window holding them are counted to the late-events side output.
 * The revision of a window's records rises by one per record, across failovers too (it is kept in
 * state).
 *
 * <p>State per key: the panes' accumulators, the panes with an update due, and per window the
 * revision and the number of events of its last record (a window whose panes gained no event since
 * is not written again on a processing-time update). Each partial costs a read and a write of its
 * pane and a look-up of its due update; timers are registered per pane, not per event.
 */
public class PanedWindowAggregate<A>
        extends KeyedProcessFunction<String, PanePartial<A>, AggregateRecord> {

    private static final long serialVersionUID = 1L;

    private final long size;
    private final long slide;
    private final long pane;
    private final long allowedLateness;
    private final long updateInterval;
    private final AggregateFunction<ChangeFacts, A, A> aggregate;
    private final TypeInformation<A> accumulatorType;
    private final RecordBody<A> body;
    private final OutputTag<Long> lateEvents;

    private transient MapState<Long, A> panes;
    private transient MapState<Long, Long> dueUpdates;
    private transient MapState<Long, Integer> revisions;
    private transient MapState<Long, Long> eventsWritten;

    /**
     * @param size window size
     * @param slide how far apart windows start; equal to {@code size} for tumbling windows
     * @param allowedLateness how long after its end a window still takes events
     * @param updateInterval processing time between updates of a window that keeps receiving events
     * @param accumulatorType the type of the aggregate's accumulator, for its state
     * @param lateEvents where the number of events too late for all their windows goes
     */
    public PanedWindowAggregate(
            Duration size,
            Duration slide,
            Duration allowedLateness,
            Duration updateInterval,
            AggregateFunction<ChangeFacts, A, A> aggregate,
            TypeInformation<A> accumulatorType,
            RecordBody<A> body,
            OutputTag<Long> lateEvents) {
        this.size = size.toMillis();
        this.slide = slide.toMillis();
        Preconditions.checkArgument(
                this.size > 0 && this.slide > 0 && this.slide <= this.size,
                "window size %s and slide %s must be positive, the slide at most the size",
                size,
                slide);
        Preconditions.checkArgument(
                !updateInterval.isNegative() && !updateInterval.isZero(),
                "update interval must be positive, got %s",
                updateInterval);
        this.pane = paneLength(size, slide);
        this.allowedLateness = allowedLateness.toMillis();
        this.updateInterval = updateInterval.toMillis();
        this.aggregate = aggregate;
        this.accumulatorType = accumulatorType;
        this.body = body;
        this.lateEvents = lateEvents;
    }

    @Override
    public void open(OpenContext openContext) {
        panes =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("panes", Types.LONG, accumulatorType));
        dueUpdates =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("due-updates", Types.LONG, Types.LONG));
        revisions =
                getRuntimeContext()
                        .getMapState(new MapStateDescriptor<>("revisions", Types.LONG, Types.INT));
        eventsWritten =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>("events-written", Types.LONG, Types.LONG));
    }

    /** The length of the panes of windows of this size and slide, in milliseconds. */
    public static long paneLength(Duration size, Duration slide) {
        return BigInteger.valueOf(size.toMillis())
                .gcd(BigInteger.valueOf(slide.toMillis()))
                .longValue();
    }

    @Override
    public void processElement(
            PanePartial<A> partial, Context context, Collector<AggregateRecord> out)
            throws Exception {
        long watermark = context.timerService().currentWatermark();
        long paneStart = partial.paneStart();
        if (cleanupTime(lastWindowStart(paneStart)) <= watermark) {
            context.output(lateEvents, body.events(partial.accumulator()));
            return;
        }
        A accumulator = panes.get(paneStart);
        if (accumulator == null) {
            registerWindowTimers(paneStart, watermark, context.timerService());
            panes.put(paneStart, partial.accumulator());
        } else {
            panes.put(paneStart, aggregate.merge(accumulator, partial.accumulator()));
        }
        if (!dueUpdates.contains(paneStart)) {
            long updateAt = context.timerService().currentProcessingTime() + updateInterval;
            context.timerService().registerProcessingTimeTimer(updateAt);
            dueUpdates.put(paneStart, updateAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext context, Collector<AggregateRecord> out)
            throws Exception {
        String key = context.getCurrentKey();
        long watermark = context.timerService().currentWatermark();
        if (context.timeDomain() == TimeDomain.PROCESSING_TIME) {
            for (long windowStart : windowsWithDueUpdates(timestamp, watermark)) {
                writeIfChanged(key, windowStart, watermark, out);
            }
            return;
        }
        long endingWindow = timestamp + 1 - size;
        if (isWindowStart(endingWindow) && hasPanes(endingWindow)) {
            write(key, endingWindow, watermark, out);
        }
        long expiringWindow = timestamp + 1 - size - allowedLateness;
        if (isWindowStart(expiringWindow)) {
            if (allowedLateness > 0) {
                writeIfChanged(key, expiringWindow, watermark, out);
            }
            drop(expiringWindow);
        }
    }

    /**
     * The windows holding the panes whose update is due by {@code now}, still in their lateness.
     */
    private TreeSet<Long> windowsWithDueUpdates(long now, long watermark) throws Exception {
        TreeSet<Long> windows = new TreeSet<>();
        Iterator<Map.Entry<Long, Long>> due = dueUpdates.iterator();
        while (due.hasNext()) {
            Map.Entry<Long, Long> update = due.next();
            if (update.getValue() <= now) {
                long paneStart = update.getKey();
                due.remove();
                for (long start = lastWindowStart(paneStart);
                        start > paneStart - size;
                        start -= slide) {
                    if (cleanupTime(start) > watermark) {
                        windows.add(start);
                    }
                }
            }
        }
        return windows;
    }

    private void registerWindowTimers(long paneStart, long watermark, TimerService timers) {
        for (long start = lastWindowStart(paneStart); start > paneStart - size; start -= slide) {
            long end = start + size - 1;
            if (end > watermark) {
                timers.registerEventTimeTimer(end);
            }
            if (allowedLateness > 0 && cleanupTime(start) > watermark) {
                timers.registerEventTimeTimer(cleanupTime(start));
            }
        }
    }

    private void writeIfChanged(
            String key, long windowStart, long watermark, Collector<AggregateRecord> out)
            throws Exception {
        List<A> content = panesOf(windowStart);
        Long written = eventsWritten.get(windowStart);
        if (!content.isEmpty() && (written == null || written != events(content))) {
            write(key, windowStart, content, watermark, out);
        }
    }

    private void write(String key, long windowStart, long watermark, Collector<AggregateRecord> out)
            throws Exception {
        write(key, windowStart, panesOf(windowStart), watermark, out);
    }

    private void write(
            String key,
            long windowStart,
            List<A> content,
            long watermark,
            Collector<AggregateRecord> out)
            throws Exception {
        Integer previous = revisions.get(windowStart);
        int revision = previous == null ? 1 : previous + 1;
        revisions.put(windowStart, revision);
        eventsWritten.put(windowStart, events(content));
        TimeWindow window = new TimeWindow(windowStart, windowStart + size);
        boolean isFinal = watermark >= window.maxTimestamp();
        String json =
                RecordJson.write(
                        generator -> {
                            generator.writeStringField("stream", body.stream());
                            generator.writeStringField("key", key);
                            if (body.keyedByWiki()) {
                                generator.writeStringField("wiki", key);
                            }
                            generator.writeStringField(
                                    "window_start",
                                    Instant.ofEpochMilli(window.getStart()).toString());
                            generator.writeStringField(
                                    "window_end", Instant.ofEpochMilli(window.getEnd()).toString());
                            generator.writeBooleanField("final", isFinal);
                            generator.writeNumberField("revision", revision);
                            body.write(content, window, generator);
                        });
        out.collect(
                new AggregateRecord(
                        body.stream(),
                        key,
                        window.getStart(),
                        window.getEnd(),
                        isFinal,
                        revision,
                        json));
    }

    /** Drops a window's own state, and the panes no later window holds. */
    private void drop(long windowStart) throws Exception {
        revisions.remove(windowStart);
        eventsWritten.remove(windowStart);
        for (long paneStart = windowStart; paneStart < windowStart + slide; paneStart += pane) {
            panes.remove(paneStart);
            dueUpdates.remove(paneStart);
        }
    }

    private List<A> panesOf(long windowStart) throws Exception {
        List<A> content = new ArrayList<>();
        for (long paneStart = windowStart; paneStart < windowStart + size; paneStart += pane) {
            A accumulator = panes.get(paneStart);
            if (accumulator != null) {
                content.add(accumulator);
            }
        }
        return content;
    }

    private boolean hasPanes(long windowStart) throws Exception {
        for (long paneStart = windowStart; paneStart < windowStart + size; paneStart += pane) {
            if (panes.contains(paneStart)) {
                return true;
            }
        }
        return false;
    }

    private long events(List<A> content) {
        long events = 0;
        for (A accumulator : content) {
            events += body.events(accumulator);
        }
        return events;
    }

    /** The start of the last window holding the pane (or time). */
    private long lastWindowStart(long time) {
        return time - Math.floorMod(time, slide);
    }

    private boolean isWindowStart(long time) {
        return Math.floorMod(time, slide) == 0;
    }

    /** When a window's state goes: the watermark has passed its end plus the allowed lateness. */
    private long cleanupTime(long windowStart) {
        return windowStart + size - 1 + allowedLateness;
    }
}
