package dev.eddy.wikimedia;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eddy.sse.replay.synthetic.SyntheticRecentChanges;
import dev.eddy.wikimedia.model.WikiInput;
import dev.eddy.wikimedia.record.AggregateRecord;
import dev.eddy.wikimedia.record.DeadLetterRecord;
import dev.eddy.wikimedia.testing.AggregateRecords;
import dev.eddy.wikimedia.testing.CollectingSinks;
import dev.eddy.wikimedia.testing.Feed;
import dev.eddy.wikimedia.testing.IndependentAggregates;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job in a MiniCluster, fed through a single-split source, its output collected in memory. */
class WikimediaAggregatesJobITCase {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    /** The real recording the project ships (samples/README.md). */
    static final Path RECORDING = Path.of("../samples/recentchange-wikidata-2018-03-07a.jsonl");

    private final Feed feed = Feed.open();
    private final CollectingSinks sinks = new CollectingSinks();

    @AfterEach
    void close() {
        feed.close();
        sinks.close();
    }

    @Test
    void finalRecordsOverTheRealRecordingEqualAnIndependentComputation() throws Exception {
        List<String> recording = recording();
        feed.sendAll(recording).end();

        runToEnd(feed.source(), AggregateSettings.defaults(), 1);

        Map<String, ObjectNode> expected =
                IndependentAggregates.withDefaultWindows().compute(recording);
        assertThat(expected).hasSize(6 + 10 + 33);
        assertThat(latestFinalRecords()).isEqualTo(expected);
        assertThat(sinks.deadLetters()).isEmpty();
    }

    @Test
    void finalRecordsOverSyntheticMultiWikiEventsEqualAnIndependentComputationAtParallelismTwo()
            throws Exception {
        List<String> synthetic =
                SyntheticRecentChanges.generate(
                        7, 4000, Instant.parse("2025-08-29T06:00:00Z"), 100);
        feed.sendAll(synthetic).end();

        runToEnd(feed.source(), AggregateSettings.defaults(), 2);

        Map<String, ObjectNode> expected =
                IndependentAggregates.withDefaultWindows().compute(synthetic);
        assertThat(expected.keySet())
                .anyMatch(id -> id.startsWith("edits-per-wiki|enwiki|"))
                .anyMatch(id -> id.startsWith("top-pages|dewiki|"));
        assertThat(latestFinalRecords()).isEqualTo(expected);
    }

    @Test
    void canaryEventsAreNotCounted() throws Exception {
        List<String> synthetic =
                SyntheticRecentChanges.generate(3, 50, Instant.parse("2025-08-29T06:00:00Z"), 100);
        String canary =
                resource("events/canary.json")
                        .replace("2025-08-29T06:45:00.000Z", "2025-08-29T06:00:01.000Z");
        List<String> withCanary = new ArrayList<>(synthetic);
        withCanary.add(10, canary);
        feed.sendAll(withCanary).end();

        runToEnd(feed.source(), AggregateSettings.defaults(), 1);

        assertThat(latestFinalRecords())
                .isEqualTo(IndependentAggregates.withDefaultWindows().compute(synthetic));
        assertThat(sinks.deadLetters()).isEmpty();
    }

    @Test
    void badInputBecomesDeadLettersWithReasonsAndTheRestIsAggregatedCorrectly() throws Exception {
        List<String> good = recording().subList(0, 500);
        List<String> bad =
                List.of(
                        "{\"meta\": {\"id\": \"x\", \"dt\": ",
                        "{\"meta\":{\"id\":\"y\",\"dt\":\"2018-03-07T16:16:30+00:00\"},\"wiki\":\"wikidatawiki\",\"type\":\"edit\","
                                + "\"title\":\"Q1\",\"user\":\"U\",\"bot\":\"no\"}",
                        "{\"meta\":{\"id\":\"z\",\"dt\":\"2018-03-07T16:16:30+00:00\"},\"type\":\"edit\",\"title\":\"Q1\","
                                + "\"user\":\"U\",\"bot\":false}",
                        "[\"not\", \"an\", \"object\"]");
        List<String> mixed = new ArrayList<>(good);
        for (int i = 0; i < bad.size(); i++) {
            mixed.add(100 * (i + 1), bad.get(i));
        }
        feed.sendAll(mixed).end();

        runToEnd(feed.source(), AggregateSettings.defaults(), 1);

        assertThat(sinks.deadLetters())
                .extracting(DeadLetterRecord::getRaw)
                .containsExactlyElementsOf(bad);
        assertThat(sinks.deadLetters())
                .extracting(DeadLetterRecord::getReason)
                .satisfiesExactly(
                        reason -> assertThat(reason).startsWith("invalid JSON: "),
                        reason ->
                                assertThat(reason)
                                        .isEqualTo("field 'bot' must be a boolean, got a string"),
                        reason -> assertThat(reason).isEqualTo("missing field 'wiki'"),
                        reason -> assertThat(reason).isEqualTo("not a JSON object but an array"));
        assertThat(sinks.deadLetters())
                .allSatisfy(
                        deadLetter -> {
                            assertThat(deadLetter.getStreamUrl()).isNotEmpty();
                            assertThat(deadLetter.getLastEventId()).isNotEmpty();
                        });
        assertThat(latestFinalRecords())
                .isEqualTo(IndependentAggregates.withDefaultWindows().compute(good));
    }

    @Test
    void earlyUpdatesWithRisingRevisionsPrecedeTheFinalRecord() throws Exception {
        List<String> recording = recording();
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .updateInterval(Duration.ofMillis(200))
                        .build();
        JobClient job = start(feed.source(), settings, 1);
        String window = "edits-per-wiki|wikidatawiki|2018-03-07T16:16:00Z";

        feed.sendAll(recording.subList(0, 100));
        await().atMost(2, TimeUnit.MINUTES).until(() -> updatesOf(window).size() >= 1);
        feed.sendAll(recording.subList(100, 200));
        await().atMost(2, TimeUnit.MINUTES).until(() -> updatesOf(window).size() >= 2);
        feed.sendAll(recording.subList(200, recording.size())).end();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<AggregateRecord> updates = updatesOf(window);
        assertThat(updates)
                .extracting(AggregateRecord::getRevision)
                .containsExactlyElementsOf(numbersFromOne(updates.size()));
        assertThat(updates.subList(0, updates.size() - 1))
                .allSatisfy(
                        update -> {
                            assertThat(update.isFinalUpdate()).isFalse();
                            assertThat(json(update).get("final").asBoolean()).isFalse();
                        });
        assertThat(updates.get(updates.size() - 1).isFinalUpdate()).isTrue();
        assertThat(json(updates.get(0)).get("events").asLong())
                .isLessThan(json(updates.get(updates.size() - 1)).get("events").asLong());
    }

    @Test
    void parallelismTwoWithOneSplitClosesWindowsBecauseTheIdleReaderIsIgnored() throws Exception {
        List<String> recording = recording();
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder().idleness(Duration.ofMillis(500)).build();
        JobClient job = start(feed.sourceWithIdleReaders(), settings, 2);
        feed.sendAll(recording);
        String lastClosedMinute = "edits-per-wiki|wikidatawiki|2018-03-07T16:20:00Z";

        await().atMost(2, TimeUnit.MINUTES)
                .until(() -> latestFinalRecords().containsKey(lastClosedMinute));
        job.cancel().get(1, TimeUnit.MINUTES);

        assertThat(latestFinalRecords().get(lastClosedMinute))
                .isEqualTo(
                        IndependentAggregates.withDefaultWindows()
                                .compute(recording)
                                .get(lastClosedMinute));
    }

    @Test
    void lateEventsWithinTheAllowedLatenessUpdateTheWindowAgainAsFinal() throws Exception {
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .maxOutOfOrderness(Duration.ZERO)
                        .allowedLateness(Duration.ofMinutes(10))
                        .updateInterval(Duration.ofMillis(100))
                        .build();
        JobClient job = start(feed.source(), settings, 1);
        String window = "activity|all|2025-08-29T06:00:00Z";
        Random random = new Random(11);

        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:01Z").toEpochMilli()));
        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:30Z").toEpochMilli()));
        await().atMost(2, TimeUnit.MINUTES)
                .until(() -> updatesOf(window).stream().anyMatch(AggregateRecord::isFinalUpdate));
        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:02Z").toEpochMilli()));
        await().atMost(2, TimeUnit.MINUTES)
                .until(
                        () ->
                                updatesOf(window).size() >= 2
                                        && updatesOf(window)
                                                .get(updatesOf(window).size() - 1)
                                                .isFinalUpdate()
                                        && json(updatesOf(window).get(updatesOf(window).size() - 1))
                                                        .get("events")
                                                        .asLong()
                                                == 2);
        feed.end();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        List<AggregateRecord> finals =
                updatesOf(window).stream()
                        .filter(AggregateRecord::isFinalUpdate)
                        .collect(Collectors.toList());
        assertThat(finals)
                .extracting(record -> json(record).get("events").asLong())
                .containsExactly(1L, 2L);
        assertThat(finals.get(1).getRevision()).isGreaterThan(finals.get(0).getRevision());
    }

    @Test
    void eventsLaterThanTheAllowedLatenessLeaveTheWindowAlone() throws Exception {
        AggregateSettings settings =
                AggregateSettings.defaults().toBuilder()
                        .maxOutOfOrderness(Duration.ZERO)
                        .allowedLateness(Duration.ZERO)
                        .build();
        JobClient job = start(feed.source(), settings, 1);
        String window = "activity|all|2025-08-29T06:00:00Z";
        Random random = new Random(12);

        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:01Z").toEpochMilli()));
        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:30Z").toEpochMilli()));
        await().atMost(2, TimeUnit.MINUTES)
                .until(() -> updatesOf(window).stream().anyMatch(AggregateRecord::isFinalUpdate));
        feed.send(
                SyntheticRecentChanges.event(
                        random, Instant.parse("2025-08-29T06:00:02Z").toEpochMilli()));
        feed.end();
        job.getJobExecutionResult().get(2, TimeUnit.MINUTES);

        assertThat(updatesOf(window))
                .hasSize(1)
                .allSatisfy(
                        record -> {
                            assertThat(record.isFinalUpdate()).isTrue();
                            assertThat(json(record).get("events").asLong()).isEqualTo(1);
                        });
    }

    @Test
    void recordsHaveExactlyTheContractsFieldsInOrder() throws Exception {
        feed.sendAll(
                        SyntheticRecentChanges.generate(
                                5, 200, Instant.parse("2025-08-29T06:00:00Z"), 100))
                .end();

        runToEnd(feed.source(), AggregateSettings.defaults(), 1);

        Map<String, List<String>> fieldsByStream = new TreeMap<>();
        for (AggregateRecord record : sinks.aggregates()) {
            List<String> fields = new ArrayList<>();
            json(record).fieldNames().forEachRemaining(fields::add);
            fieldsByStream.put(record.getStream(), fields);
        }
        List<String> envelope =
                List.of("stream", "key", "window_start", "window_end", "final", "revision");
        assertThat(fieldsByStream.get("edits-per-wiki"))
                .containsExactly(
                        "stream",
                        "key",
                        "wiki",
                        "window_start",
                        "window_end",
                        "final",
                        "revision",
                        "events",
                        "edits",
                        "new_pages",
                        "log_events",
                        "categorize_events",
                        "bot_events",
                        "human_events",
                        "distinct_users",
                        "bytes_added",
                        "bytes_removed");
        assertThat(fieldsByStream.get("top-pages"))
                .containsExactly(
                        "stream",
                        "key",
                        "wiki",
                        "window_start",
                        "window_end",
                        "final",
                        "revision",
                        "pages");
        assertThat(fieldsByStream.get("activity"))
                .containsExactlyElementsOf(
                        concat(
                                envelope,
                                List.of("events", "by_type", "bot_share", "events_per_second")));
        AggregateRecord topPages =
                sinks.aggregates().stream()
                        .filter(record -> record.getStream().equals("top-pages"))
                        .findFirst()
                        .orElseThrow();
        List<String> pageFields = new ArrayList<>();
        json(topPages).get("pages").get(0).fieldNames().forEachRemaining(pageFields::add);
        assertThat(pageFields).containsExactly("title", "edits", "distinct_users");
        assertThat(sinks.aggregates())
                .allSatisfy(
                        record ->
                                assertThat(record.kafkaKey())
                                        .isEqualTo(
                                                record.getKey()
                                                        + "@"
                                                        + json(record)
                                                                .get("window_start")
                                                                .asText()));
    }

    private void runToEnd(
            Source<WikiInput, ?, ?> source, AggregateSettings settings, int parallelism)
            throws Exception {
        start(source, settings, parallelism).getJobExecutionResult().get(3, TimeUnit.MINUTES);
    }

    private JobClient start(
            Source<WikiInput, ?, ?> source, AggregateSettings settings, int parallelism)
            throws Exception {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(configuration);
        env.setParallelism(parallelism);
        new WikimediaAggregatesJob(source, sinks, settings).addTo(env);
        return env.executeAsync(WikimediaAggregatesJob.JOB_NAME);
    }

    private Map<String, ObjectNode> latestFinalRecords() {
        return AggregateRecords.latestFinal(sinks.aggregates());
    }

    private List<AggregateRecord> updatesOf(String windowId) {
        return AggregateRecords.updatesOf(sinks.aggregates(), windowId);
    }

    private static ObjectNode json(AggregateRecord record) {
        return AggregateRecords.json(record);
    }

    private static List<Integer> numbersFromOne(int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static List<String> recording() throws IOException {
        return Files.readAllLines(RECORDING).stream()
                .filter(line -> !line.isBlank())
                .collect(Collectors.toList());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in =
                WikimediaAggregatesJobITCase.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
