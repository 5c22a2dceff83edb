package dev.eddy.sse.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.annotation.PublicEvolving;

/**
 * One dispatched Server-Sent Event: the last event id at dispatch ("" if none), the event type
 * ("message" unless the stream named one) and the data, kept as well-formed UTF-8 bytes so decoders
 * such as Jackson can read it without an intermediate {@link String}.
 */
@PublicEvolving
public final class SseEvent {

    private final String lastEventId;
    private final String type;
    private final byte[] dataUtf8;
    private String data;

    public SseEvent(String lastEventId, String type, byte[] dataUtf8) {
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        this.type = Objects.requireNonNull(type, "type");
        this.dataUtf8 = Objects.requireNonNull(dataUtf8, "dataUtf8");
    }

    public SseEvent(String lastEventId, String type, String data) {
        this(lastEventId, type, data.getBytes(StandardCharsets.UTF_8));
        this.data = data;
    }

    /** The last event id string at dispatch: what a client sends back as {@code Last-Event-ID}. */
    public String lastEventId() {
        return lastEventId;
    }

    public String type() {
        return type;
    }

    /** The data as well-formed UTF-8; callers must not modify the array. */
    public byte[] dataUtf8() {
        return dataUtf8;
    }

    public String data() {
        if (data == null) {
            data = new String(dataUtf8, StandardCharsets.UTF_8);
        }
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SseEvent)) {
            return false;
        }
        SseEvent other = (SseEvent) o;
        return lastEventId.equals(other.lastEventId)
                && type.equals(other.type)
                && Arrays.equals(dataUtf8, other.dataUtf8);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lastEventId, type, Arrays.hashCode(dataUtf8));
    }

    @Override
    public String toString() {
        return "SseEvent{id='" + lastEventId + "', type='" + type + "', data='" + data() + "'}";
    }
}
