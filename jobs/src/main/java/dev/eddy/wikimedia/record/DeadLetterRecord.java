package dev.eddy.wikimedia.record;

import dev.eddy.sse.source.SseDeadLetter;
import java.time.Instant;
import java.util.Objects;

/**
 * An input event the job could not use, with the reason: written to the {@code eddy.dead-letters}
 * topic as {@code {"reason","raw","stream_url","last_event_id","at"}}, {@code at} being the
 * ISO-8601 instant of rejection. A Flink POJO.
 */
public class DeadLetterRecord {

    private String reason;
    private String raw;
    private String streamUrl;
    private String lastEventId;
    private long atEpochMillis;

    public DeadLetterRecord() {}

    public DeadLetterRecord(
            String reason, String raw, String streamUrl, String lastEventId, long atEpochMillis) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.raw = Objects.requireNonNull(raw, "raw");
        this.streamUrl = Objects.requireNonNull(streamUrl, "streamUrl");
        this.lastEventId = Objects.requireNonNull(lastEventId, "lastEventId");
        this.atEpochMillis = atEpochMillis;
    }

    /**
     * The dead letter of an event the SSE source itself rejected (oversized, deserializer failure).
     */
    public static DeadLetterRecord of(SseDeadLetter deadLetter) {
        return new DeadLetterRecord(
                deadLetter.reason(),
                deadLetter.raw(),
                deadLetter.streamUrl(),
                deadLetter.lastEventId(),
                deadLetter.atEpochMillis());
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getRaw() {
        return raw;
    }

    public void setRaw(String raw) {
        this.raw = raw;
    }

    public String getStreamUrl() {
        return streamUrl;
    }

    public void setStreamUrl(String streamUrl) {
        this.streamUrl = streamUrl;
    }

    public String getLastEventId() {
        return lastEventId;
    }

    public void setLastEventId(String lastEventId) {
        this.lastEventId = lastEventId;
    }

    public long getAtEpochMillis() {
        return atEpochMillis;
    }

    public void setAtEpochMillis(long atEpochMillis) {
        this.atEpochMillis = atEpochMillis;
    }

    /** The record as the dead-letter contract's JSON object. */
    public String toJson() {
        return RecordJson.write(
                json -> {
                    json.writeStringField("reason", reason);
                    json.writeStringField("raw", raw);
                    json.writeStringField("stream_url", streamUrl);
                    json.writeStringField("last_event_id", lastEventId);
                    json.writeStringField("at", Instant.ofEpochMilli(atEpochMillis).toString());
                });
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetterRecord)) {
            return false;
        }
        DeadLetterRecord other = (DeadLetterRecord) o;
        return atEpochMillis == other.atEpochMillis
                && Objects.equals(reason, other.reason)
                && Objects.equals(raw, other.raw)
                && Objects.equals(streamUrl, other.streamUrl)
                && Objects.equals(lastEventId, other.lastEventId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, raw, streamUrl, lastEventId, atEpochMillis);
    }

    @Override
    public String toString() {
        return "DeadLetterRecord{reason='"
                + reason
                + "', streamUrl='"
                + streamUrl
                + "', lastEventId='"
                + lastEventId
                + "'}";
    }
}
