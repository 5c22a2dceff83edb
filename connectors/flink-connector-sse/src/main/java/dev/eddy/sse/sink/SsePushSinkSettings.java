package dev.eddy.sse.sink;

import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;

/** The push sink's configuration, fixed by {@link SsePushSinkBuilder#build()}. */
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

    @Override
    public String toString() {
        return "SsePushSinkSettings{endpoint="
                + endpoint
                + ", publishToken=***, batchSize="
                + batchSize
                + ", linger="
                + linger
                + ", bufferCapacity="
                + bufferCapacity
                + "}";
    }
}
