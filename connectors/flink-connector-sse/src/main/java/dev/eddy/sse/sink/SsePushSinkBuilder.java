package dev.eddy.sse.sink;

import static org.apache.flink.util.Preconditions.checkArgument;
import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.client.StreamUrls;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.apache.flink.annotation.PublicEvolving;

/** Configures an {@link SsePushSink}; endpoint, publish token and serializer are required. */
@PublicEvolving
public final class SsePushSinkBuilder<T> {

    private final SsePushSinkSettings settings = new SsePushSinkSettings();
    private SsePushSerializer<T> serializer;

    SsePushSinkBuilder() {}

    /**
     * Base URL of the endpoint, e.g. {@code http://endpoint:8090}; records go to {@code
     * /streams/<name>}.
     */
    public SsePushSinkBuilder<T> setEndpoint(String baseUrl) {
        checkNotNull(baseUrl, "endpoint");
        HttpUrl url = HttpUrl.parse(baseUrl);
        checkArgument(
                url != null,
                "endpoint must be an http(s) URL such as http://endpoint:8090, got "
                        + StreamUrls.redact(baseUrl));
        settings.endpoint =
                baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return this;
    }

    /** The endpoint's publish token, sent as {@code Authorization: Bearer <token>}. */
    public SsePushSinkBuilder<T> setPublishToken(String token) {
        settings.publishToken = token;
        return this;
    }

    /** Maps each element to its stream and JSON object. */
    public SsePushSinkBuilder<T> setSerializer(SsePushSerializer<T> serializer) {
        this.serializer = checkNotNull(serializer, "serializer");
        return this;
    }

    /** Records per request at most; default 500. */
    public SsePushSinkBuilder<T> setBatchSize(int records) {
        checkArgument(records > 0, "batch size must be > 0, got " + records);
        settings.batchSize = records;
        return this;
    }

    /** How long a record may wait for a batch to fill; default 200 ms. */
    public SsePushSinkBuilder<T> setLinger(Duration linger) {
        checkArgument(linger != null && !linger.isNegative(), "linger must be >= 0, got " + linger);
        settings.linger = linger;
        return this;
    }

    /**
     * Records buffered while the endpoint is slow or down; beyond it the oldest are dropped.
     * Default 10,000.
     */
    public SsePushSinkBuilder<T> setBufferCapacity(int records) {
        checkArgument(records > 0, "buffer capacity must be > 0, got " + records);
        settings.bufferCapacity = records;
        return this;
    }

    /** Timeout of one publish request; default 10 s. */
    public SsePushSinkBuilder<T> setRequestTimeout(Duration timeout) {
        checkArgument(
                timeout != null && !timeout.isNegative() && !timeout.isZero(),
                "request timeout must be positive, got " + timeout);
        settings.requestTimeout = timeout;
        return this;
    }

    /**
     * Backoff between retries of a failed request: starts at {@code initial}, doubles up to {@code
     * max}.
     */
    public SsePushSinkBuilder<T> setRetryBackoff(Duration initial, Duration max) {
        checkArgument(
                initial != null
                        && max != null
                        && !initial.isNegative()
                        && !initial.isZero()
                        && max.compareTo(initial) >= 0,
                "backoff must be positive with max >= initial, got " + initial + " and " + max);
        settings.initialBackoff = initial;
        settings.maxBackoff = max;
        return this;
    }

    /**
     * How long the end of input waits for buffered records to go out; default 5 s. Checkpoints do
     * not wait.
     */
    public SsePushSinkBuilder<T> setFlushTimeout(Duration timeout) {
        checkArgument(
                timeout != null && !timeout.isNegative(),
                "flush timeout must be >= 0, got " + timeout);
        settings.flushTimeout = timeout;
        return this;
    }

    public SsePushSink<T> build() {
        checkArgument(
                settings.endpoint != null,
                "the endpoint URL is required: setEndpoint(\"http://host:8090\")");
        checkArgument(
                settings.publishToken != null && !settings.publishToken.isEmpty(),
                "the endpoint's publish token is required: setPublishToken(...)");
        checkArgument(
                serializer != null,
                "a serializer is required: setSerializer(element -> new SsePushRecord(stream, json))");
        return new SsePushSink<>(settings.copy(), serializer);
    }
}
