package dev.eddy.sse.source.metrics;

import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.source.reader.EmittingSplit;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The metrics of one stream split, under the reader's metric group as {@code stream.<split
 * id>.<metric>}, named in {@link SseSourceMetrics}. Updated from the fetcher thread (connection
 * metrics) and the task thread (record metrics), hence thread-safe counters.
 */
@Internal
public final class SseSplitMetrics implements SseConnectionObserver, EmittingSplit.Connection {

    private final Counter events;
    private final Counter bytes;
    private final Counter reconnects;
    private final Counter parseErrors;
    private final Counter deadLetters;
    private final Counter duplicatesDropped;
    private final Counter lastEventIdsDropped;
    private final Counter readerErrors;
    private final Counter readerBytesIn;
    private volatile boolean connected;
    private volatile long lastEventAtMillis = -1;

    /**
     * @param readerErrors the reader's {@code numRecordsInErrors}
     * @param readerBytesIn the reader's {@code numBytesIn}, fed from the task thread only
     */
    public SseSplitMetrics(
            MetricGroup readerGroup, String splitId, Counter readerErrors, Counter readerBytesIn) {
        MetricGroup group = readerGroup.addGroup(SseSourceMetrics.STREAM_GROUP, splitId);
        this.events = group.counter(SseSourceMetrics.EVENTS, new ThreadSafeSimpleCounter());
        this.bytes = group.counter(SseSourceMetrics.BYTES, new ThreadSafeSimpleCounter());
        this.reconnects = group.counter(SseSourceMetrics.RECONNECTS, new ThreadSafeSimpleCounter());
        this.parseErrors =
                group.counter(SseSourceMetrics.PARSE_ERRORS, new ThreadSafeSimpleCounter());
        this.deadLetters =
                group.counter(SseSourceMetrics.DEAD_LETTERS, new ThreadSafeSimpleCounter());
        this.duplicatesDropped =
                group.counter(SseSourceMetrics.DUPLICATES_DROPPED, new ThreadSafeSimpleCounter());
        this.lastEventIdsDropped =
                group.counter(
                        SseSourceMetrics.LAST_EVENT_IDS_DROPPED, new ThreadSafeSimpleCounter());
        this.readerErrors = readerErrors;
        this.readerBytesIn = readerBytesIn;
        group.gauge(SseSourceMetrics.CONNECTED, () -> connected ? 1 : 0);
        group.gauge(
                SseSourceMetrics.LAST_EVENT_AGE_MS,
                () -> lastEventAtMillis < 0 ? -1L : System.currentTimeMillis() - lastEventAtMillis);
    }

    /**
     * An event reached the emitter (task thread), with the bytes read from the socket since the
     * split's previous event.
     */
    public void eventReceived(long bytesRead) {
        readerBytesIn.inc(bytesRead);
        events.inc();
        lastEventAtMillis = System.currentTimeMillis();
    }

    public void parseError() {
        parseErrors.inc();
        readerErrors.inc();
    }

    public void deadLetter() {
        deadLetters.inc();
    }

    public void duplicateDropped() {
        duplicatesDropped.inc();
    }

    @Override
    public boolean isConnected() {
        return connected;
    }

    @Override
    public void onConnected() {
        connected = true;
    }

    @Override
    public void onDisconnected(String reason) {
        connected = false;
    }

    @Override
    public void onReconnectScheduled(int attempt, long delayMillis) {
        reconnects.inc();
    }

    @Override
    public void onLastEventIdDropped(String reason) {
        lastEventIdsDropped.inc();
    }

    @Override
    public void onBytes(long count) {
        bytes.inc(count);
    }
}
