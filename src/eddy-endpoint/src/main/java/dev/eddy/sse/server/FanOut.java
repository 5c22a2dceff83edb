package dev.eddy.sse.server;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets queued frames written to many subscribers, off the publishing thread so a publish is
 * answered at once, on threads of its own so request handling never waits behind a fan-out. Large
 * subscriber lists are split into one slice per processor, written in parallel. Order per
 * subscriber is already fixed by its queue, so slices may run in any order.
 */
final class FanOut implements AutoCloseable {

    private static final int MIN_SLICE = 512;

    private final int threads = Runtime.getRuntime().availableProcessors();
    private final ExecutorService executor;

    FanOut() {
        AtomicInteger count = new AtomicInteger();
        this.executor =
                Executors.newFixedThreadPool(
                        threads,
                        runnable -> {
                            Thread thread =
                                    new Thread(
                                            runnable,
                                            "eddy-endpoint-fanout-" + count.incrementAndGet());
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    void write(List<Subscriber> subscribers) {
        int slices = Math.max(1, Math.min(threads, subscribers.size() / MIN_SLICE));
        int sliceSize = (subscribers.size() + slices - 1) / slices;
        for (int start = 0; start < subscribers.size(); start += sliceSize) {
            List<Subscriber> slice =
                    subscribers.subList(start, Math.min(start + sliceSize, subscribers.size()));
            try {
                executor.execute(() -> slice.forEach(Subscriber::iterate));
            } catch (RejectedExecutionException stopping) {
                return;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
