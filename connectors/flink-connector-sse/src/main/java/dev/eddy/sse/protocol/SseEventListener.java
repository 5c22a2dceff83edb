package dev.eddy.sse.protocol;

import org.apache.flink.annotation.PublicEvolving;

/** Receives what an {@link SseParser} finds in a stream, in stream order. */
@PublicEvolving
public interface SseEventListener {

    /** A complete event, dispatched on a blank line. */
    void onEvent(SseEvent event);

    /** A valid {@code retry:} field: the reconnection time the server asks for. */
    default void onRetry(long reconnectMillis) {}

    /**
     * An event that grew beyond the parser's maximum size and was discarded, reported when its
     * blank line arrives (not at all if the stream ends first).
     *
     * @param sizeBytes the bytes of all its lines, line ends not counted (more than the maximum)
     * @param prefix the start of its data (lines joined by LF) within the maximum, at most 4096
     *     bytes of UTF-8, for a dead-letter record
     */
    default void onOversizedEvent(long sizeBytes, String prefix) {}
}
