package dev.eddy.wikimedia.testing;

import java.util.Collection;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The test's end of a {@link FeedSource}: the SSE event data it sends reaches the source's reader
 * in the same JVM (MiniCluster) in order. {@link #end()} ends the input.
 */
public final class Feed implements AutoCloseable {

    static final Object END = new Object();

    private static final Map<String, Queue<Object>> FEEDS = new ConcurrentHashMap<>();

    private final String id;

    private Feed(String id) {
        this.id = id;
    }

    public static Feed open() {
        String id = UUID.randomUUID().toString();
        FEEDS.put(id, new ConcurrentLinkedQueue<>());
        return new Feed(id);
    }

    /** A source whose single split reads this feed; readers without the split end at once. */
    public FeedSource source() {
        return new FeedSource(id, false);
    }

    /**
     * A source whose single split reads this feed; readers without the split stay open and idle, as
     * an SSE source with fewer URLs than readers.
     */
    public FeedSource sourceWithIdleReaders() {
        return new FeedSource(id, true);
    }

    /** Sends the data of one SSE event. */
    public Feed send(String data) {
        FEEDS.get(id).add(data);
        return this;
    }

    public Feed sendAll(Collection<String> data) {
        FEEDS.get(id).addAll(data);
        return this;
    }

    /** Ends the input: the reader finishes after the data sent so far. */
    public void end() {
        FEEDS.get(id).add(END);
    }

    static Object poll(String id) {
        Queue<Object> queue = FEEDS.get(id);
        return queue == null ? null : queue.poll();
    }

    static boolean isEmpty(String id) {
        Queue<Object> queue = FEEDS.get(id);
        return queue == null || queue.isEmpty();
    }

    @Override
    public void close() {
        FEEDS.remove(id);
    }
}
