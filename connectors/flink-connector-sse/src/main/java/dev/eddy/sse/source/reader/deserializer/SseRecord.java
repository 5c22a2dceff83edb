package dev.eddy.sse.source.reader.deserializer;

import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * An SSE event as a record, untouched: the stream it came from, its Last-Event-ID, type and data. A
 * Flink POJO (public fields, no-arg constructor), so it needs no Kryo.
 */
@PublicEvolving
public class SseRecord {

    public String streamUrl;
    public String lastEventId;
    public String type;
    public String data;

    public SseRecord() {}

    public SseRecord(String streamUrl, String lastEventId, String type, String data) {
        this.streamUrl = streamUrl;
        this.lastEventId = lastEventId;
        this.type = type;
        this.data = data;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SseRecord)) {
            return false;
        }
        SseRecord that = (SseRecord) o;
        return Objects.equals(streamUrl, that.streamUrl)
                && Objects.equals(lastEventId, that.lastEventId)
                && Objects.equals(type, that.type)
                && Objects.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(streamUrl, lastEventId, type, data);
    }

    @Override
    public String toString() {
        return "SseRecord{id='" + lastEventId + "', type='" + type + "', data='" + data + "'}";
    }
}
