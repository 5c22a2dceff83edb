package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Names an aggregate stream and writes the fields its records add to the shared envelope. */
public interface RecordBody<A> extends Serializable {

    /** The stream name: Kafka topic {@code eddy.<name>}, SSE path {@code /streams/<name>}. */
    String stream();

    /** Whether the key is a wiki, repeated in the record as {@code "wiki"}. */
    boolean keyedByWiki();

    /** Writes the stream's own fields, after the envelope. */
    void write(A accumulator, TimeWindow window, JsonGenerator json) throws IOException;
}
