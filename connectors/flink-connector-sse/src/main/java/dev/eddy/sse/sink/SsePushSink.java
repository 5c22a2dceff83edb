package dev.eddy.sse.sink;

import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that publishes records to an SSE endpoint ({@code POST /streams/<name>} of {@code
 * eddy serve}) in batches, from a background thread, so the job is never held up by the endpoint:
 * when it is slow or down, a bounded buffer fills and then the oldest records are dropped and
 * counted. Delivery is best effort (at most once per attempt, re-sent after failures); the endpoint
 * drops re-sent updates it already published. Use Kafka for a durable copy.
 *
 * <pre>{@code
 * aggregates.sinkTo(SsePushSink.<String>builder()
 *         .setEndpoint("http://endpoint:8090")
 *         .setPublishToken(token)
 *         .setSerializer(json -> new SsePushRecord("edits-per-wiki", json))
 *         .build());
 * }</pre>
 *
 * <p>Metrics (operator group): see {@link SsePushSinkMetrics}.
 */
@PublicEvolving
public final class SsePushSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final SsePushSinkSettings settings;
    private final SsePushSerializer<T> serializer;

    SsePushSink(SsePushSinkSettings settings, SsePushSerializer<T> serializer) {
        this.settings = settings;
        this.serializer = serializer;
    }

    public static <T> SsePushSinkBuilder<T> builder() {
        return new SsePushSinkBuilder<>();
    }

    /** The settings this sink was built with. */
    SsePushSinkSettings settings() {
        return settings;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        return new SsePushSinkWriter<>(settings, serializer, context.metricGroup());
    }
}
