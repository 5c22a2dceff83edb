package dev.eddy.sse.sink;

import static org.apache.flink.util.Preconditions.checkNotNull;

import java.io.Serializable;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/** What the push sink sends for one element: the endpoint stream it goes to and its JSON object. */
@PublicEvolving
public final class SsePushRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String stream;
    private final String json;

    public SsePushRecord(String stream, String json) {
        this.stream = checkNotNull(stream, "stream");
        this.json = checkNotNull(json, "json");
    }

    public String stream() {
        return stream;
    }

    /** One JSON object, e.g. an aggregate record. */
    public String json() {
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SsePushRecord
                && stream.equals(((SsePushRecord) o).stream)
                && json.equals(((SsePushRecord) o).json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, json);
    }

    @Override
    public String toString() {
        return "SsePushRecord{stream=" + stream + ", json=" + json + "}";
    }
}
