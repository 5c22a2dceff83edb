package dev.eddy.wikimedia.aggregate;

import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.RecordJson;
import java.time.Instant;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * Turns each firing of a window into an {@link AggregateRecord}: the contract's envelope ({@code
 * stream}, {@code key}, [{@code wiki}], {@code window_start}, {@code window_end}, {@code final},
 * {@code revision}) followed by the stream's own fields. The revision is kept in per-window state,
 * so it rises by one per update of the same window, across failovers too. A record is final once
 * the watermark has passed the window's end; a window updated by late (but allowed) events fires
 * again, final, with a higher revision.
 */
public class WindowUpdateFunction<A>
        extends ProcessWindowFunction<A, AggregateRecord, String, TimeWindow> {

    private static final long serialVersionUID = 1L;

    private static final ValueStateDescriptor<Integer> REVISION =
            new ValueStateDescriptor<>("revision", Types.INT);

    private final RecordBody<A> body;

    public WindowUpdateFunction(RecordBody<A> body) {
        this.body = body;
    }

    @Override
    public void process(
            String key, Context context, Iterable<A> accumulators, Collector<AggregateRecord> out)
            throws Exception {
        A accumulator = accumulators.iterator().next();
        TimeWindow window = context.window();
        ValueState<Integer> revisionState = context.windowState().getState(REVISION);
        Integer previous = revisionState.value();
        int revision = previous == null ? 1 : previous + 1;
        revisionState.update(revision);
        boolean isFinal = context.currentWatermark() >= window.maxTimestamp();
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
                            body.write(accumulator, window, generator);
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

    @Override
    public void clear(Context context) {
        context.windowState().getState(REVISION).clear();
    }
}
