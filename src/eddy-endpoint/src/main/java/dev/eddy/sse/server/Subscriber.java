package dev.eddy.sse.server;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.IteratingCallback;

/**
 * One open {@code text/event-stream} response. Publishers only append to its bounded queue and
 * nudge it; it writes one queued frame at a time without blocking, each write started when the
 * previous one completed. A subscriber whose queue overflows is disconnected, so it never holds up
 * a publisher or another subscriber.
 */
final class Subscriber extends IteratingCallback {

    private static final int MAX_COALESCED_BYTES = 64 * 1024;

    private final Response response;
    private final EndPoint endPoint;
    private final Callback completion;
    private final Map<String, List<String>> filters;
    private final EndpointMetrics metrics;
    private final Consumer<Subscriber> onClosed;
    private final Queue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicReference<Runnable> whenDrained = new AtomicReference<>();
    private final int maxQueued;

    /** Replayed frames still queued: they are allowed on top of the bound until written. */
    private final AtomicInteger replayQueued = new AtomicInteger();

    Subscriber(
            Response response,
            EndPoint endPoint,
            Callback completion,
            Map<String, List<String>> filters,
            int maxQueued,
            EndpointMetrics metrics,
            Consumer<Subscriber> onClosed) {
        this.response = response;
        this.endPoint = endPoint;
        this.completion = completion;
        this.filters = filters;
        this.maxQueued = maxQueued;
        this.metrics = metrics;
        this.onClosed = onClosed;
    }

    boolean wants(StreamRecord record) {
        return record.matches(filters);
    }

    /**
     * Queues the replay of missed records; they do not count against the queue bound while they
     * wait, and once written the bound is what it was.
     */
    void enqueueReplay(List<?> items) {
        replayQueued.addAndGet(items.size());
        for (Object item : items) {
            queued.incrementAndGet();
            queue.add(item);
        }
    }

    /** Frames queued beyond the replays still waiting. */
    private int liveQueued() {
        return queued.get() - replayQueued.get();
    }

    /**
     * Queues a {@link StreamRecord} or a shared comment frame; false if the queue is full. Call
     * {@link #iterate()} afterwards (outside any lock) to get it written.
     */
    boolean enqueue(Object item) {
        if (queued.incrementAndGet() - replayQueued.get() > maxQueued) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(item);
        return true;
    }

    /** Places left in the queue before the subscriber counts as too slow. */
    int freeSlots() {
        return maxQueued - liveQueued();
    }

    /**
     * Runs {@code task} once, as soon as the queue is at most half full or the subscriber closed
     * (at once if that is already so): a reader from history feeds the subscriber at its pace.
     */
    void whenDrained(Runnable task) {
        whenDrained.set(task);
        if (closed.get() || liveQueued() <= maxQueued / 2) {
            runWhenDrained();
        }
    }

    boolean closed() {
        return closed.get();
    }

    /** Drops a subscriber that does not keep up; counted in the metrics. */
    void disconnectSlow() {
        if (!isClosed() && abort(new SlowSubscriberException(maxQueued))) {
            metrics.slowSubscriberDisconnects.inc();
        }
    }

    /** Ends the subscription, e.g. when the endpoint stops. */
    void disconnect(Throwable cause) {
        abort(cause);
    }

    /**
     * Writes the next queued frame; when more are waiting (the subscriber or the machine fell
     * behind) they are copied into one buffer and written together, which makes catching up cheaper
     * than falling further behind.
     */
    @Override
    protected Action process() {
        Object item = queue.poll();
        if (item == null) {
            return Action.IDLE;
        }
        if (whenDrained.get() != null && liveQueued() <= maxQueued / 2 + 1) {
            runWhenDrained();
        }
        dequeued();
        ByteBuffer bytes = take(item);
        Object next = queue.peek();
        if (next != null && bytes.remaining() + sizeOf(next) <= MAX_COALESCED_BYTES) {
            List<ByteBuffer> parts = new ArrayList<>();
            parts.add(bytes);
            int total = bytes.remaining();
            while (next != null && total + sizeOf(next) <= MAX_COALESCED_BYTES) {
                queue.poll();
                dequeued();
                ByteBuffer part = take(next);
                parts.add(part);
                total += part.remaining();
                next = queue.peek();
            }
            ByteBuffer batch = ByteBuffer.allocate(total);
            parts.forEach(batch::put);
            bytes = batch.flip();
        }
        metrics.bytesOut.inc(bytes.remaining());
        response.write(false, bytes, this);
        return Action.SCHEDULED;
    }

    /** Frames leave in order, so replays (queued first) are the first to leave. */
    private void dequeued() {
        queued.decrementAndGet();
        replayQueued.getAndUpdate(waiting -> waiting > 0 ? waiting - 1 : 0);
    }

    private ByteBuffer take(Object item) {
        if (item instanceof StreamRecord) {
            metrics.recordsOut.inc();
            return ((StreamRecord) item).frame();
        }
        return ((ByteBuffer) item).duplicate();
    }

    private static int sizeOf(Object item) {
        return item instanceof StreamRecord
                ? ((StreamRecord) item).frameBytes()
                : ((ByteBuffer) item).remaining();
    }

    @Override
    protected void onAborted(Throwable cause) {
        endPoint.close(cause);
    }

    @Override
    protected void onCompleteFailure(Throwable cause) {
        if (closed.compareAndSet(false, true)) {
            queue.clear();
            onClosed.accept(this);
            completion.failed(cause);
            runWhenDrained();
        }
    }

    private void runWhenDrained() {
        Runnable task = whenDrained.getAndSet(null);
        if (task != null) {
            task.run();
        }
    }

    /** Why a subscriber was dropped: it read too slowly. */
    static final class SlowSubscriberException extends Exception {
        SlowSubscriberException(int maxQueued) {
            super(
                    "Subscriber did not keep up: more than " + maxQueued + " frames queued",
                    null,
                    false,
                    false);
        }
    }
}
