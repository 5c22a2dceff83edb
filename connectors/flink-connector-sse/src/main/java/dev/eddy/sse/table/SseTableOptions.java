package dev.eddy.sse.table;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.MemorySize;

/** The options of the {@code 'connector' = 'sse'} table source. */
@PublicEvolving
public final class SseTableOptions {

    /** Request headers: {@code 'http.header.User-Agent' = 'my-team/1.0 (me@example.org)'}. */
    public static final String HTTP_HEADER_PREFIX = "http.header.";

    public static final ConfigOption<List<String>> URL =
            ConfigOptions.key("url")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "The stream URL(s) to read, separated by ';'. Each URL is one source"
                                    + " split, read by one parallel reader.");

    public static final ConfigOption<SseStartupMode> SCAN_STARTUP_MODE =
            ConfigOptions.key("scan.startup.mode")
                    .enumType(SseStartupMode.class)
                    .defaultValue(SseStartupMode.LATEST)
                    .withDescription(
                            "Where a fresh job starts reading. A job restored from a checkpoint or"
                                    + " savepoint resumes after the Last-Event-ID in its state.");

    public static final ConfigOption<String> SCAN_STARTUP_LAST_EVENT_ID =
            ConfigOptions.key("scan.startup.last-event-id")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "The event id to start after, for 'scan.startup.mode' = 'last-event-id';"
                                    + " sent verbatim as the Last-Event-ID header.");

    public static final ConfigOption<Long> SCAN_STARTUP_TIMESTAMP_MILLIS =
            ConfigOptions.key("scan.startup.timestamp-millis")
                    .longType()
                    .noDefaultValue()
                    .withDescription(
                            "Epoch milliseconds to start from, for 'scan.startup.mode' ="
                                    + " 'timestamp'; sent as ?since=<ISO-8601> until the first"
                                    + " event arrives.");

    public static final ConfigOption<Duration> HTTP_CONNECT_TIMEOUT =
            ConfigOptions.key("http.connect-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(10))
                    .withDescription("Timeout of opening a connection to the stream.");

    public static final ConfigOption<Duration> HTTP_IDLE_TIMEOUT =
            ConfigOptions.key("http.idle-timeout")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription(
                            "A stream that sends nothing for this long is considered stalled and"
                                    + " reconnected (Wikimedia sends no heartbeats).");

    public static final ConfigOption<Duration> RECONNECT_BACKOFF_INITIAL =
            ConfigOptions.key("reconnect.backoff.initial")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(1))
                    .withDescription(
                            "First delay before reconnecting; it doubles (with jitter) after each"
                                    + " failure in a row. 'retry:' and Retry-After are honoured.");

    public static final ConfigOption<Duration> RECONNECT_BACKOFF_MAX =
            ConfigOptions.key("reconnect.backoff.max")
                    .durationType()
                    .defaultValue(Duration.ofSeconds(60))
                    .withDescription("Longest delay before reconnecting.");

    public static final ConfigOption<MemorySize> EVENT_MAX_SIZE =
            ConfigOptions.key("event.max-size")
                    .memoryType()
                    .defaultValue(MemorySize.parse("1mb"))
                    .withDescription(
                            "Largest event accepted; larger ones are dropped and counted"
                                    + " (deadLetters metric), never buffered.");

    public static final ConfigOption<List<String>> EVENT_TYPES =
            ConfigOptions.key("event.types")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Only events whose 'event:' field is one of these types (separated by"
                                    + " ';') become rows; events without an 'event:' field have"
                                    + " the type 'message'. Default: every event.");

    public static final ConfigOption<String> DEDUP_KEY =
            ConfigOptions.key("dedup.key")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "A STRING field (a dotted path into ROW columns, e.g. 'meta.id') that"
                                    + " identifies an event: a row whose key was among the last"
                                    + " 'dedup.horizon' keys of its stream is dropped. The keys"
                                    + " are checkpointed, so repeats after a resume are dropped"
                                    + " too.");

    public static final ConfigOption<Integer> DEDUP_HORIZON =
            ConfigOptions.key("dedup.horizon")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription("How many recent keys per stream 'dedup.key' remembers.");

    public static final ConfigOption<BadRowHandling> SCAN_BAD_ROWS =
            ConfigOptions.key("scan.bad-rows")
                    .enumType(BadRowHandling.class)
                    .defaultValue(BadRowHandling.SKIP)
                    .withDescription(
                            "What to do with an event the format cannot decode, or a row whose"
                                    + " row-time inputs are all NULL (a window would fail on it).");

    private SseTableOptions() {}
}
