package dev.eddy.sse.source.reader;

import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.fetcher.SseFetcherManager;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitState;

import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;

import java.util.Map;

/** Reads the stream splits assigned to one parallel subtask, a fetcher thread per split. */
@Internal
public final class SseSourceReader<T> extends SourceReaderBase<FetchedEvent, T, SseStreamSplit, SseStreamSplitState> {

    private final SseReaderMetrics metrics;
    private final int dedupHorizon;

    public SseSourceReader(
            SseFetcherManager fetcherManager,
            SseRecordEmitter<T> emitter,
            SseReaderMetrics metrics,
            int dedupHorizon,
            SourceReaderContext context) {
        super(fetcherManager, emitter, context.getConfiguration(), context);
        this.metrics = metrics;
        this.dedupHorizon = dedupHorizon;
    }

    @Override
    protected void onSplitFinished(Map<String, SseStreamSplitState> finishedSplitIds) {}

    @Override
    protected SseStreamSplitState initializedState(SseStreamSplit split) {
        return new SseStreamSplitState(split, dedupHorizon, metrics.forSplit(split.splitId()));
    }

    @Override
    protected SseStreamSplit toSplitType(String splitId, SseStreamSplitState splitState) {
        return splitState.toSplit();
    }
}
