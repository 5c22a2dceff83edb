package dev.eddy.sse.server;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gets queued frames written to many subscribers at once: large subscriber lists are split into
 * one slice per processor, written in parallel on the server's threads (the last slice on the
 * caller's thread). Order per subscriber is already fixed by its queue, so slices may run in any
 * order.
 */
@Internal
final class FanOut {

    private static final int MIN_SLICE = 512;
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    private FanOut() {}

    static void write(List<Subscriber> subscribers, Executor executor) {
        int slices = Math.max(1, Math.min(PROCESSORS, subscribers.size() / MIN_SLICE));
        int sliceSize = (subscribers.size() + slices - 1) / slices;
        for (int slice = 0; slice < slices - 1; slice++) {
            List<Subscriber> part = subscribers.subList(slice * sliceSize, (slice + 1) * sliceSize);
            try {
                executor.execute(() -> part.forEach(Subscriber::iterate));
            } catch (RejectedExecutionException e) {
                part.forEach(Subscriber::iterate);
            }
        }
        subscribers.subList(Math.min(subscribers.size(), (slices - 1) * sliceSize), subscribers.size())
                .forEach(Subscriber::iterate);
    }
}
