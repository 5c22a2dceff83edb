package dev.eddy.sse.sink;

import dev.eddy.sse.client.ReconnectBackoff;
import dev.eddy.sse.client.StreamUrls;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.apache.flink.annotation.Internal;
import org.apache.flink.metrics.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The push sink's background sender: a bounded buffer that the task thread appends to without ever
 * waiting, and a thread that drains it in batches (one request per stream in a batch), retrying
 * failed requests with the client's {@link ReconnectBackoff} (exponential, jittered, honouring the
 * endpoint's {@code Retry-After}). When the buffer is full the oldest record is dropped: for live
 * aggregates the newest updates matter most.
 */
@Internal
final class PushSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PushSender.class);
    private static final MediaType JSON = MediaType.get("application/json");

    /** The sender's counters, shared with the Flink metric group. */
    static final class Counters {
        final Counter sent;
        final Counter dropped;
        final Counter failedRequests;

        Counters(Counter sent, Counter dropped, Counter failedRequests) {
            this.sent = sent;
            this.dropped = dropped;
            this.failedRequests = failedRequests;
        }
    }

    private final SsePushSinkSettings settings;
    private final String shownEndpoint;
    private final Counters counters;
    private final OkHttpClient http;
    private final ArrayDeque<SsePushRecord> buffer = new ArrayDeque<>();
    private final Thread thread;
    private int inFlight;
    private boolean flushRequested;
    private volatile boolean running = true;
    private volatile boolean endpointDown;

    PushSender(SsePushSinkSettings settings, Counters counters, String threadName) {
        this.settings = settings;
        this.shownEndpoint = StreamUrls.redact(settings.endpoint);
        this.counters = counters;
        this.http =
                new OkHttpClient.Builder()
                        .callTimeout(settings.requestTimeout)
                        .connectTimeout(settings.requestTimeout)
                        .retryOnConnectionFailure(false)
                        .build();
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** Buffers a record; never blocks. Drops the oldest buffered record when full. */
    synchronized void offer(SsePushRecord record) {
        if (buffer.size() >= settings.bufferCapacity) {
            buffer.pollFirst();
            counters.dropped.inc();
        }
        buffer.addLast(record);
        if (buffer.size() == 1 || buffer.size() >= settings.batchSize) {
            notifyAll();
        }
    }

    synchronized int buffered() {
        return buffer.size() + inFlight;
    }

    /** Asks for everything buffered to be sent now, without lingering; does not wait. */
    synchronized void sendNow() {
        flushRequested = true;
        notifyAll();
    }

    /**
     * Asks for everything buffered to be sent now and waits for it, at most {@code timeoutMillis};
     * returns at once while the endpoint is known to be down.
     */
    synchronized boolean awaitDrained(long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        sendNow();
        while (running && !endpointDown && (!buffer.isEmpty() || inFlight > 0)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        return buffer.isEmpty() && inFlight == 0;
    }

    /** Stops sending; what is still buffered is counted as dropped. */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            running = false;
            notifyAll();
        }
        thread.interrupt();
        thread.join(settings.requestTimeout.toMillis() + 1_000);
        synchronized (this) {
            counters.dropped.inc(buffer.size());
            buffer.clear();
        }
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private void run() {
        while (running) {
            List<SsePushRecord> batch;
            try {
                batch = nextBatch();
            } catch (InterruptedException e) {
                return;
            }
            try {
                send(batch);
            } finally {
                synchronized (this) {
                    inFlight = 0;
                    notifyAll();
                }
            }
        }
    }

    private synchronized List<SsePushRecord> nextBatch() throws InterruptedException {
        while (running && buffer.isEmpty()) {
            wait();
        }
        long deadline = System.nanoTime() + settings.linger.toNanos();
        while (running && buffer.size() < settings.batchSize && !flushRequested) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, remaining);
        }
        int size = Math.min(settings.batchSize, buffer.size());
        List<SsePushRecord> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            batch.add(buffer.pollFirst());
        }
        inFlight = size;
        if (buffer.isEmpty()) {
            flushRequested = false;
        }
        return batch;
    }

    private void send(List<SsePushRecord> batch) {
        Map<String, List<String>> byStream = new LinkedHashMap<>();
        for (SsePushRecord record : batch) {
            byStream.computeIfAbsent(record.stream(), stream -> new ArrayList<>())
                    .add(record.json());
        }
        byStream.forEach(this::sendWithRetries);
    }

    private void sendWithRetries(String stream, List<String> jsons) {
        Request request =
                new Request.Builder()
                        .url(settings.endpoint + "/streams/" + stream)
                        .header("Authorization", "Bearer " + settings.publishToken)
                        .post(RequestBody.create("[" + String.join(",", jsons) + "]", JSON))
                        .build();
        ReconnectBackoff backoff =
                new ReconnectBackoff(settings.initialBackoff, settings.maxBackoff);
        while (running) {
            String failure;
            long retryAfterMillis = -1;
            try (Response response = http.newCall(request).execute()) {
                if (response.isSuccessful()) {
                    counters.sent.inc(jsons.size());
                    if (endpointDown) {
                        endpointDown = false;
                        LOG.info("SSE endpoint {} accepts records again", shownEndpoint);
                    }
                    return;
                }
                counters.failedRequests.inc();
                if (response.code() != 429 && response.code() < 500) {
                    counters.dropped.inc(jsons.size());
                    LOG.error(
                            "SSE endpoint {} rejected {} records for stream '{}' with HTTP {}: {}{}",
                            shownEndpoint,
                            jsons.size(),
                            stream,
                            response.code(),
                            response.body().string().trim(),
                            response.code() == 401 ? " (check the sink's publish token)" : "");
                    return;
                }
                failure = "HTTP " + response.code();
                retryAfterMillis =
                        ReconnectBackoff.retryAfterMillis(response.header("Retry-After"));
            } catch (IOException e) {
                counters.failedRequests.inc();
                failure = e.toString();
            }
            if (!endpointDown) {
                endpointDown = true;
                LOG.warn(
                        "SSE endpoint {} unavailable ({}); retrying with backoff, buffering up to {} records",
                        shownEndpoint,
                        failure,
                        settings.bufferCapacity);
            }
            try {
                Thread.sleep(backoff.nextDelayMillis(retryAfterMillis));
            } catch (InterruptedException e) {
                break;
            }
        }
        counters.dropped.inc(jsons.size());
    }
}
