package dev.eddy.sse.sink;

import dev.eddy.sse.client.StreamUrls;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;

/** The push sink's configuration; {@link SsePushSinkBuilder#build()} gives each sink a copy. */
@Internal
final class SsePushSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    String endpoint;
    String publishToken;
    int batchSize = 500;
    Duration linger = Duration.ofMillis(200);
    int bufferCapacity = 10_000;
    Duration requestTimeout = Duration.ofSeconds(10);
    Duration initialBackoff = Duration.ofMillis(200);
    Duration maxBackoff = Duration.ofSeconds(10);
    Duration flushTimeout = Duration.ofSeconds(5);

    /** A copy, so that a builder used again never changes what it built. */
    SsePushSinkSettings copy() {
        SsePushSinkSettings copy = new SsePushSinkSettings();
        copy.endpoint = endpoint;
        copy.publishToken = publishToken;
        copy.batchSize = batchSize;
        copy.linger = linger;
        copy.bufferCapacity = bufferCapacity;
        copy.requestTimeout = requestTimeout;
        copy.initialBackoff = initialBackoff;
        copy.maxBackoff = maxBackoff;
        copy.flushTimeout = flushTimeout;
        return copy;
    }

    @Override
    public String toString() {
        return "SsePushSinkSettings{endpoint="
                + (endpoint == null ? null : StreamUrls.redact(endpoint))
                + ", publishToken=***, batchSize="
                + batchSize
                + ", linger="
                + linger
                + ", bufferCapacity="
                + bufferCapacity
                + "}";
    }
}
