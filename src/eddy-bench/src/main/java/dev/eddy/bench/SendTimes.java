package dev.eddy.bench;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Watches a counter of events sent (the replay server's) about every 0.2 ms on its own thread, to
 * tell when each event went out.
 */
final class SendTimes implements AutoCloseable {

    private final LongSupplier eventsSent;
    private final Thread thread;
    private volatile boolean running = true;
    private long[] counts = new long[1024];
    private long[] nanos = new long[1024];
    private int samples;

    SendTimes(LongSupplier eventsSent) {
        this.eventsSent = eventsSent;
        thread = new Thread(this::sample, "bench-send-times");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        long last = 0;
        while (running) {
            long count = eventsSent.getAsLong();
            if (count > last) {
                record(count, System.nanoTime());
                last = count;
            }
            LockSupport.parkNanos(200_000);
        }
    }

    private synchronized void record(long count, long at) {
        if (samples == counts.length) {
            counts = Arrays.copyOf(counts, samples * 2);
            nanos = Arrays.copyOf(nanos, samples * 2);
        }
        counts[samples] = count;
        nanos[samples] = at;
        samples++;
    }

    /** When the event at {@code index} (from 0) was first seen sent, or -1 if not yet. */
    synchronized long sentAtNanos(long index) {
        int low = 0;
        int high = samples;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (counts[middle] > index) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low < samples ? nanos[low] : -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
