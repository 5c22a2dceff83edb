package dev.eddy.wikimedia;

import dev.eddy.sse.sink.SsePushRecord;
import dev.eddy.sse.sink.SsePushSink;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Publishes the aggregates to an Eddy SSE endpoint ({@code --push}), each record on the path of its
 * stream ({@code /streams/<stream>}). Best effort: Kafka is the durable path; the endpoint
 * de-duplicates updates re-sent after a failover. Dead letters are not pushed.
 */
public final class PushSinks implements AggregateSinks {

    /** The push sink's operator name, as the Flink UI shows it. */
    public static final String NAME = "SSE endpoint: aggregates";

    private final String endpoint;
    private final String publishToken;

    public PushSinks(String endpoint, String publishToken) {
        this.endpoint = endpoint;
        this.publishToken = publishToken;
    }

    @Override
    public void attach(DataStream<AggregateRecord> aggregates) {
        aggregates
                .sinkTo(
                        SsePushSink.<AggregateRecord>builder()
                                .setEndpoint(endpoint)
                                .setPublishToken(publishToken)
                                .setSerializer(
                                        record ->
                                                new SsePushRecord(
                                                        record.getStream(), record.getJson()))
                                .build())
                .uid("sse-push-aggregates")
                .name(NAME);
    }

    @Override
    public void attachDeadLetters(DataStream<DeadLetterRecord> deadLetters) {}
}
