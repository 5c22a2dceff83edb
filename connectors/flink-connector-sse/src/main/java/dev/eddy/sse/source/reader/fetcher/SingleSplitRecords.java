package dev.eddy.sse.source.reader.fetcher;

import dev.eddy.sse.source.reader.FetchedEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

/** One fetch's events, all from one split (each split has a fetcher of its own). */
@Internal
final class SingleSplitRecords implements RecordsWithSplitIds<FetchedEvent> {

    private final String splitId;
    private final List<FetchedEvent> events = new ArrayList<>();
    private boolean splitReturned;
    private int next;

    SingleSplitRecords(String splitId) {
        this.splitId = splitId;
    }

    void add(FetchedEvent event) {
        events.add(event);
    }

    @Override
    public @Nullable String nextSplit() {
        if (splitReturned || events.isEmpty()) {
            return null;
        }
        splitReturned = true;
        return splitId;
    }

    @Override
    public @Nullable FetchedEvent nextRecordFromSplit() {
        return next < events.size() ? events.get(next++) : null;
    }

    @Override
    public Set<String> finishedSplits() {
        return Collections.emptySet();
    }
}
