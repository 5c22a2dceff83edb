package dev.eddy.sse.source.metrics;

import org.apache.flink.annotation.PublicEvolving;

/**
 * The names of the SSE source's metrics, the one place they are spelled. Each stream split has its
 * metrics under the source reader's group as {@code <STREAM_GROUP>.<split id>.<name>}, e.g. {@code
 * stream.stream-0.events}. Flink's standard {@code numRecordsIn} and {@code numBytesIn} of the
 * source operator are fed too.
 */
@PublicEvolving
public final class SseSourceMetrics {

    /** The key of each split's group; its value is the split id. */
    public static final String STREAM_GROUP = "stream";

    /** Counter: events received (emitted, dropped as duplicates or dead-lettered). */
    public static final String EVENTS = "events";

    /** Counter: bytes read from the stream's connections. */
    public static final String BYTES = "bytes";

    /** Counter: reconnections scheduled (after a drop, a stall, a retryable answer). */
    public static final String RECONNECTS = "reconnects";

    /** Gauge: 1 while the stream is connected, else 0. */
    public static final String CONNECTED = "connected";

    /** Gauge: milliseconds since the last event arrived, -1 before the first. */
    public static final String LAST_EVENT_AGE_MS = "lastEventAgeMs";

    /** Counter: events the deserializer refused. */
    public static final String PARSE_ERRORS = "parseErrors";

    /** Counter: events turned into dead letters (oversized or refused). */
    public static final String DEAD_LETTERS = "deadLetters";

    /** Counter: records dropped because their key was seen within the de-duplication horizon. */
    public static final String DUPLICATES_DROPPED = "duplicatesDropped";

    /** Counter: Last-Event-IDs not sent (too long, or refused with HTTP 414/431). */
    public static final String LAST_EVENT_IDS_DROPPED = "lastEventIdsDropped";

    private SseSourceMetrics() {}
}
