package dev.eddy.sse.server;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The endpoint's streams by name: declared up front, left by a previous run, or created on first
 * publish.
 */
final class StreamRegistry {

    private final ConcurrentSkipListMap<String, EventStream> streams =
            new ConcurrentSkipListMap<>();
    private final EventIdStore ids;
    private final int historySize;
    private final int dedupWindows;
    private final boolean createOnPublish;

    StreamRegistry(EventIdStore ids, int historySize, int dedupWindows, boolean createOnPublish) {
        this.ids = ids;
        this.historySize = historySize;
        this.dedupWindows = dedupWindows;
        this.createOnPublish = createOnPublish;
    }

    void declare(String name) {
        streams.computeIfAbsent(name, this::newStream);
    }

    /** The stream, or null if it does not exist (yet). */
    EventStream get(String name) {
        return streams.get(name);
    }

    /** The stream for a publish: created if allowed, else null when unknown. */
    EventStream getOrCreate(String name) {
        return createOnPublish ? streams.computeIfAbsent(name, this::newStream) : streams.get(name);
    }

    Collection<EventStream> all() {
        return streams.values();
    }

    Set<String> names() {
        return streams.keySet();
    }

    private EventStream newStream(String name) {
        return new EventStream(name, ids, historySize, dedupWindows);
    }
}
