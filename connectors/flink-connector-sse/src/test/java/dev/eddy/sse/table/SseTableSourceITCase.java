package dev.eddy.sse.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.table.LoopbackSseServer.Event;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SQL queries over {@code sse} tables reading a real SSE server on loopback, in a MiniCluster. */
class SseTableSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(CountersReporter.install(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private LoopbackSseServer server;
    private StreamTableEnvironment tables;

    @BeforeEach
    void start() throws Exception {
        server = new LoopbackSseServer();
        Configuration configuration = new Configuration();
        configuration.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        configuration.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, Integer.MAX_VALUE);
        configuration.set(
                RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY,
                java.time.Duration.ofMillis(10));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(1);
        tables = StreamTableEnvironment.create(env);
        CountersReporter.clear();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void jsonEventsOfTheWantedTypeBecomeRowsWithMetadataColumns() throws Exception {
        String url =
                server.stream(
                        "/streams/changes",
                        List.of(
                                new Event("change", "{\"wiki\":\"enwiki\",\"n\":1}"),
                                new Event("heartbeat", "{}"),
                                new Event(null, "{\"wiki\":\"dewiki\",\"n\":2}"),
                                new Event("change", "{\"wiki\":\"frwiki\",\"n\":3}")));
        tables.executeSql(
                "CREATE TABLE changes (wiki STRING, n INT,"
                        + " id STRING METADATA FROM 'event-id' VIRTUAL,"
                        + " kind STRING METADATA FROM 'event-type' VIRTUAL,"
                        + " origin STRING METADATA FROM 'stream-url' VIRTUAL,"
                        + " received TIMESTAMP_LTZ(3) METADATA FROM 'received-at' VIRTUAL"
                        + ") WITH ('connector' = 'sse', 'url' = '"
                        + url
                        + "', 'format' = 'json', 'event.types' = 'change;message',"
                        + " 'scan.startup.mode' = 'last-event-id', 'scan.startup.last-event-id' = '0')");

        List<Row> rows =
                collect("SELECT wiki, n, id, kind, origin, received IS NOT NULL FROM changes", 2);

        assertThat(rows)
                .containsExactly(
                        Row.of("dewiki", 2, "2", "message", url, true),
                        Row.of("frwiki", 3, "3", "change", url, true));
    }

    @Test
    void theRawFormatGivesEachEventsDataAsOneString() throws Exception {
        String url =
                server.stream(
                        "/streams/lines",
                        List.of(
                                new Event(null, "first line"),
                                new Event(null, "not JSON at all: {"),
                                new Event(null, "ünïcode ✓")));
        tables.executeSql(
                "CREATE TABLE lines (line STRING) WITH ('connector' = 'sse', 'url' = '"
                        + url
                        + "', 'format' = 'raw')");

        assertThat(collect("SELECT line, CHAR_LENGTH(line) FROM lines", 3))
                .containsExactly(
                        Row.of("first line", 10),
                        Row.of("not JSON at all: {", 18),
                        Row.of("ünïcode ✓", 9));
    }

    @Test
    void badRowsAreCountedAndSkipped() throws Exception {
        String url =
                server.stream(
                        "/streams/mixed",
                        List.of(
                                new Event(null, "{\"wiki\":\"a\",\"ts\":1}"),
                                new Event(null, "{\"wiki\":\"b\",\"ts\":"),
                                new Event(null, "{\"wiki\":\"c\"}"),
                                new Event(null, "{\"wiki\":\"d\",\"ts\":4}")));
        tables.executeSql(
                "CREATE TABLE mixed (wiki STRING, ts BIGINT NOT NULL) WITH ('connector' = 'sse',"
                        + " 'url' = '"
                        + url
                        + "', 'format' = 'json')");

        assertThat(collect("SELECT wiki, ts FROM mixed", 2))
                .containsExactly(Row.of("a", 1L), Row.of("d", 4L));
        assertThat(CountersReporter.sum(SseRowDeserializer.BAD_ROWS_METRIC)).isEqualTo(2);
    }

    @Test
    void withBadRowsFailTheJobFailsOnceInsteadOfRestartingInALoop() {
        String url =
                server.stream(
                        "/streams/broken",
                        List.of(
                                new Event(null, "{\"wiki\":\"a\",\"ts\":1}"),
                                new Event(null, "{\"wiki\":\"b\"}")));
        tables.executeSql(
                "CREATE TABLE broken (wiki STRING, ts BIGINT NOT NULL) WITH ('connector' = 'sse',"
                        + " 'url' = '"
                        + url
                        + "', 'format' = 'json', 'scan.bad-rows' = 'fail')");

        assertThatThrownBy(() -> collect("SELECT wiki FROM broken", 2))
                .satisfies(
                        error ->
                                assertThat(
                                                ExceptionUtils.findThrowable(
                                                        error, BadRowException.class))
                                        .hasValueSatisfying(
                                                bad ->
                                                        assertThat(bad)
                                                                .hasMessageContaining(
                                                                        "'scan.bad-rows' is 'fail'"))
                                        .isPresent());
        assertThat(CountersReporter.sum(SseRowDeserializer.BAD_ROWS_METRIC)).isEqualTo(1);
    }

    @Test
    void headersAreSentWithSecretsTakenFromTheEnvironment() throws Exception {
        EnvironmentSecrets.provide("SSE_TABLE_IT_TOKEN", "t0ken");
        try {
            String url = server.stream("/streams/private", List.of(new Event(null, "{\"n\":1}")));
            tables.executeSql(
                    "CREATE TABLE private_stream (n INT) WITH ('connector' = 'sse', 'url' = '"
                            + url
                            + "', 'format' = 'json',"
                            + " 'http.header.Authorization' = 'Bearer ${env:SSE_TABLE_IT_TOKEN}',"
                            + " 'http.header.User-Agent' = 'eddy-test/1.0')");

            assertThat(collect("SELECT n FROM private_stream", 1)).containsExactly(Row.of(1));
            assertThat(server.requestHeaders())
                    .anySatisfy(
                            headers -> {
                                assertThat(headers.get("Authorization"))
                                        .containsExactly("Bearer t0ken");
                                assertThat(headers.get("User-agent"))
                                        .containsExactly("eddy-test/1.0");
                            });
        } finally {
            EnvironmentSecrets.withdraw("SSE_TABLE_IT_TOKEN");
        }
    }

    @Test
    void repeatedEventsOfTheDedupKeyAreDropped() throws Exception {
        String url =
                server.stream(
                        "/streams/repeats",
                        List.of(
                                new Event(null, "{\"meta\":{\"id\":\"x\"},\"n\":1}"),
                                new Event(null, "{\"meta\":{\"id\":\"x\"},\"n\":1}"),
                                new Event(null, "{\"meta\":{\"id\":\"y\"},\"n\":2}"),
                                new Event(null, "{\"meta\":{\"id\":\"x\"},\"n\":1}"),
                                new Event(null, "{\"meta\":{\"id\":\"z\"},\"n\":3}")));
        tables.executeSql(
                "CREATE TABLE repeats (meta ROW<id STRING>, n INT) WITH ('connector' = 'sse',"
                        + " 'url' = '"
                        + url
                        + "', 'format' = 'json', 'dedup.key' = 'meta.id', 'dedup.horizon' = '10')");

        assertThat(collect("SELECT n FROM repeats", 3))
                .containsExactly(Row.of(1), Row.of(2), Row.of(3));
    }

    private List<Row> collect(String query, int count) throws Exception {
        List<Row> rows = new ArrayList<>();
        try (CloseableIterator<Row> results = tables.executeSql(query).collect()) {
            while (rows.size() < count && results.hasNext()) {
                rows.add(results.next());
            }
        }
        return rows;
    }
}
