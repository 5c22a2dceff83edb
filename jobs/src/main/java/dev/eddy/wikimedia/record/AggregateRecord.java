package dev.eddy.wikimedia.record;

import java.time.Instant;
import java.util.Objects;

/**
 * One update of one window of one aggregate stream, with its JSON as the record contract defines it
 * (fields, meaning and Kafka key: {@code docs/wikimedia-job.md}, linked from the README). The
 * envelope fields are kept beside the JSON so sinks can route and key records without parsing it. A
 * Flink POJO.
 */
public class AggregateRecord {

    private String stream;
    private String key;
    private long windowStartMillis;
    private long windowEndMillis;
    private boolean finalUpdate;
    private int revision;
    private String json;

    public AggregateRecord() {}

    public AggregateRecord(
            String stream,
            String key,
            long windowStartMillis,
            long windowEndMillis,
            boolean finalUpdate,
            int revision,
            String json) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.key = Objects.requireNonNull(key, "key");
        this.windowStartMillis = windowStartMillis;
        this.windowEndMillis = windowEndMillis;
        this.finalUpdate = finalUpdate;
        this.revision = revision;
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * The aggregate's stream name: {@code edits-per-wiki}, {@code top-pages} or {@code activity}.
     */
    public String getStream() {
        return stream;
    }

    public void setStream(String stream) {
        this.stream = stream;
    }

    /** The window's key: the wiki, or {@code all}. */
    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public long getWindowStartMillis() {
        return windowStartMillis;
    }

    public void setWindowStartMillis(long windowStartMillis) {
        this.windowStartMillis = windowStartMillis;
    }

    public long getWindowEndMillis() {
        return windowEndMillis;
    }

    public void setWindowEndMillis(long windowEndMillis) {
        this.windowEndMillis = windowEndMillis;
    }

    /** True once the watermark has passed the window's end: {@code "final"} in the JSON. */
    public boolean isFinalUpdate() {
        return finalUpdate;
    }

    public void setFinalUpdate(boolean finalUpdate) {
        this.finalUpdate = finalUpdate;
    }

    /** 1 for a window's first update, rising by one with each further update of the same window. */
    public int getRevision() {
        return revision;
    }

    public void setRevision(int revision) {
        this.revision = revision;
    }

    /** The record's JSON object, exactly per the contract. */
    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }

    /** {@code window_start} as in the JSON, e.g. {@code 2018-03-07T16:16:00Z}. */
    public String windowStart() {
        return Instant.ofEpochMilli(windowStartMillis).toString();
    }

    /**
     * {@code <key>@<window_start>}: all updates of one window share it, so a compacted topic keeps
     * the latest.
     */
    public String kafkaKey() {
        return key + '@' + windowStart();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof AggregateRecord)) {
            return false;
        }
        AggregateRecord other = (AggregateRecord) o;
        return windowStartMillis == other.windowStartMillis
                && windowEndMillis == other.windowEndMillis
                && finalUpdate == other.finalUpdate
                && revision == other.revision
                && Objects.equals(stream, other.stream)
                && Objects.equals(key, other.key)
                && Objects.equals(json, other.json);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, key, windowStartMillis, revision);
    }

    @Override
    public String toString() {
        return json;
    }
}
