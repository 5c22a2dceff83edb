package dev.eddy.sse.source.reader.fetcher;

import dev.eddy.sse.source.reader.FetchedEvent;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * Gives every stream split a fetcher thread of its own: reading a stream blocks on its socket, so
 * one slow stream must not hold up another.
 */
@Internal
public final class SseFetcherManager extends SplitFetcherManager<FetchedEvent, SseStreamSplit> {

    /**
     * The batches a fetcher may queue for the task unless the job sets {@code
     * source.reader.element.queue.capacity}. A batch is what one read of the socket delivered (at
     * most 8 KiB of a stream), so the queue holds at most about half a MiB. Flink's default of 2
     * makes the fetcher and the task take turns waiting on each other: in {@code eddy bench
     * pipeline} the job ran at 0.39 of the raw drain with 2, 0.44 with 8 and 0.49-0.54 with 16-64
     * (one run each, 2026-12-01).
     */
    public static final int DEFAULT_QUEUE_CAPACITY = 64;

    /**
     * @param config the reader's configuration; {@link #DEFAULT_QUEUE_CAPACITY} applies unless it
     *     sets the queue's capacity
     */
    public SseFetcherManager(
            Supplier<SplitReader<FetchedEvent, SseStreamSplit>> splitReaderSupplier,
            Configuration config) {
        super(splitReaderSupplier, withQueueCapacity(config));
    }

    static Configuration withQueueCapacity(Configuration config) {
        if (config.contains(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY)) {
            return config;
        }
        Configuration withCapacity = new Configuration(config);
        withCapacity.set(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY, DEFAULT_QUEUE_CAPACITY);
        return withCapacity;
    }

    @Override
    public void addSplits(List<SseStreamSplit> splitsToAdd) {
        for (SseStreamSplit split : splitsToAdd) {
            SplitFetcher<FetchedEvent, SseStreamSplit> fetcher = createSplitFetcher();
            fetcher.addSplits(List.of(split));
            startFetcher(fetcher);
        }
    }

    @Override
    public void removeSplits(List<SseStreamSplit> splitsToRemove) {
        throw new UnsupportedOperationException("SSE stream splits are never removed");
    }
}
