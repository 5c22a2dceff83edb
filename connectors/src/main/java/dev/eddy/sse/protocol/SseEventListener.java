package dev.eddy.sse.protocol;

/** Receives what an {@link SseParser} finds in a stream, in stream order. */
public interface SseEventListener {

    /** A complete event, dispatched on a blank line. */
    void onEvent(SseEvent event);

    /** A valid {@code retry:} field: the reconnection time the server asks for. */
    default void onRetry(long reconnectMillis) {}

    /**
     * An event that grew beyond the parser's maximum size and was discarded.
     *
     * @param sizeBytes the bytes it had reached when it was given up (at least the maximum)
     * @param prefix its first bytes (data lines as received), for a dead-letter record
     */
    default void onOversizedEvent(long sizeBytes, String prefix) {}
}
