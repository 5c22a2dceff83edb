package dev.eddy.sse.server;

import org.apache.flink.annotation.Internal;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Gets queued frames written to many subscribers, off the publishing thread so a publish is
 * answered at once: the subscribers are split into up to one slice per processor, written in
 * parallel on the server's threads. Order per subscriber is already fixed by its queue, so
 * slices may run in any order.
 */
@Internal
final class FanOut {

    private static final int MIN_SLICE = 512;
    private static final int PROCESSORS = Runtime.getRuntime().availableProcessors();

    private FanOut() {}

    static void write(List<Subscriber> subscribers, Executor executor) {
        int slices = Math.max(1, Math.min(PROCESSORS, subscribers.size() / MIN_SLICE));
        int sliceSize = (subscribers.size() + slices - 1) / slices;
        for (int start = 0; start < subscribers.size(); start += sliceSize) {
            List<Subscriber> slice = subscribers.subList(start, Math.min(start + sliceSize, subscribers.size()));
            try {
                executor.execute(() -> slice.forEach(Subscriber::iterate));
            } catch (RejectedExecutionException e) {
                slice.forEach(Subscriber::iterate);
            }
        }
    }
}
