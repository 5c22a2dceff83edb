package dev.eddy.sse.client;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.annotation.Internal;

/**
 * One thread that detects stalled streams for the clients sharing it (a source reader's splits, or
 * one client on its own). Reads carry no socket timeout: okio would arm and disarm one on every 8
 * KiB read, which costs about a quarter of the client's CPU. Whoever creates a watchdog closes it,
 * so no thread outlives its job (a thread left behind would pin the job's class loader on a session
 * cluster).
 */
@Internal
public final class SseStallWatchdog implements AutoCloseable {

    /** Every watchdog thread's name starts with this. */
    public static final String THREAD_NAME_PREFIX = "eddy-sse-stall-watchdog-";

    private static final AtomicInteger CREATED = new AtomicInteger();

    private final ScheduledExecutorService executor;

    public SseStallWatchdog() {
        String name = THREAD_NAME_PREFIX + CREATED.incrementAndGet();
        this.executor =
                Executors.newSingleThreadScheduledExecutor(
                        runnable -> {
                            Thread thread = new Thread(runnable, name);
                            thread.setDaemon(true);
                            return thread;
                        });
    }

    /** Runs {@code check} every {@code periodMillis} until the returned future is cancelled. */
    ScheduledFuture<?> every(long periodMillis, Runnable check) {
        return executor.scheduleWithFixedDelay(
                check, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops the thread; the clients it watched must be closed already. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
