package dev.eddy.sse.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * Delays between attempts, for the stream client's reconnects and the push sink's retries alike:
 * exponential growth with equal jitter (a random delay between half and all of the current step), a
 * floor set by the server ({@code retry:} field, {@code Retry-After} header), and a reset once a
 * connection has proved healthy. Not thread-safe.
 */
@Internal
public final class ReconnectBackoff {

    /** The longest delay a server may ask for unless configured otherwise. */
    public static final Duration DEFAULT_MAX_SERVER_DELAY = Duration.ofMinutes(5);

    private final long initialMillis;
    private final long maxMillis;
    private final long maxServerDelayMillis;
    private final LongSupplier random0To1000;
    private int failures;
    private long serverRetryMillis = -1;

    public ReconnectBackoff(Duration initial, Duration max) {
        this(initial, max, DEFAULT_MAX_SERVER_DELAY);
    }

    /**
     * @param maxServerDelay the cap on delays a server asks for ({@code retry:}, {@code
     *     Retry-After}): an endless one must not stop the stream for good
     */
    public ReconnectBackoff(Duration initial, Duration max, Duration maxServerDelay) {
        this(initial, max, maxServerDelay, () -> ThreadLocalRandom.current().nextLong(1001));
    }

    ReconnectBackoff(
            Duration initial, Duration max, Duration maxServerDelay, LongSupplier random0To1000) {
        this.initialMillis = initial.toMillis();
        this.maxMillis = max.toMillis();
        this.maxServerDelayMillis = maxServerDelay.toMillis();
        this.random0To1000 = random0To1000;
    }

    /** The server's {@code retry:} field: the reconnection time it asks for, capped. */
    public void onServerRetry(long reconnectMillis) {
        this.serverRetryMillis = Math.min(reconnectMillis, maxServerDelayMillis);
    }

    /** True if the server asks for a delay longer than the cap, so it will not be honoured. */
    public boolean exceedsCap(long serverDelayMillis) {
        return serverDelayMillis > maxServerDelayMillis;
    }

    /** A connection succeeded and stayed healthy: start over from the initial delay. */
    public void reset() {
        failures = 0;
    }

    /**
     * The delay before the next attempt after a failure.
     *
     * @param retryAfterMillis a {@code Retry-After} the server sent with the failure, or -1
     */
    public long nextDelayMillis(long retryAfterMillis) {
        long ceiling = Math.min(maxMillis, initialMillis << Math.min(failures, 30));
        failures++;
        long jittered = ceiling / 2 + (ceiling / 2) * random0To1000.getAsLong() / 1000;
        long floor = Math.max(Math.min(retryAfterMillis, maxServerDelayMillis), serverRetryMillis);
        return Math.max(jittered, floor);
    }

    /** The delay before reconnecting after the server ended a stream normally. */
    public long afterNormalCloseMillis() {
        return serverRetryMillis >= 0 ? serverRetryMillis : Math.min(initialMillis, 1000);
    }

    public int consecutiveFailures() {
        return failures;
    }

    /**
     * A {@code Retry-After} header as a delay: delay-seconds, or an HTTP date. -1 when absent or
     * unreadable.
     */
    public static long retryAfterMillis(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return -1;
        }
        String value = header.trim();
        try {
            return Math.max(0, Long.parseLong(value)) * 1000;
        } catch (NumberFormatException notSeconds) {
            try {
                long at =
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                                .toInstant()
                                .toEpochMilli();
                return Math.max(0, at - System.currentTimeMillis());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
