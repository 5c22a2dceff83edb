package dev.eddy.sse.source.reader;

import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.fetcher.SseFetcherManager;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitState;
import java.util.List;
import java.util.Map;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stream splits assigned to one parallel subtask, a fetcher thread per split. A split
 * restored from a checkpoint reads the URL the job is configured with now for its position in the
 * stream list (a stream that moved host, or a local replay server on a new port), resuming after
 * the checkpointed Last-Event-ID.
 */
@Internal
public final class SseSourceReader<T>
        extends SourceReaderBase<FetchedEvent, T, SseStreamSplit, SseStreamSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(SseSourceReader.class);

    private final SseReaderMetrics metrics;
    private final SseStallWatchdog watchdog;
    private final int dedupHorizon;
    private final List<String> configuredUrls;

    public SseSourceReader(
            SseFetcherManager fetcherManager,
            SseRecordEmitter<T> emitter,
            SseReaderMetrics metrics,
            SseStallWatchdog watchdog,
            int dedupHorizon,
            List<String> configuredUrls,
            SourceReaderContext context) {
        super(fetcherManager, emitter, context.getConfiguration(), context);
        this.metrics = metrics;
        this.watchdog = watchdog;
        this.dedupHorizon = dedupHorizon;
        this.configuredUrls = configuredUrls;
    }

    @Override
    public void addSplits(List<SseStreamSplit> splits) {
        super.addSplits(splits.stream().map(this::withConfiguredUrl).toList());
    }

    private SseStreamSplit withConfiguredUrl(SseStreamSplit split) {
        int index = SseStreamSplit.indexOf(split.splitId());
        if (index >= configuredUrls.size() || configuredUrls.get(index).equals(split.streamUrl())) {
            return split;
        }
        String url = configuredUrls.get(index);
        LOG.warn(
                "Split {} was checkpointed reading {}; the job now names {} for it: reading that, after Last-Event-ID '{}'",
                split.splitId(),
                StreamUrls.redact(split.streamUrl()),
                StreamUrls.redact(url),
                split.lastEventId());
        return new SseStreamSplit(
                split.splitId(), url, split.lastEventId(), split.since(), split.recentKeys());
    }

    /** Stops the fetchers, then the watchdog that watched their streams. */
    @Override
    public void close() throws Exception {
        try {
            super.close();
        } finally {
            watchdog.close();
        }
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
