package dev.eddy.sse.source.reader;

import dev.eddy.sse.protocol.SseEvent;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/** What the fetcher hands to the emitter: an event, or the notice of an oversized one. */
@Internal
public final class FetchedEvent {

    private final @Nullable SseEvent event;
    private final String lastEventId;
    private final long oversizedBytes;
    private final String oversizedPrefix;

    private FetchedEvent(
            @Nullable SseEvent event,
            String lastEventId,
            long oversizedBytes,
            String oversizedPrefix) {
        this.event = event;
        this.lastEventId = lastEventId;
        this.oversizedBytes = oversizedBytes;
        this.oversizedPrefix = oversizedPrefix;
    }

    public static FetchedEvent of(SseEvent event) {
        return new FetchedEvent(event, event.lastEventId(), 0, "");
    }

    public static FetchedEvent oversized(String lastEventId, long sizeBytes, String prefix) {
        return new FetchedEvent(null, lastEventId, sizeBytes, prefix);
    }

    /** The event; null for an oversized notice. */
    public @Nullable SseEvent event() {
        return event;
    }

    /** The stream position after this event. */
    public String lastEventId() {
        return lastEventId;
    }

    public long oversizedBytes() {
        return oversizedBytes;
    }

    public String oversizedPrefix() {
        return oversizedPrefix;
    }
}
