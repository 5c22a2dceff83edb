package dev.eddy.sse.table;

import dev.eddy.sse.protocol.SseEvent;
import java.util.Locale;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.DataType;

/** The metadata columns of the {@code sse} table source ({@code METADATA FROM 'event-id'}). */
@PublicEvolving
public enum SseMetadata {
    /** The event's Last-Event-ID ("" if the stream sent none yet). */
    EVENT_ID(DataTypes.STRING()),
    /** The event's {@code event:} field, "message" without one. */
    EVENT_TYPE(DataTypes.STRING()),
    /** The URL of the stream (split) the event came from, credentials masked. */
    STREAM_URL(DataTypes.STRING()),
    /** When the source read the event (wall clock). */
    RECEIVED_AT(DataTypes.TIMESTAMP_LTZ(3));

    private final DataType dataType;

    SseMetadata(DataType dataType) {
        this.dataType = dataType;
    }

    /** The key in {@code METADATA FROM '<key>'}, e.g. {@code event-id}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public DataType dataType() {
        return dataType;
    }

    static SseMetadata ofKey(String key) {
        return valueOf(key.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

    Object read(SseEvent event, StringData redactedStreamUrl, long receivedAtMillis) {
        switch (this) {
            case EVENT_ID:
                return StringData.fromString(event.lastEventId());
            case EVENT_TYPE:
                return StringData.fromString(event.type());
            case STREAM_URL:
                return redactedStreamUrl;
            default:
                return TimestampData.fromEpochMillis(receivedAtMillis);
        }
    }
}
