package dev.eddy.sse.client;

import org.apache.flink.annotation.PublicEvolving;

/** Hears what happens to a stream's connection; used for metrics and status lines. */
@PublicEvolving
public interface SseConnectionObserver {

    SseConnectionObserver NONE = new SseConnectionObserver() {};

    default void onConnected() {}

    /** The connection ended; {@code reason} says why (normal close, stall, error). */
    default void onDisconnected(String reason) {}

    /**
     * A new attempt will be made in {@code delayMillis}; attempt counts from 1 after a connection.
     */
    default void onReconnectScheduled(int attempt, long delayMillis) {}

    default void onBytes(long count) {}

    /**
     * The Last-Event-ID could not be sent (too long, or refused by the server with HTTP 414/431):
     * the stream is resumed without it, so events may be missed.
     */
    default void onLastEventIdDropped(String reason) {}
}
