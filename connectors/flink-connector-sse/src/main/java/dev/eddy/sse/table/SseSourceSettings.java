package dev.eddy.sse.table;

import dev.eddy.sse.source.SseSourceBuilder;
import dev.eddy.sse.source.SseStartPosition;
import java.io.Serializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.annotation.Internal;

/**
 * The validated options of one {@code sse} table, header values resolved. {@link #toString()} shows
 * header names only.
 */
@Internal
final class SseSourceSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final List<String> urls;
    private final Map<String, String> headers;
    private final SseStartPosition startPosition;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final int maxEventBytes;
    private final @Nullable Set<String> eventTypes;
    private final @Nullable RowFieldPath dedupKey;
    private final int dedupHorizon;
    private final BadRowHandling badRowHandling;

    SseSourceSettings(
            List<String> urls,
            Map<String, String> headers,
            SseStartPosition startPosition,
            Duration connectTimeout,
            Duration idleTimeout,
            Duration initialBackoff,
            Duration maxBackoff,
            int maxEventBytes,
            @Nullable Set<String> eventTypes,
            @Nullable RowFieldPath dedupKey,
            int dedupHorizon,
            BadRowHandling badRowHandling) {
        this.urls = List.copyOf(urls);
        this.headers = new LinkedHashMap<>(headers);
        this.startPosition = startPosition;
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.maxEventBytes = maxEventBytes;
        this.eventTypes = eventTypes == null ? null : Set.copyOf(eventTypes);
        this.dedupKey = dedupKey;
        this.dedupHorizon = dedupHorizon;
        this.badRowHandling = badRowHandling;
    }

    /** Sets everything but the deserializer and the de-duplication key. */
    void applyTo(SseSourceBuilder<?> builder) {
        builder.setStreamUrls(urls.toArray(new String[0]))
                .setStartPosition(startPosition)
                .setConnectTimeout(connectTimeout)
                .setIdleTimeout(idleTimeout)
                .setBackoff(initialBackoff, maxBackoff)
                .setMaxEventBytes(maxEventBytes);
        headers.forEach(builder::setHeader);
    }

    @Nullable
    Set<String> eventTypes() {
        return eventTypes;
    }

    @Nullable
    RowFieldPath dedupKey() {
        return dedupKey;
    }

    int dedupHorizon() {
        return dedupHorizon;
    }

    BadRowHandling badRowHandling() {
        return badRowHandling;
    }

    @Override
    public String toString() {
        return "SseSourceSettings{urls="
                + urls.size()
                + ", headers="
                + headers.keySet()
                + ", start="
                + startPosition
                + ", badRows="
                + badRowHandling
                + '}';
    }
}
