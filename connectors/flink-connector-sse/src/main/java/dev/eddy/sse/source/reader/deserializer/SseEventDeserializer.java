package dev.eddy.sse.source.reader.deserializer;

import dev.eddy.sse.protocol.SseEvent;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.api.common.serialization.DeserializationSchema;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.util.Collector;

/**
 * Turns each SSE event of a stream into zero or more records of type {@code T}. A thrown exception
 * does not fail the job: the source counts the event as a parse error and passes it to its
 * dead-letter mapper.
 */
@PublicEvolving
public interface SseEventDeserializer<T> extends Serializable, ResultTypeQueryable<T> {

    /** Called once per reader before the first event. */
    default void open(DeserializationSchema.InitializationContext context) throws Exception {}

    /**
     * @param event the dispatched event
     * @param streamUrl the URL of the stream (split) it came from
     * @param out where to put the records
     */
    void deserialize(SseEvent event, String streamUrl, Collector<T> out) throws IOException;
}
