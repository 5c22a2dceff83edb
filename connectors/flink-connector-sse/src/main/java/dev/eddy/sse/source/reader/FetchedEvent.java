package dev.eddy.sse.source.reader;

import dev.eddy.sse.protocol.SseEvent;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * What the fetcher hands to the emitter: an event, or the notice of an oversized one, with the
 * bytes read from the stream since the split's previous one (for {@code numBytesIn}).
 */
@Internal
public final class FetchedEvent {

    private final @Nullable SseEvent event;
    private final String lastEventId;
    private final long oversizedBytes;
    private final String oversizedPrefix;
    private final long bytesRead;

    private FetchedEvent(
            @Nullable SseEvent event,
            String lastEventId,
            long oversizedBytes,
            String oversizedPrefix,
            long bytesRead) {
        this.event = event;
        this.lastEventId = lastEventId;
        this.oversizedBytes = oversizedBytes;
        this.oversizedPrefix = oversizedPrefix;
        this.bytesRead = bytesRead;
    }

    public static FetchedEvent of(SseEvent event, long bytesRead) {
        return new FetchedEvent(event, event.lastEventId(), 0, "", bytesRead);
    }

    public static FetchedEvent oversized(
            String lastEventId, long sizeBytes, String prefix, long bytesRead) {
        return new FetchedEvent(null, lastEventId, sizeBytes, prefix, bytesRead);
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

    /** Bytes read from the stream since the split's previous event. */
    public long bytesRead() {
        return bytesRead;
    }
}
