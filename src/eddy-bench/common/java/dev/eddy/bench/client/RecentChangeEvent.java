package dev.eddy.bench.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The recentchange fields the Eddy aggregates read (the same selection as the job's model), decoded
 * by every client of the client benchmark. Other fields are skipped by the decoder.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class RecentChangeEvent {

    @JsonProperty("meta")
    public Meta meta;

    @JsonProperty("wiki")
    public String wiki;

    @JsonProperty("type")
    public String type;

    @JsonProperty("title")
    public String title;

    @JsonProperty("user")
    public String user;

    @JsonProperty("bot")
    public boolean bot;

    @JsonProperty("namespace")
    public Integer namespace;

    @JsonProperty("timestamp")
    public Long timestamp;

    @JsonProperty("length")
    public Length length;

    /** {@code meta}: the event's unique id, time and domain. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Meta {
        @JsonProperty("id")
        public String id;

        @JsonProperty("dt")
        public String dt;

        @JsonProperty("domain")
        public String domain;
    }

    /** {@code length}: page size before and after the change. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Length {
        @JsonProperty("old")
        public Long oldLength;

        @JsonProperty("new")
        public Long newLength;
    }
}
