package dev.eddy.sse.source;

import static org.apache.flink.util.Preconditions.checkNotNull;

import java.io.Serializable;
import java.time.Instant;
import javax.annotation.Nullable;
import org.apache.flink.annotation.PublicEvolving;

/**
 * Where a fresh job starts reading each stream. A job restored from a checkpoint or savepoint
 * ignores this and resumes from the Last-Event-ID in its state.
 */
@PublicEvolving
public final class SseStartPosition implements Serializable {

    private static final long serialVersionUID = 1L;

    private final @Nullable String lastEventId;
    private final @Nullable Instant since;

    private SseStartPosition(@Nullable String lastEventId, @Nullable Instant since) {
        this.lastEventId = lastEventId;
        this.since = since;
    }

    /** Only events sent from now on (no Last-Event-ID, no {@code since}). */
    public static SseStartPosition latest() {
        return new SseStartPosition(null, null);
    }

    /**
     * The events after the one with this id, sent as {@code Last-Event-ID} on the first request.
     */
    public static SseStartPosition afterEventId(String lastEventId) {
        return new SseStartPosition(checkNotNull(lastEventId, "lastEventId"), null);
    }

    /** Events from this time on, as the {@code since} query parameter (Wikimedia EventStreams). */
    public static SseStartPosition since(Instant since) {
        return new SseStartPosition(null, checkNotNull(since, "since"));
    }

    public @Nullable String lastEventId() {
        return lastEventId;
    }

    public @Nullable Instant since() {
        return since;
    }

    @Override
    public String toString() {
        if (lastEventId != null) {
            return "afterEventId(" + lastEventId + ")";
        }
        return since != null ? "since(" + since + ")" : "latest()";
    }
}
