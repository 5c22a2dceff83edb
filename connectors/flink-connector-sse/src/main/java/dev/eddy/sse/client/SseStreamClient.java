package dev.eddy.sse.client;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.protocol.SseEventListener;
import dev.eddy.sse.protocol.SseParser;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import okhttp3.Call;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one event stream for as long as it is wanted: connects, parses, and on a drop, a stall or a
 * retryable error reconnects with backoff, sending {@code Last-Event-ID} of the last event it
 * delivered, so nothing is skipped. Fails only on answers that retrying cannot fix.
 *
 * <p>One thread calls {@link #poll}; {@link #wakeUp} and {@link #close} may come from any thread.
 */
@PublicEvolving
public final class SseStreamClient implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(SseStreamClient.class);
    private static final int READ_BUFFER_BYTES = 64 * 1024;
    private static final OkHttpClient SHARED =
            new OkHttpClient.Builder().retryOnConnectionFailure(false).build();

    private final HttpUrl url;
    private final String shownUrl;
    private final SseClientConfig config;
    private final OkHttpClient http;
    private final SseConnectionObserver observer;
    private final ReconnectBackoff backoff;
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final Object signal = new Object();
    private final ConnectionListener listener = new ConnectionListener();

    private @Nullable Instant since;
    private String lastEventId;
    private @Nullable SseConnection connection;
    private @Nullable SseParser parser;
    private long connectedAtNanos;
    private long eventsOnConnection;
    private long nextAttemptAtNanos;
    private boolean everConnected;
    private boolean warnedAboutServerDelay;
    private final @Nullable SseStallWatchdog ownWatchdog;
    private final ScheduledFuture<?> stallWatch;
    private volatile @Nullable Call watchedCall;
    private volatile long lastDataNanos;
    private volatile boolean inPoll;
    private volatile boolean stalled;
    private volatile boolean wokenUp;
    private volatile boolean closed;

    /**
     * A client with a stall watchdog of its own, stopped by {@link #close()}.
     *
     * @param lastEventId the id to resume after ("" or null: from the server's default position)
     * @param since asked for with {@code ?since=} until the first event arrives; null for none
     */
    public SseStreamClient(
            String url,
            SseClientConfig config,
            @Nullable String lastEventId,
            @Nullable Instant since,
            SseConnectionObserver observer) {
        this(url, config, lastEventId, since, observer, new SseStallWatchdog(), true);
    }

    /** A client watched by a shared watchdog, which its owner closes after the client. */
    @Internal
    public SseStreamClient(
            String url,
            SseClientConfig config,
            @Nullable String lastEventId,
            @Nullable Instant since,
            SseConnectionObserver observer,
            SseStallWatchdog watchdog) {
        this(url, config, lastEventId, since, observer, watchdog, false);
    }

    private SseStreamClient(
            String url,
            SseClientConfig config,
            @Nullable String lastEventId,
            @Nullable Instant since,
            SseConnectionObserver observer,
            SseStallWatchdog watchdog,
            boolean ownsWatchdog) {
        this.ownWatchdog = ownsWatchdog ? watchdog : null;
        this.url = StreamUrls.parse(url);
        this.shownUrl = StreamUrls.redact(url);
        this.config = config;
        this.observer = observer;
        this.lastEventId = lastEventId == null ? "" : lastEventId;
        this.since = this.lastEventId.isEmpty() ? since : null;
        this.backoff =
                new ReconnectBackoff(
                        config.initialBackoff(), config.maxBackoff(), config.maxServerDelay());
        this.http =
                SHARED.newBuilder()
                        .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                        .readTimeout(0, TimeUnit.MILLISECONDS)
                        .addNetworkInterceptor(
                                new RedirectGuard(
                                        this.url, shownUrl, config.hasCredentialHeaders()))
                        .build();
        long checkEveryMillis = Math.max(10, config.idleTimeout().toMillis() / 4);
        this.stallWatch = watchdog.every(checkEveryMillis, this::cancelIfStalled);
    }

    /**
     * Delivers the next events to {@code sink}: blocks until at least one event (or oversized event
     * notice) was delivered, or until {@link #wakeUp()} or {@link #close()}.
     *
     * @return the number of events and notices delivered
     * @throws SseStreamException when the server answered in a way retrying cannot fix
     */
    public int poll(SseEventListener sink) throws IOException {
        listener.startPoll(sink);
        // Time spent outside poll (the caller handing events on, e.g. blocked on a full queue
        // under backpressure) is not silence of the stream: the watchdog counts from here.
        lastDataNanos = System.nanoTime();
        inPoll = true;
        try {
            return pollUntilDelivered();
        } finally {
            inPoll = false;
        }
    }

    private int pollUntilDelivered() throws IOException {
        while (!closed) {
            if (consumeWakeUp()) {
                return listener.delivered;
            }
            if (connection == null && !connect()) {
                continue;
            }
            int read;
            try {
                read = connection.read(buffer);
            } catch (IOException e) {
                if (stalled) {
                    disconnect(
                            "no data for " + config.idleTimeout().toMillis() + " ms (stalled)",
                            true);
                    continue;
                }
                if (wokenUp || closed) {
                    disconnect("woken up", false);
                    nextAttemptAtNanos = 0;
                    continue;
                }
                disconnect("read failed: " + e, true);
                continue;
            }
            if (read < 0) {
                parser.endOfStream();
                disconnect("server closed the stream", eventsOnConnection == 0);
                continue;
            }
            lastDataNanos = System.nanoTime();
            observer.onBytes(read);
            parser.feed(buffer, 0, read);
            if (listener.delivered > 0) {
                return listener.delivered;
            }
        }
        return listener.delivered;
    }

    /** The id of the last event delivered (or the starting id): what a resume sends. */
    public String lastEventId() {
        return lastEventId;
    }

    public boolean isConnected() {
        return connection != null;
    }

    /**
     * Makes a blocked {@link #poll} return soon; an open connection is dropped and later resumed.
     */
    public void wakeUp() {
        wokenUp = true;
        SseConnection current = connection;
        if (current != null) {
            current.cancel();
        }
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public void close() {
        stallWatch.cancel(false);
        closed = true;
        wakeUp();
        SseConnection current = connection;
        if (current != null) {
            current.close();
        }
        if (ownWatchdog != null) {
            ownWatchdog.close();
        }
    }

    /** Runs on the watchdog: cancels the request or connection that has been silent too long. */
    private void cancelIfStalled() {
        Call call = watchedCall;
        if (call != null
                && inPoll
                && System.nanoTime() - lastDataNanos > config.idleTimeout().toNanos()) {
            stalled = true;
            call.cancel();
        }
    }

    private boolean consumeWakeUp() {
        if (wokenUp) {
            wokenUp = false;
            return true;
        }
        return false;
    }

    /** Waits for the next attempt time, then connects; false if it should be tried again later. */
    private boolean connect() throws SseStreamException {
        long waitNanos = nextAttemptAtNanos - System.nanoTime();
        if (waitNanos > 0) {
            synchronized (signal) {
                if (!wokenUp && !closed) {
                    try {
                        TimeUnit.NANOSECONDS.timedWait(signal, waitNanos);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        closed = true;
                    }
                }
            }
            return false;
        }
        int idBytes = lastEventId.getBytes(StandardCharsets.UTF_8).length;
        if (idBytes > config.maxLastEventIdBytes()) {
            dropLastEventId(
                    "it is "
                            + idBytes
                            + " bytes, above the limit of "
                            + config.maxLastEventIdBytes());
        }
        Call call;
        try {
            call = SseConnection.newCall(http, url, config.headers(), lastEventId, since);
        } catch (IllegalArgumentException unsendable) {
            dropLastEventId("it cannot be sent as an HTTP header: " + unsendable.getMessage());
            call = SseConnection.newCall(http, url, config.headers(), lastEventId, since);
        }
        stalled = false;
        lastDataNanos = System.nanoTime();
        watchedCall = call;
        try {
            SseConnection opened = SseConnection.open(call, shownUrl);
            connection = opened;
            if (closed) {
                opened.close();
                return false;
            }
        } catch (SseStreamException e) {
            watchedCall = null;
            if (isRefusedForItsSize(e) && !lastEventId.isEmpty()) {
                dropLastEventId("the server refused it with HTTP " + e.statusCode());
                scheduleRetry(e.getMessage(), -1);
                return false;
            }
            if (!e.isRetryable()) {
                throw e;
            }
            scheduleRetry(e.getMessage(), e.retryAfterMillis());
            return false;
        } catch (IOException e) {
            watchedCall = null;
            if (stalled) {
                scheduleRetry(
                        "no response for " + config.idleTimeout().toMillis() + " ms (stalled)", -1);
            } else if (!wokenUp && !closed) {
                scheduleRetry("cannot connect: " + e, -1);
            }
            return false;
        }
        parser = new SseParser(listener, config.maxEventBytes(), lastEventId);
        connectedAtNanos = System.nanoTime();
        eventsOnConnection = 0;
        if (everConnected) {
            LOG.info(
                    "Reconnected to {} (Last-Event-ID: {})",
                    shownUrl,
                    lastEventId.isEmpty() ? "none" : lastEventId);
        } else {
            LOG.info("Connected to {}", shownUrl);
        }
        everConnected = true;
        observer.onConnected();
        return true;
    }

    private static boolean isRefusedForItsSize(SseStreamException e) {
        return e.statusCode() == 414 || e.statusCode() == 431;
    }

    /**
     * Resumes without the Last-Event-ID from now on: never failing forever on an id the HTTP layer
     * or the server cannot take.
     */
    private void dropLastEventId(String reason) {
        LOG.warn(
                "Stream {}: not sending Last-Event-ID '{}' because {}; resuming without it, events since then may be missed",
                shownUrl,
                abbreviated(lastEventId),
                reason);
        lastEventId = "";
        observer.onLastEventIdDropped(reason);
    }

    private static String abbreviated(String id) {
        return id.length() <= 80 ? id : id.substring(0, 80) + "… (" + id.length() + " chars)";
    }

    private void disconnect(String reason, boolean failure) {
        watchedCall = null;
        stalled = false;
        SseConnection current = connection;
        connection = null;
        parser = null;
        if (current != null) {
            current.close();
        }
        observer.onDisconnected(reason);
        if (closed) {
            return;
        }
        long upNanos = System.nanoTime() - connectedAtNanos;
        if (eventsOnConnection > 0 || upNanos >= config.healthyConnection().toNanos()) {
            backoff.reset();
        }
        if (failure) {
            scheduleRetry(reason, -1);
        } else {
            long delay = backoff.afterNormalCloseMillis();
            LOG.debug("Stream {} ended ({}); reconnecting in {} ms", shownUrl, reason, delay);
            nextAttemptAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
            observer.onReconnectScheduled(1, delay);
        }
    }

    /** Says once per client, at WARN, that the server asked for more than the cap allows. */
    private void warnIfCapped(String what, long requestedMillis) {
        if (!backoff.exceedsCap(requestedMillis)) {
            return;
        }
        if (!warnedAboutServerDelay) {
            warnedAboutServerDelay = true;
            LOG.warn(
                    "Stream {} asked for a reconnect delay of {} ms ({}); waiting at most {} (maxServerDelay)",
                    shownUrl,
                    requestedMillis,
                    what,
                    config.maxServerDelay());
        } else {
            LOG.debug("Stream {}: {} of {} ms capped", shownUrl, what, requestedMillis);
        }
    }

    private void scheduleRetry(String reason, long retryAfterMillis) {
        warnIfCapped("Retry-After", retryAfterMillis);
        long delay = backoff.nextDelayMillis(retryAfterMillis);
        int attempt = backoff.consecutiveFailures();
        if (attempt == 1) {
            LOG.warn("Stream {}: {}; retrying in {} ms", shownUrl, reason, delay);
        } else {
            LOG.info("Stream {}: {}; retry {} in {} ms", shownUrl, reason, attempt, delay);
        }
        nextAttemptAtNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delay);
        observer.onReconnectScheduled(attempt, delay);
    }

    /**
     * Gets what the parser of the current connection finds; forwards it to the sink of the current
     * poll.
     */
    private final class ConnectionListener implements SseEventListener {
        private SseEventListener sink;
        private int delivered;

        void startPoll(SseEventListener pollSink) {
            this.sink = pollSink;
            this.delivered = 0;
        }

        @Override
        public void onEvent(SseEvent event) {
            lastEventId = event.lastEventId();
            since = null;
            eventsOnConnection++;
            delivered++;
            sink.onEvent(event);
        }

        @Override
        public void onRetry(long reconnectMillis) {
            warnIfCapped("retry: field", reconnectMillis);
            backoff.onServerRetry(reconnectMillis);
        }

        @Override
        public void onOversizedEvent(long sizeBytes, String prefix) {
            lastEventId = parser.lastEventId();
            since = null;
            eventsOnConnection++;
            delivered++;
            sink.onOversizedEvent(sizeBytes, prefix);
        }
    }
}
