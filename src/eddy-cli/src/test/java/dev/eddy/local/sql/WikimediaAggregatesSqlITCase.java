package dev.eddy.local.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sql.SqlSession;
import dev.eddy.sql.SqlStatements;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import dev.eddy.wikimedia.AggregateSettings;
import dev.eddy.wikimedia.WikimediaAggregatesJob;
import dev.eddy.wikimedia.testing.AggregateRecords;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.Feed;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code jobs/sql/wikimedia-aggregates.sql} on the embedded stack of {@code eddy sql},
 * reading the shipped recording from the replay server: its committed Kafka finals equal an
 * independent computation from the raw events and the DataStream job's finals; a job stopped with a
 * savepoint mid-stream and restored loses nothing and writes nothing twice.
 */
class WikimediaAggregatesSqlITCase {

    static final Path SCRIPT = Path.of("../../jobs/sql/wikimedia-aggregates.sql");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir static Path dataDir;

    private static SqlStack stack;
    private static List<String> recording;
    private static List<String> replayed;
    private static Map<String, ObjectNode> independent;

    @BeforeAll
    static void startStack() throws Exception {
        recording = TestRecordings.recording();
        replayed = TestRecordings.withCanaryAndClosingEvent(recording);
        independent = IndependentAggregates.withDefaultWindows().compute(recording);
        stack =
                SqlStack.start(
                        new SqlStackSettings(
                                "unused",
                                TestRecordings.write(replayed, dataDir),
                                0,
                                false,
                                SqlStackSettings.EMBEDDED_KAFKA,
                                0,
                                0,
                                0,
                                4,
                                dataDir.resolve("stack")));
    }

    @AfterAll
    static void stopStack() throws Exception {
        stack.close();
    }

    @Test
    void finalsEqualAnIndependentComputationAndTheDataStreamJobsFinals() throws Exception {
        List<JobClient> jobs = runScript(stack.variables(), "eddy.", null);
        Map<String, ObjectNode> expected = withoutRevision(independent);

        Map<String, ObjectNode> sql = awaitFinals("eddy.", expected.keySet());
        Map<String, ObjectNode> dataStream = dataStreamFinals(expected.keySet());

        assertThat(expected.keySet()).filteredOn(id -> id.startsWith("edits-per-wiki|")).hasSize(6);
        assertThat(sql).isEqualTo(expected);
        assertThat(dataStream).isEqualTo(expected);
        cancel(jobs);
    }

    @Test
    void aJobStoppedWithASavepointMidStreamAndRestoredLosesNothingAndWritesNothingTwice()
            throws Exception {
        Map<String, ObjectNode> expected = withoutRevision(independent);
        try (ReplayServer slowReplay =
                ReplayServer.builder()
                        .recording(Recording.fromJsonLines(String.join("\n", replayed)))
                        .rate(100)
                        .holdOpenAtEnd(true)
                        .start()) {
            Map<String, String> variables = new HashMap<>(stack.variables());
            variables.put("EDDY_SOURCE_URL", slowReplay.url(SqlStack.REPLAY_PATH));
            JobClient first = runScript(variables, "restore.", null).get(0);
            await().atMost(TIMEOUT).until(() -> committed("restore.edits-per-wiki").size() >= 2);
            String savepoint =
                    first.stopWithSavepoint(
                                    false,
                                    dataDir.resolve("savepoints").toUri().toString(),
                                    SavepointFormatType.CANONICAL)
                            .get(2, TimeUnit.MINUTES);
            int beforeStop = committed("restore.edits-per-wiki").size();
            assertThat(beforeStop).isLessThan(6);

            List<JobClient> restored = runScript(variables, "restore.", savepoint);
            Map<String, ObjectNode> finals = awaitFinals("restore.", expected.keySet());

            assertThat(finals).isEqualTo(expected);
            for (String topic :
                    List.of("restore.edits-per-wiki", "restore.top-pages", "restore.activity")) {
                List<String> keys = committed(topic).stream().map(ConsumerRecord::key).toList();
                assertThat(keys).as("records of %s", topic).doesNotHaveDuplicates();
            }
            cancel(restored);
        }
    }

    /** Runs the shipped script, its Kafka topics renamed to start with {@code topicPrefix}. */
    private static List<JobClient> runScript(
            Map<String, String> variables, String topicPrefix, String savepoint) throws Exception {
        String script =
                Files.readString(SCRIPT, StandardCharsets.UTF_8)
                        .replace("'eddy.", "'" + topicPrefix)
                        .replace("'eddy-sql-", "'" + topicPrefix + "eddy-sql-");
        StreamTableEnvironment tables = stack.newTableEnvironment();
        SqlSession session =
                new SqlSession(tables, new PrintWriter(new StringWriter()), "http://ui");
        if (savepoint != null) {
            session.execute("SET 'execution.state-recovery.path' = '" + savepoint + "'");
        }
        for (String statement : SqlStatements.split(script, variables)) {
            session.execute(statement);
        }
        assertThat(session.jobs()).hasSize(1);
        return session.jobs();
    }

    /** The latest committed record per window, keyed like {@link IndependentAggregates#id}. */
    private static Map<String, ObjectNode> awaitFinals(String prefix, java.util.Set<String> ids) {
        Map<String, ObjectNode> finals = new TreeMap<>();
        await().atMost(TIMEOUT)
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> {
                            finals.clear();
                            for (String stream :
                                    List.of("edits-per-wiki", "top-pages", "activity")) {
                                for (ConsumerRecord<String, String> record :
                                        committed(prefix + stream)) {
                                    ObjectNode value = (ObjectNode) JSON.readTree(record.value());
                                    finals.put(
                                            IndependentAggregates.id(
                                                    stream,
                                                    value.get("key").asText(),
                                                    value.get("window_start").asText()),
                                            value);
                                }
                            }
                            return finals.keySet().containsAll(ids);
                        });
        return withoutRevision(finals);
    }

    /** The DataStream job over the same events, on the same MiniCluster. */
    private static Map<String, ObjectNode> dataStreamFinals(java.util.Set<String> ids)
            throws Exception {
        try (Feed feed = Feed.open();
                CollectingSinks sinks = new CollectingSinks()) {
            feed.sendAll(replayed).end();
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.createRemoteEnvironment(
                            stack.flinkUi().getHost(), stack.flinkUi().getPort());
            env.setParallelism(1);
            new WikimediaAggregatesJob(feed.source(), sinks, AggregateSettings.defaults())
                    .addTo(env);
            env.executeAsync("DataStream twin").getJobExecutionResult().get(3, TimeUnit.MINUTES);
            return withoutRevision(
                    AggregateRecords.latestFinal(sinks.aggregates()).entrySet().stream()
                            .filter(entry -> ids.contains(entry.getKey()))
                            .collect(
                                    Collectors.toMap(
                                            Map.Entry::getKey,
                                            Map.Entry::getValue,
                                            (a, b) -> b,
                                            TreeMap::new)));
        }
    }

    private static Map<String, ObjectNode> withoutRevision(Map<String, ObjectNode> records) {
        Map<String, ObjectNode> stripped = new TreeMap<>();
        records.forEach(
                (id, record) -> {
                    ObjectNode copy = record.deepCopy();
                    copy.remove("revision");
                    stripped.put(id, normalized(copy));
                });
        return stripped;
    }

    private static ObjectNode normalized(ObjectNode record) {
        try {
            return (ObjectNode) JSON.readTree(record.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ConsumerRecord<String, String>> committed(String topic) {
        return CommittedRecords.of(stack.variables().get("EDDY_KAFKA_BOOTSTRAP"), topic);
    }

    private static void cancel(List<JobClient> jobs) throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get(1, TimeUnit.MINUTES);
        }
    }
}
