package dev.eddy.sse.source.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;

/** Hands out the {@link SseSplitMetrics} of each split of one reader, creating them once. */
@Internal
public final class SseReaderMetrics {

    private final SourceReaderMetricGroup group;
    private final Map<String, SseSplitMetrics> bySplit = new ConcurrentHashMap<>();

    public SseReaderMetrics(SourceReaderMetricGroup group) {
        this.group = group;
    }

    public SseSplitMetrics forSplit(String splitId) {
        return bySplit.computeIfAbsent(
                splitId,
                id ->
                        new SseSplitMetrics(
                                group,
                                id,
                                group.getNumRecordsInErrorsCounter(),
                                group.getIOMetricGroup().getNumBytesInCounter()));
    }
}
