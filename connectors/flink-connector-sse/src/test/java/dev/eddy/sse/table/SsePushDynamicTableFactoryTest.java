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

/** Every option of the {@code sse-push} table sink is validated with a message naming it. */
class SsePushDynamicTableFactoryTest {

    private static final String TOKEN_VARIABLE = "SSE_PUSH_FACTORY_TEST_TOKEN";
    private static TableEnvironment tables;

    @BeforeAll
    static void createEnvironment() {
        tables = TableEnvironment.create(EnvironmentSettings.inStreamingMode());
        EnvironmentSecrets.provide(TOKEN_VARIABLE, "publish-s3cret");
    }

    @AfterAll
    static void withdrawSecret() {
        EnvironmentSecrets.withdraw(TOKEN_VARIABLE);
    }

    @BeforeEach
    void dropTable() {
        tables.executeSql("DROP TEMPORARY TABLE IF EXISTS pushed");
    }

    @Test
    void aValidSinkIsPlannedAndTheTokenIsNotShown() {
        String plan = explain("'url' = 'http://127.0.0.1:8090', 'stream' = 'counts'", "");

        assertThat(plan).contains("Sink(table=[default_catalog.default_database.pushed]");
        assertThat(plan).doesNotContain("publish-s3cret");
    }

    @Test
    void updatingResultsAreAcceptedWithAndWithoutPrimaryKey() {
        assertThat(explainUpdating(""))
                .contains("Sink(table=[default_catalog.default_database.pushed]");
        tables.executeSql("DROP TEMPORARY TABLE IF EXISTS pushed");
        assertThat(explainUpdating(", PRIMARY KEY (wiki) NOT ENFORCED"))
                .contains("Sink(table=[default_catalog.default_database.pushed]");
    }

    @Test
    void missingUrl() {
        assertInvalid("'stream' = 'counts'", "Missing required options are:", "url");
    }

    @Test
    void missingStream() {
        assertInvalid("'url' = 'http://127.0.0.1:8090'", "Missing required options are:", "stream");
    }

    @Test
    void unknownOption() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'counts', 'token' = 'abc'",
                "Unsupported options found for 'sse-push'",
                "token");
    }

    @Test
    void notAnHttpUrl() {
        assertInvalid(
                "'url' = 'endpoint:8090', 'stream' = 'counts'",
                "Option 'url' must be the endpoint's http(s) base URL");
    }

    @Test
    void badStreamName() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'a/b'",
                "Option 'stream' must be a stream name");
    }

    @Test
    void tokenVariableNotSet() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'counts', 'token-env' = 'EDDY_NO_SUCH_TOKEN'",
                "read from the environment variable EDDY_NO_SUCH_TOKEN (option 'token-env'), which is not set");
    }

    @Test
    void keyFieldThatIsNotAColumn() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'counts', 'key.fields' = 'wikis'",
                "Option 'key.fields': there is no column 'wikis'");
    }

    @Test
    void batchSizeOfTheWrongType() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'counts', 'sink.batch-size' = 'big'",
                "sink.batch-size",
                "big");
    }

    @Test
    void zeroBufferCapacity() {
        assertInvalid(
                "'url' = 'http://127.0.0.1:8090', 'stream' = 'counts', 'sink.buffer-capacity' = '0'",
                "Option 'sink.buffer-capacity' must be positive");
    }

    private static String explain(String options, String constraint) {
        createTable(options, constraint);
        return tables.explainSql("INSERT INTO pushed VALUES ('enwiki', 1)");
    }

    private static String explainUpdating(String constraint) {
        createTable("'url' = 'http://127.0.0.1:8090', 'stream' = 'counts'", constraint);
        return tables.explainSql(
                "INSERT INTO pushed SELECT wiki, COUNT(*) FROM (VALUES ('a'), ('b'), ('a')) AS t(wiki)"
                        + " GROUP BY wiki");
    }

    private static void createTable(String options, String constraint) {
        tables.executeSql(
                "CREATE TEMPORARY TABLE pushed (wiki STRING NOT NULL, edits BIGINT"
                        + constraint
                        + ") WITH ('connector' = 'sse-push', 'token-env' = '"
                        + TOKEN_VARIABLE
                        + "', "
                        + options
                        + ")");
    }

    private static void assertInvalid(String options, String... messageParts) {
        try {
            explain(options, "");
        } catch (ValidationException e) {
            assertThat(ExceptionUtils.stringifyException(e)).contains(messageParts);
            return;
        }
        throw new AssertionError("planning succeeded with " + options);
    }
}
