package dev.eddy.wikimedia;

import dev.eddy.sse.sink.SsePushRecord;
import dev.eddy.sse.sink.SsePushSink;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;

import org.apache.flink.streaming.api.datastream.DataStream;

import java.util.Objects;

/**
 * Publishes every aggregate update to an Eddy SSE endpoint ({@code --push}), on the path of its
 * stream ({@code /streams/edits-per-wiki}, ...). Dead letters go to Kafka only.
 */
public final class PushSinks implements AggregateSinks {

    private final String endpoint;
    private final String publishToken;

    private PushSinks(String endpoint, String publishToken) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.publishToken = Objects.requireNonNull(publishToken, "publishToken");
    }

    /**
     * @param endpoint the endpoint's base URL, e.g. {@code http://endpoint:8090}
     * @param publishToken the endpoint's publish token
     */
    public static PushSinks to(String endpoint, String publishToken) {
        return new PushSinks(endpoint, publishToken);
    }

    /** The sinks for {@code --push}, with the token from the environment variable {@code --push-token-env} names. */
    static PushSinks create(JobOptions options) {
        return to(options.push(), options.pushToken());
    }

    @Override
    public void attach(DataStream<AggregateRecord> aggregates) {
        aggregates.sinkTo(SsePushSink.<AggregateRecord>builder()
                        .setEndpoint(endpoint)
                        .setPublishToken(publishToken)
                        .setSerializer(PushSinks::toPushRecord)
                        .build())
                .uid("sse-push-aggregates")
                .name("SSE push: " + endpoint);
    }

    @Override
    public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {}

    private static SsePushRecord toPushRecord(AggregateRecord record) {
        return new SsePushRecord(record.getStream(), record.getJson());
    }

    @Override
    public String toString() {
        return "PushSinks{endpoint=" + endpoint + '}';
    }
}
