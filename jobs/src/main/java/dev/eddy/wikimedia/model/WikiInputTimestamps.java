package dev.eddy.wikimedia.model;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Event time of a {@link WikiInput}: the change's {@code meta.dt}. Dead letters get {@link
 * Long#MIN_VALUE}, which a bounded-out-of-orderness watermark generator never advances to, so they
 * do not move watermarks.
 */
public class WikiInputTimestamps implements SerializableTimestampAssigner<WikiInput> {

    private static final long serialVersionUID = 1L;

    @Override
    public long extractTimestamp(WikiInput input, long recordTimestamp) {
        RecentChange change = input.getChange();
        return change == null ? Long.MIN_VALUE : change.getEventTimeMillis();
    }
}
