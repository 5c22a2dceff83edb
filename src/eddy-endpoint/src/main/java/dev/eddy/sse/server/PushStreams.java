package dev.eddy.sse.server;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The pushed streams by name: declared up front, left by a previous run, or created on first
 * publish.
 */
final class PushStreams implements StreamCatalog {

    private final ConcurrentSkipListMap<String, PushStream> streams = new ConcurrentSkipListMap<>();
    private final EventIdStore ids;
    private final int historySize;
    private final int dedupWindows;
    private final Duration snapshotSpan;
    private final boolean createOnPublish;

    PushStreams(
            EventIdStore ids,
            int historySize,
            int dedupWindows,
            Duration snapshotSpan,
            boolean createOnPublish) {
        this.ids = ids;
        this.historySize = historySize;
        this.dedupWindows = dedupWindows;
        this.snapshotSpan = snapshotSpan;
        this.createOnPublish = createOnPublish;
    }

    void declare(String name) {
        streams.computeIfAbsent(name, this::newStream);
    }

    @Override
    public PushStream get(String name) {
        return streams.get(name);
    }

    /** The stream for a publish: created if allowed, else null when unknown. */
    PushStream getOrCreate(String name) {
        return createOnPublish ? streams.computeIfAbsent(name, this::newStream) : streams.get(name);
    }

    @Override
    public Collection<PushStream> all() {
        return streams.values();
    }

    @Override
    public Set<String> names() {
        return streams.keySet();
    }

    private PushStream newStream(String name) {
        return new PushStream(
                name, ids, historySize, dedupWindows, new LatestWindows(snapshotSpan, 100_000));
    }
}
