package dev.eddy.wikimedia.aggregate;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

/** Names an aggregate stream and writes the fields its records add to the shared envelope. */
public interface RecordBody<A> extends Serializable {

    /** The stream name: Kafka topic {@code eddy.<name>}, SSE path {@code /streams/<name>}. */
    String stream();

    /** Whether the key is a wiki, repeated in the record as {@code "wiki"}. */
    boolean keyedByWiki();

    /**
     * How many events an accumulator holds; it only grows as events are added, so a window whose
     * count is unchanged has nothing new to report.
     */
    long events(A accumulator);

    /**
     * Writes the stream's own fields, after the envelope, for a window made of these panes (one for
     * a tumbling window; none of them empty), which it must not change.
     */
    void write(List<A> panes, TimeWindow window, JsonGenerator json) throws IOException;
}
