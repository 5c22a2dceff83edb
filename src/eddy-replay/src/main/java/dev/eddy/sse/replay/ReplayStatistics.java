package dev.eddy.sse.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** What a {@link ReplayServer} has seen and done, for tests to assert on. */
final class ReplayStatistics {

    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger openStreams = new AtomicInteger();
    private final AtomicLong eventsSent = new AtomicLong();
    private final List<String> lastEventIds = new ArrayList<>();

    void requestReceived(String lastEventIdHeader) {
        requests.incrementAndGet();
        if (lastEventIdHeader != null) {
            synchronized (lastEventIds) {
                lastEventIds.add(lastEventIdHeader);
            }
        }
    }

    void streamOpened() {
        openStreams.incrementAndGet();
    }

    void streamClosed() {
        openStreams.decrementAndGet();
    }

    void eventsSent(long count) {
        eventsSent.addAndGet(count);
    }

    int requests() {
        return requests.get();
    }

    int openStreams() {
        return openStreams.get();
    }

    long eventsSent() {
        return eventsSent.get();
    }

    List<String> lastEventIds() {
        synchronized (lastEventIds) {
            return List.copyOf(lastEventIds);
        }
    }
}
