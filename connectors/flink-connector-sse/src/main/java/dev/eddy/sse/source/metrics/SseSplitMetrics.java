package dev.eddy.sse.source.metrics;

import dev.eddy.sse.client.SseConnectionObserver;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.ThreadSafeSimpleCounter;

/**
 * The metrics of one stream split, under the reader's metric group as {@code stream.<split
 * id>.<metric>}: events, bytes, reconnects, connected, lastEventAgeMs, parseErrors, deadLetters,
 * duplicatesDropped. Updated from the fetcher thread (connection metrics) and the task thread
 * (record metrics), hence thread-safe counters.
 */
@Internal
public final class SseSplitMetrics implements SseConnectionObserver {

    private final Counter events;
    private final Counter bytes;
    private final Counter reconnects;
    private final Counter parseErrors;
    private final Counter deadLetters;
    private final Counter duplicatesDropped;
    private final Counter readerErrors;
    private volatile boolean connected;
    private volatile long lastEventAtMillis = -1;

    public SseSplitMetrics(MetricGroup readerGroup, String splitId, Counter readerErrors) {
        MetricGroup group = readerGroup.addGroup("stream", splitId);
        this.events = group.counter("events", new ThreadSafeSimpleCounter());
        this.bytes = group.counter("bytes", new ThreadSafeSimpleCounter());
        this.reconnects = group.counter("reconnects", new ThreadSafeSimpleCounter());
        this.parseErrors = group.counter("parseErrors", new ThreadSafeSimpleCounter());
        this.deadLetters = group.counter("deadLetters", new ThreadSafeSimpleCounter());
        this.duplicatesDropped = group.counter("duplicatesDropped", new ThreadSafeSimpleCounter());
        this.readerErrors = readerErrors;
        group.gauge("connected", () -> connected ? 1 : 0);
        group.gauge(
                "lastEventAgeMs",
                () -> lastEventAtMillis < 0 ? -1L : System.currentTimeMillis() - lastEventAtMillis);
    }

    public void eventReceived() {
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
    public void onBytes(long count) {
        bytes.inc(count);
    }
}
