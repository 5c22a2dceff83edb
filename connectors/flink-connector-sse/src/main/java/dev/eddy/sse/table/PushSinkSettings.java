package dev.eddy.sse.table;

import dev.eddy.sse.sink.SsePushRecord;
import dev.eddy.sse.sink.SsePushSink;
import java.io.Serializable;
import java.time.Duration;
import org.apache.flink.annotation.Internal;

/** The validated options of one {@code sse-push} table, the token resolved. */
@Internal
final class PushSinkSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String endpoint;
    private final String stream;
    private final String token;
    private final int batchSize;
    private final Duration linger;
    private final int bufferCapacity;

    PushSinkSettings(
            String endpoint,
            String stream,
            String token,
            int batchSize,
            Duration linger,
            int bufferCapacity) {
        this.endpoint = endpoint;
        this.stream = stream;
        this.token = token;
        this.batchSize = batchSize;
        this.linger = linger;
        this.bufferCapacity = bufferCapacity;
    }

    String stream() {
        return stream;
    }

    SsePushSink<SsePushRecord> sink() {
        return SsePushSink.<SsePushRecord>builder()
                .setEndpoint(endpoint)
                .setPublishToken(token)
                .setBatchSize(batchSize)
                .setLinger(linger)
                .setBufferCapacity(bufferCapacity)
                .setSerializer(record -> record)
                .build();
    }

    @Override
    public String toString() {
        return "PushSinkSettings{endpoint=" + endpoint + ", stream=" + stream + ", token=***}";
    }
}
