package dev.eddy.sse.source.reader.fetcher;

import dev.eddy.sse.source.reader.FetchedEvent;
import dev.eddy.sse.source.split.SseStreamSplit;
import java.util.List;
import java.util.function.Supplier;
import org.apache.flink.annotation.Internal;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcher;
import org.apache.flink.connector.base.source.reader.fetcher.SplitFetcherManager;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * Gives every stream split a fetcher thread of its own: reading a stream blocks on its socket, so
 * one slow stream must not hold up another.
 */
@Internal
public final class SseFetcherManager extends SplitFetcherManager<FetchedEvent, SseStreamSplit> {

    public SseFetcherManager(
            Supplier<SplitReader<FetchedEvent, SseStreamSplit>> splitReaderSupplier,
            Configuration config) {
        super(splitReaderSupplier, config);
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
