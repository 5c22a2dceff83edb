package dev.eddy.sse.replay;

import java.util.Objects;

/**
 * One event of a {@link Recording}: the id sent as {@code id:} (empty for none), the event type,
 * the data, and the event time in epoch milliseconds ({@link #NO_EVENT_TIME} if unknown), which
 * {@code ?since=} and looping use.
 */
public record ReplayEvent(String id, String type, String data, long eventTimeMillis) {

    /** The event time of events that carry none. */
    public static final long NO_EVENT_TIME = -1L;

    public ReplayEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
    }

    public boolean hasEventTime() {
        return eventTimeMillis != NO_EVENT_TIME;
    }
}
