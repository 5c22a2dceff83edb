package dev.eddy.sse.source;

import static org.apache.flink.util.Preconditions.checkNotNull;

import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An event the source could not turn into a record: too large, or rejected by the deserializer.
 * {@code raw} is the event's data (truncated for oversized events).
 */
@PublicEvolving
public final class SseDeadLetter implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String reason;
    private final String raw;
    private final String streamUrl;
    private final String lastEventId;
    private final long atEpochMillis;

    public SseDeadLetter(
            String reason, String raw, String streamUrl, String lastEventId, long atEpochMillis) {
        this.reason = checkNotNull(reason, "reason");
        this.raw = checkNotNull(raw, "raw");
        this.streamUrl = checkNotNull(streamUrl, "streamUrl");
        this.lastEventId = checkNotNull(lastEventId, "lastEventId");
        this.atEpochMillis = atEpochMillis;
    }

    /**
     * Why the event was rejected, e.g. "oversized: 2097152 bytes > 1048576" or "invalid JSON: ...".
     */
    public String reason() {
        return reason;
    }

    public String raw() {
        return raw;
    }

    /** The stream's URL with credentials masked: dead letters are written where many can read. */
    public String streamUrl() {
        return streamUrl;
    }

    /** The Last-Event-ID at the rejected event ("" if the stream had sent none). */
    public String lastEventId() {
        return lastEventId;
    }

    /** Wall-clock time the source rejected it. */
    public long atEpochMillis() {
        return atEpochMillis;
    }

    @Override
    public String toString() {
        return "SseDeadLetter{reason='"
                + reason
                + "', streamUrl='"
                + streamUrl
                + "', lastEventId='"
                + lastEventId
                + "'}";
    }
}
