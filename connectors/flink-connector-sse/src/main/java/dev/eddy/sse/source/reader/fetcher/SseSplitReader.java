package dev.eddy.sse.source.reader.fetcher;

import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseConnectionObserver;
import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.client.SseStreamClient;
import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;
import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.FetchedEvent;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.io.IOException;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads the one stream split its fetcher owns through an {@link SseStreamClient}, which reconnects
 * and resumes by itself. A fetch blocks until events arrive or the fetcher wakes it.
 */
@Internal
public final class SseSplitReader implements SplitReader<FetchedEvent, SseStreamSplit> {

    private final SseClientConfig config;
    private final SseReaderMetrics metrics;
    private final SseStallWatchdog watchdog;
    private @Nullable SseStreamClient client;
    private @Nullable String splitId;
    private @Nullable ByteCountingObserver observer;

    /**
     * @param watchdog the reader's stall watchdog, shared by its split readers and closed by the
     *     reader after them
     */
    public SseSplitReader(
            SseClientConfig config, SseReaderMetrics metrics, SseStallWatchdog watchdog) {
        this.config = config;
        this.metrics = metrics;
        this.watchdog = watchdog;
    }

    @Override
    public RecordsWithSplitIds<FetchedEvent> fetch() throws IOException {
        if (client == null) {
            return new SingleSplitRecords("none");
        }
        SingleSplitRecords records = new SingleSplitRecords(splitId);
        SseStreamClient current = client;
        ByteCountingObserver bytes = observer;
        current.poll(
                new SseEventListener() {
                    @Override
                    public void onEvent(SseEvent event) {
                        records.add(FetchedEvent.of(event, bytes.takeUnattributed()));
                    }

                    @Override
                    public void onOversizedEvent(long sizeBytes, String prefix) {
                        records.add(
                                FetchedEvent.oversized(
                                        current.lastEventId(),
                                        sizeBytes,
                                        prefix,
                                        bytes.takeUnattributed()));
                    }
                });
        return records;
    }

    @Override
    public void handleSplitsChanges(SplitsChange<SseStreamSplit> splitsChanges) {
        if (!(splitsChanges instanceof SplitsAddition)) {
            throw new UnsupportedOperationException(
                    "SSE splits are never removed, got " + splitsChanges);
        }
        for (SseStreamSplit split : splitsChanges.splits()) {
            if (client != null) {
                throw new IllegalStateException(
                        "An SSE split reader reads one split; got a second: " + split);
            }
            splitId = split.splitId();
            observer = new ByteCountingObserver(metrics.forSplit(splitId));
            client =
                    new SseStreamClient(
                            split.streamUrl(),
                            config,
                            split.lastEventId(),
                            split.since(),
                            observer,
                            watchdog);
        }
    }

    @Override
    public void wakeUp() {
        if (client != null) {
            client.wakeUp();
        }
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /**
     * Passes connection events to the split's metrics and keeps the bytes read since the last event
     * handed on, so that each event carries them to the task thread's {@code numBytesIn}. Used by
     * the fetcher thread only.
     */
    private static final class ByteCountingObserver implements SseConnectionObserver {
        private final SseConnectionObserver metrics;
        private long unattributed;

        ByteCountingObserver(SseConnectionObserver metrics) {
            this.metrics = metrics;
        }

        long takeUnattributed() {
            long bytes = unattributed;
            unattributed = 0;
            return bytes;
        }

        @Override
        public void onConnected() {
            metrics.onConnected();
        }

        @Override
        public void onDisconnected(String reason) {
            metrics.onDisconnected(reason);
        }

        @Override
        public void onReconnectScheduled(int attempt, long delayMillis) {
            metrics.onReconnectScheduled(attempt, delayMillis);
        }

        @Override
        public void onLastEventIdDropped(String reason) {
            metrics.onLastEventIdDropped(reason);
        }

        @Override
        public void onBytes(long count) {
            unattributed += count;
            metrics.onBytes(count);
        }
    }
}
