package dev.eddy.wikimedia.record;

import static org.apache.flink.util.Preconditions.checkNotNull;

import dev.eddy.sse.client.StreamUrls;
import dev.eddy.sse.source.SseDeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * An input event the job could not use, with the reason: written to the {@code eddy.dead-letters}
 * topic as {@code {"reason","raw","stream_url","last_event_id","at","raw_bytes","raw_truncated"}},
 * {@code at} being the ISO-8601 instant of rejection. A Flink POJO.
 *
 * <p>Bounded so that one record always fits a Kafka request, whatever the event: {@code raw} keeps
 * at most {@link #MAX_RAW_BYTES} of the event as escaped JSON ({@code raw_bytes} is the event's
 * full UTF-8 size, {@code raw_truncated} says whether it was cut), the other texts at most {@link
 * #MAX_FIELD_BYTES}. The stream URL is kept with its credentials masked.
 */
public class DeadLetterRecord {

    /**
     * Budget of {@code raw} in the JSON: a quarter of Kafka's default {@code max.request.size} and
     * {@code message.max.bytes} (1 MiB), leaving room for the other fields and batch overhead.
     */
    public static final int MAX_RAW_BYTES = 256 * 1024;

    /** Budget of each other text field in the JSON. */
    public static final int MAX_FIELD_BYTES = 8 * 1024;

    private static final String CUT = "…";

    private String reason;
    private String raw;
    private long rawBytes;
    private boolean rawTruncated;
    private String streamUrl;
    private String lastEventId;
    private long atEpochMillis;

    public DeadLetterRecord() {}

    /**
     * @param reason why the event was rejected
     * @param raw the event's data, cut to {@link #MAX_RAW_BYTES} if longer
     * @param streamUrl the stream it came from; credentials are masked
     * @param lastEventId the id of the event, or of the last one before it
     * @param atEpochMillis when it was rejected
     */
    public DeadLetterRecord(
            String reason, String raw, String streamUrl, String lastEventId, long atEpochMillis) {
        checkNotNull(raw, "raw");
        this.reason = cut(checkNotNull(reason, "reason"));
        this.raw = JsonTextBudget.prefix(raw, MAX_RAW_BYTES);
        this.rawBytes = raw.getBytes(StandardCharsets.UTF_8).length;
        this.rawTruncated = this.raw.length() < raw.length();
        this.streamUrl = cut(StreamUrls.redact(checkNotNull(streamUrl, "streamUrl")));
        this.lastEventId = cut(checkNotNull(lastEventId, "lastEventId"));
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

    /** The UTF-8 size of the whole event, also when {@link #getRaw()} holds only its start. */
    public long getRawBytes() {
        return rawBytes;
    }

    public void setRawBytes(long rawBytes) {
        this.rawBytes = rawBytes;
    }

    /** Whether {@link #getRaw()} was cut to {@link #MAX_RAW_BYTES}. */
    public boolean isRawTruncated() {
        return rawTruncated;
    }

    public void setRawTruncated(boolean rawTruncated) {
        this.rawTruncated = rawTruncated;
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
                    json.writeNumberField("raw_bytes", rawBytes);
                    json.writeBooleanField("raw_truncated", rawTruncated);
                });
    }

    private static String cut(String text) {
        String prefix = JsonTextBudget.prefix(text, MAX_FIELD_BYTES - CUT.length() * 3L);
        return prefix.length() == text.length() ? text : prefix + CUT;
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
                && rawBytes == other.rawBytes
                && rawTruncated == other.rawTruncated
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
