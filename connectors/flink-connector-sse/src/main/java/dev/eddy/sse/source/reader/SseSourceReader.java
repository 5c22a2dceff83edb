package dev.eddy.sse.source.reader;

import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.fetcher.SseFetcherManager;
import dev.eddy.sse.source.split.ConfiguredStreams;
import dev.eddy.sse.source.split.SseRestoredSplitsEvent;
import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSpec;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.source.split.SseStreamSplitState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SourceReaderBase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the stream splits assigned to one parallel subtask, a fetcher thread per split. A split
 * restored from a checkpoint is matched to the streams the job names now: by name (the URL may have
 * changed: a stream that moved host, a local replay server on a new port), or by URL for an unnamed
 * stream, resuming after the checkpointed Last-Event-ID. A split whose stream the job no longer
 * names is retired. Once started, the reader tells the enumerator which streams its restored splits
 * read.
 */
@Internal
public final class SseSourceReader<T>
        extends SourceReaderBase<FetchedEvent, T, SseStreamSplit, SseStreamSplitState> {

    private static final Logger LOG = LoggerFactory.getLogger(SseSourceReader.class);

    private final SseReaderMetrics metrics;
    private final SseStallWatchdog watchdog;
    private final int dedupHorizon;
    private final ConfiguredStreams streams;
    private final SourceReaderContext context;
    private final List<SseSplitDescriptor> restoredSplits = new ArrayList<>();
    private boolean started;

    public SseSourceReader(
            SseFetcherManager fetcherManager,
            SseRecordEmitter<T> emitter,
            SseReaderMetrics metrics,
            SseStallWatchdog watchdog,
            int dedupHorizon,
            ConfiguredStreams streams,
            SourceReaderContext context) {
        super(fetcherManager, emitter, context.getConfiguration(), context);
        this.metrics = metrics;
        this.watchdog = watchdog;
        this.dedupHorizon = dedupHorizon;
        this.streams = streams;
        this.context = context;
    }

    @Override
    public void start() {
        super.start();
        started = true;
        context.sendSourceEventToCoordinator(new SseRestoredSplitsEvent(restoredSplits));
    }

    @Override
    public void addSplits(List<SseStreamSplit> splits) {
        List<SseStreamSplit> read = new ArrayList<>(splits.size());
        for (SseStreamSplit split : splits) {
            Optional<SseStreamSplit> current = streams.reconcile(split);
            if (current.isEmpty()) {
                LOG.warn(
                        "Split {} ({}) reads a stream the job no longer names: retired, not read any more",
                        split.splitId(),
                        new SseStreamSpec(split.streamName(), split.streamUrl()));
                continue;
            }
            if (!current.get().streamUrl().equals(split.streamUrl())) {
                LOG.warn(
                        "Split {} of stream '{}' was checkpointed reading {}; the job now names {} for it: reading that, after Last-Event-ID '{}'",
                        split.splitId(),
                        split.streamName(),
                        StreamUrls.redact(split.streamUrl()),
                        StreamUrls.redact(current.get().streamUrl()),
                        split.lastEventId());
            }
            read.add(current.get());
            if (!started) {
                restoredSplits.add(SseSplitDescriptor.of(current.get()));
            }
        }
        super.addSplits(read);
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
