package dev.eddy.wikimedia;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts, in the metric {@code lateEvents}, the events the windows dropped because they arrived
 * after the window's end plus the allowed lateness, and discards them.
 */
public class LateEventCounter extends ProcessFunction<Long, Void> {

    private static final long serialVersionUID = 1L;

    private transient Counter lateEvents;

    @Override
    public void open(OpenContext openContext) {
        lateEvents = getRuntimeContext().getMetricGroup().counter("lateEvents");
    }

    @Override
    public void processElement(Long events, Context context, Collector<Void> out) {
        lateEvents.inc(events);
    }
}
