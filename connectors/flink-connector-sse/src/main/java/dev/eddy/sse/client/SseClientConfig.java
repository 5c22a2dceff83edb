package dev.eddy.sse.client;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.protocol.SseParser;
import java.io.Serializable;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.flink.annotation.PublicEvolving;

/**
 * How a stream is requested and kept alive: headers, timeouts, reconnect backoff and the largest
 * event accepted. Immutable; build with {@link #builder()}. {@link #toString()} never shows header
 * values, which may hold credentials.
 */
@PublicEvolving
public final class SseClientConfig implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String DEFAULT_USER_AGENT =
            "Eddy/0.1 (https://github.com/eddy-streams/eddy; Flink SSE connector)";

    /** The default of {@link Builder#setMaxLastEventIdBytes}. */
    public static final int DEFAULT_MAX_LAST_EVENT_ID_BYTES = 4096;

    private static final Set<String> NON_SECRET_HEADERS =
            Set.of("user-agent", "accept", "accept-language");

    private final Map<String, String> headers;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration healthyConnection;
    private final int maxEventBytes;
    private final int maxLastEventIdBytes;
    private final Duration maxServerDelay;

    private SseClientConfig(Builder b) {
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.connectTimeout = b.connectTimeout;
        this.idleTimeout = b.idleTimeout;
        this.initialBackoff = b.initialBackoff;
        this.maxBackoff = b.maxBackoff;
        this.healthyConnection = b.healthyConnection;
        this.maxEventBytes = b.maxEventBytes;
        this.maxLastEventIdBytes = b.maxLastEventIdBytes;
        this.maxServerDelay = b.maxServerDelay;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.headers.clear();
        b.headers.putAll(headers);
        b.connectTimeout = connectTimeout;
        b.idleTimeout = idleTimeout;
        b.initialBackoff = initialBackoff;
        b.maxBackoff = maxBackoff;
        b.healthyConnection = healthyConnection;
        b.maxEventBytes = maxEventBytes;
        b.maxLastEventIdBytes = maxLastEventIdBytes;
        b.maxServerDelay = maxServerDelay;
        return b;
    }

    /** Request headers, in insertion order; always includes a User-Agent. */
    public Map<String, String> headers() {
        return headers;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** A connection that delivers no byte for this long is considered stalled and replaced. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /**
     * A connection that stayed up this long, or delivered an event, resets the backoff to its
     * initial value; only failures in a row make the delay grow.
     */
    public Duration healthyConnection() {
        return healthyConnection;
    }

    public int maxEventBytes() {
        return maxEventBytes;
    }

    /**
     * A Last-Event-ID longer than this (in UTF-8 bytes) is not sent: the stream is resumed without
     * it, with a warning, rather than sending a header servers refuse.
     */
    public int maxLastEventIdBytes() {
        return maxLastEventIdBytes;
    }

    /** The longest reconnect delay a server may set ({@code retry:}, {@code Retry-After}). */
    public Duration maxServerDelay() {
        return maxServerDelay;
    }

    /** True if a header other than User-Agent, Accept or Accept-Language is set. */
    boolean hasCredentialHeaders() {
        return headers.keySet().stream()
                .anyMatch(name -> !NON_SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT)));
    }

    @Override
    public String toString() {
        StringBuilder shown = new StringBuilder();
        headers.forEach(
                (name, value) -> {
                    if (shown.length() > 0) {
                        shown.append(", ");
                    }
                    boolean secret = !NON_SECRET_HEADERS.contains(name.toLowerCase(Locale.ROOT));
                    shown.append(name).append('=').append(secret ? "<redacted>" : value);
                });
        return "SseClientConfig{headers={"
                + shown
                + "}, connectTimeout="
                + connectTimeout
                + ", idleTimeout="
                + idleTimeout
                + ", backoff="
                + initialBackoff
                + ".."
                + maxBackoff
                + ", healthyConnection="
                + healthyConnection
                + ", maxEventBytes="
                + maxEventBytes
                + ", maxLastEventIdBytes="
                + maxLastEventIdBytes
                + ", maxServerDelay="
                + maxServerDelay
                + '}';
    }

    /**
     * Builds an {@link SseClientConfig}; every setting has a default fit for Wikimedia
     * EventStreams.
     */
    @PublicEvolving
    public static final class Builder {
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration idleTimeout = Duration.ofSeconds(60);
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofSeconds(60);
        private Duration healthyConnection = Duration.ofSeconds(30);
        private int maxEventBytes = SseParser.DEFAULT_MAX_EVENT_BYTES;
        private int maxLastEventIdBytes = DEFAULT_MAX_LAST_EVENT_ID_BYTES;
        private Duration maxServerDelay = ReconnectBackoff.DEFAULT_MAX_SERVER_DELAY;

        private Builder() {
            headers.put("User-Agent", DEFAULT_USER_AGENT);
        }

        /**
         * Sets (or replaces, case-insensitively) a request header; e.g. Authorization for private
         * streams.
         */
        public Builder setHeader(String name, String value) {
            checkNotNull(name, "header name");
            checkNotNull(value, "header value");
            checkArgument(
                    !name.isBlank() && name.indexOf(':') < 0, "invalid header name '%s'", name);
            headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
            headers.put(name, value);
            return this;
        }

        public Builder setConnectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connect timeout");
            return this;
        }

        public Builder setIdleTimeout(Duration idleTimeout) {
            this.idleTimeout = positive(idleTimeout, "idle timeout");
            return this;
        }

        /** Reconnect delays grow exponentially from {@code initial} to {@code max}, with jitter. */
        public Builder setBackoff(Duration initial, Duration max) {
            this.initialBackoff = positive(initial, "initial backoff");
            this.maxBackoff = positive(max, "max backoff");
            checkArgument(
                    max.compareTo(initial) >= 0,
                    "max backoff %s is below initial backoff %s",
                    max,
                    initial);
            return this;
        }

        public Builder setHealthyConnection(Duration healthyConnection) {
            this.healthyConnection = positive(healthyConnection, "healthy connection period");
            return this;
        }

        /**
         * Events larger than this are dropped to the dead-letter path instead of being buffered.
         */
        public Builder setMaxEventBytes(int maxEventBytes) {
            checkArgument(
                    maxEventBytes > 0, "max event bytes must be positive, got %s", maxEventBytes);
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /**
         * The longest Last-Event-ID sent, in UTF-8 bytes (default 4 KiB, half the header limit of
         * common servers); a longer one is dropped with a warning.
         */
        public Builder setMaxLastEventIdBytes(int maxLastEventIdBytes) {
            checkArgument(
                    maxLastEventIdBytes > 0,
                    "max Last-Event-ID bytes must be positive, got %s",
                    maxLastEventIdBytes);
            this.maxLastEventIdBytes = maxLastEventIdBytes;
            return this;
        }

        /**
         * Caps the reconnect delays a server sets with {@code retry:} or {@code Retry-After}
         * (default 5 minutes); a longer one is cut to this, with a warning.
         */
        public Builder setMaxServerDelay(Duration maxServerDelay) {
            this.maxServerDelay = positive(maxServerDelay, "max server delay");
            return this;
        }

        public SseClientConfig build() {
            return new SseClientConfig(this);
        }

        private static Duration positive(Duration value, String what) {
            checkNotNull(value, what);
            checkArgument(
                    !value.isNegative() && !value.isZero(),
                    "%s must be positive, got %s",
                    what,
                    value);
            return value;
        }
    }
}
