package dev.eddy.sse.client;

import java.io.IOException;
import org.apache.flink.annotation.PublicEvolving;

/**
 * A stream answered in a way that is not an event stream. {@link #isRetryable()} tells whether
 * reconnecting later may help (HTTP 429/5xx) or not (401/403/404, HTTP 204, wrong content type).
 */
@PublicEvolving
public final class SseStreamException extends IOException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;
    private final long retryAfterMillis;
    private final int statusCode;

    public SseStreamException(String message, boolean retryable, long retryAfterMillis) {
        this(message, retryable, retryAfterMillis, -1);
    }

    public SseStreamException(
            String message, boolean retryable, long retryAfterMillis, int statusCode) {
        super(message);
        this.retryable = retryable;
        this.retryAfterMillis = retryAfterMillis;
        this.statusCode = statusCode;
    }

    public boolean isRetryable() {
        return retryable;
    }

    /** The server's {@code Retry-After}, or -1 if it sent none. */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** The HTTP status of the answer, or -1 if the failure was not an answer. */
    public int statusCode() {
        return statusCode;
    }
}
