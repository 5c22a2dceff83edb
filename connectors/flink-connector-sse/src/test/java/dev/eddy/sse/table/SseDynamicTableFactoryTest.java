package dev.eddy.sse.table;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every option of the {@code sse} table source is validated with a message naming it. */
class SseDynamicTableFactoryTest {

    private static final String URL = "http://127.0.0.1:9/v2/stream/recentchange";
    private static TableEnvironment tables;

    @BeforeAll
    static void createEnvironment() {
        tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        EnvironmentSecrets.provide("SSE_FACTORY_TEST_TOKEN", "s3cret-value");
    }

    @AfterAll
    static void withdrawSecret() {
        EnvironmentSecrets.withdraw("SSE_FACTORY_TEST_TOKEN");
    }

    @BeforeEach
    void dropTable() {
        tables.executeSql("DROP TEMPORARY TABLE IF EXISTS t");
    }

    @Test
    void aValidTableIsPlannedWithTheSseSource() {
        String plan = explain("'url' = '" + URL + "', 'format' = 'json'");

        assertThat(plan)
                .contains("TableSourceScan(table=[[default_catalog, default_database, t,")
                .doesNotContain("CAST(event_id");
    }

    @Test
    void missingUrl() {
        assertInvalid("'format' = 'json'", "Missing required options are:", "url");
    }

    @Test
    void missingFormat() {
        assertInvalid("'url' = '" + URL + "'", "Could not find required scan format 'format'");
    }

    @Test
    void unknownOption() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.startup.modus' = 'latest'",
                "Unsupported options found for 'sse'",
                "scan.startup.modus");
    }

    @Test
    void notAnHttpUrl() {
        assertInvalid("'url' = 'ftp://example.org/x', 'format' = 'json'", "Option 'url'", "ftp");
    }

    @Test
    void theSameUrlTwice() {
        assertInvalid(
                "'url' = '" + URL + ";" + URL + "', 'format' = 'json'",
                "Option 'url' names the same stream twice");
    }

    @Test
    void badStartupMode() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.startup.mode' = 'earliest'",
                "scan.startup.mode",
                "earliest");
    }

    @Test
    void lastEventIdModeWithoutAnId() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.startup.mode' = 'last-event-id'",
                "Option 'scan.startup.last-event-id' is required when 'scan.startup.mode' is 'last-event-id'");
    }

    @Test
    void timestampModeWithoutTimestamp() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.startup.mode' = 'timestamp'",
                "Option 'scan.startup.timestamp-millis' is required when 'scan.startup.mode' is 'timestamp'");
    }

    @Test
    void timestampOfTheWrongType() {
        assertInvalid(
                "'url' = '"
                        + URL
                        + "', 'format' = 'json', 'scan.startup.mode' = 'timestamp',"
                        + " 'scan.startup.timestamp-millis' = 'yesterday'",
                "scan.startup.timestamp-millis",
                "yesterday");
    }

    @Test
    void startupIdWithTheWrongMode() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.startup.last-event-id' = '42'",
                "Option 'scan.startup.last-event-id' is only used when 'scan.startup.mode' is 'last-event-id', but it is 'latest'");
    }

    @Test
    void durationOfTheWrongType() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'http.idle-timeout' = 'soon'",
                "http.idle-timeout",
                "soon");
    }

    @Test
    void zeroIdleTimeout() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'http.idle-timeout' = '0 s'",
                "Option 'http.idle-timeout' must be a positive duration");
    }

    @Test
    void backoffMaxBelowInitial() {
        assertInvalid(
                "'url' = '"
                        + URL
                        + "', 'format' = 'json', 'reconnect.backoff.initial' = '10 s',"
                        + " 'reconnect.backoff.max' = '1 s'",
                "Option 'reconnect.backoff.max' (PT1S) must not be below 'reconnect.backoff.initial'");
    }

    @Test
    void maxEventSizeOfTheWrongType() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'event.max-size' = 'huge'",
                "event.max-size",
                "huge");
    }

    @Test
    void dedupKeyThatIsNotAField() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'dedup.key' = 'meta.uuid'",
                "Option 'dedup.key': there is no field 'uuid' in 'meta'");
    }

    @Test
    void dedupKeyThatIsNotAString() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'dedup.key' = 'bot'",
                "Option 'dedup.key': field 'bot' must be a STRING");
    }

    @Test
    void dedupHorizonWithoutKey() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'dedup.horizon' = '5'",
                "Option 'dedup.horizon' is only used with 'dedup.key'");
    }

    @Test
    void dedupHorizonOfTheWrongType() {
        assertInvalid(
                "'url' = '"
                        + URL
                        + "', 'format' = 'json', 'dedup.key' = 'meta.id', 'dedup.horizon' = 'many'",
                "dedup.horizon",
                "many");
    }

    @Test
    void badRowHandlingThatDoesNotExist() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'scan.bad-rows' = 'ignore'",
                "scan.bad-rows",
                "ignore");
    }

    @Test
    void aCredentialHeaderWithALiteralSecret() {
        assertInvalid(
                "'url' = '"
                        + URL
                        + "', 'format' = 'json', 'http.header.Authorization' = 'Bearer abc'",
                "Option 'http.header.Authorization' holds a credential literally");
    }

    @Test
    void aHeaderReferringToAnUnsetVariable() {
        assertInvalid(
                "'url' = '"
                        + URL
                        + "', 'format' = 'json',"
                        + " 'http.header.Authorization' = 'Bearer ${env:EDDY_NO_SUCH_VARIABLE}'",
                "Option 'http.header.Authorization' refers to the environment variable EDDY_NO_SUCH_VARIABLE, which is not set");
    }

    @Test
    void anInvalidHeaderName() {
        assertInvalid(
                "'url' = '" + URL + "', 'format' = 'json', 'http.header.' = 'x'",
                "Option 'http.header.' does not name a valid HTTP header");
    }

    @Test
    void aResolvedSecretAppearsNeitherInThePlanNorInErrors() {
        String options =
                "'url' = '"
                        + URL
                        + "', 'format' = 'json',"
                        + " 'http.header.Authorization' = 'Bearer ${env:SSE_FACTORY_TEST_TOKEN}'";
        assertThat(explain(options)).doesNotContain("s3cret-value");
        tables.executeSql("DROP TEMPORARY TABLE IF EXISTS t");

        Throwable error = catchPlanning(options + ", 'scan.startup.mode' = 'timestamp'");
        assertThat(ExceptionUtils.stringifyException(error)).doesNotContain("s3cret-value");
    }

    private static String explain(String options) {
        createTable(options);
        return tables.explainSql("SELECT * FROM t");
    }

    private static void createTable(String options) {
        tables.executeSql(
                "CREATE TEMPORARY TABLE t ("
                        + " `meta` ROW<id STRING, dt STRING>, wiki STRING, bot BOOLEAN,"
                        + " event_id STRING METADATA FROM 'event-id' VIRTUAL"
                        + ") WITH ('connector' = 'sse', "
                        + options
                        + ")");
    }

    private static Throwable catchPlanning(String options) {
        createTable(options);
        try {
            tables.explainSql("SELECT * FROM t");
        } catch (Throwable e) {
            return e;
        }
        throw new AssertionError("planning succeeded with " + options);
    }

    private static void assertInvalid(String options, String... messageParts) {
        Throwable error = catchPlanning(options);
        assertThat(error).isInstanceOf(ValidationException.class);
        assertThat(ExceptionUtils.stringifyException(error)).contains(messageParts);
    }
}
