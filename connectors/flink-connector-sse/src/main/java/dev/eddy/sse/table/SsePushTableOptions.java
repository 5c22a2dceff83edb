package dev.eddy.sse.table;

import java.time.Duration;
import java.util.List;
import org.apache.flink.annotation.PublicEvolving;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;

/** The options of the {@code 'connector' = 'sse-push'} table sink. */
@PublicEvolving
public final class SsePushTableOptions {

    public static final ConfigOption<String> URL =
            ConfigOptions.key("url")
                    .stringType()
                    .noDefaultValue()
                    .withDescription(
                            "Base URL of the SSE endpoint (eddy serve), e.g. http://endpoint:8090;"
                                    + " rows are published to <url>/streams/<stream>.");

    public static final ConfigOption<String> STREAM =
            ConfigOptions.key("stream")
                    .stringType()
                    .noDefaultValue()
                    .withDescription("The endpoint stream the rows are published to.");

    public static final ConfigOption<String> TOKEN_ENV =
            ConfigOptions.key("token-env")
                    .stringType()
                    .defaultValue("EDDY_PUBLISH_TOKEN")
                    .withDescription(
                            "Name of the environment variable that holds the endpoint's publish"
                                    + " token (read where the statement is planned).");

    public static final ConfigOption<List<String>> KEY_FIELDS =
            ConfigOptions.key("key.fields")
                    .stringType()
                    .asList()
                    .noDefaultValue()
                    .withDescription(
                            "Columns (separated by ';') whose values, joined by '|', become the"
                                    + " record's \"key\" field, which subscribers filter on with"
                                    + " ?key=. Default: the primary key, if the table declares"
                                    + " one and has no column named 'key'.");

    public static final ConfigOption<String> FORMAT =
            ConfigOptions.key("format")
                    .stringType()
                    .defaultValue("json")
                    .withDescription(
                            "Format of each record; the endpoint wants one JSON object per row, so"
                                    + " 'json' (its options as 'json.*').");

    public static final ConfigOption<Integer> SINK_BATCH_SIZE =
            ConfigOptions.key("sink.batch-size")
                    .intType()
                    .defaultValue(500)
                    .withDescription("Records per publish request at most.");

    public static final ConfigOption<Duration> SINK_LINGER =
            ConfigOptions.key("sink.linger")
                    .durationType()
                    .defaultValue(Duration.ofMillis(200))
                    .withDescription("How long a record may wait for its batch to fill.");

    public static final ConfigOption<Integer> SINK_BUFFER_CAPACITY =
            ConfigOptions.key("sink.buffer-capacity")
                    .intType()
                    .defaultValue(10_000)
                    .withDescription(
                            "Records buffered while the endpoint is slow or down; beyond it the"
                                    + " oldest are dropped and counted.");

    private SsePushTableOptions() {}
}
