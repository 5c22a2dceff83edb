package dev.eddy.sse.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.source.metrics.SseSourceMetrics;
import dev.eddy.sse.source.reader.deserializer.SseRecord;
import dev.eddy.sse.source.reader.deserializer.SseRecordDeserializer;
import dev.eddy.sse.testing.SseTestServer;
import dev.eddy.sse.testing.TestEvents;
import dev.eddy.testing.CollectingSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.groups.OperatorIOMetricGroup;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.Collector;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SSE source in a MiniCluster against the connector's SSE test server on loopback, serving
 * recordings shaped like Wikimedia's recentchange (ids are JSON arrays sent back verbatim).
 */
class SseSourceITCase {

    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER =
            new MiniClusterExtension(
                    new MiniClusterResourceConfiguration.Builder()
                            .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                            .setNumberTaskManagers(1)
                            .setNumberSlotsPerTaskManager(2)
                            .build());

    private static final List<SseTestServer.Event> RECORDING = TestEvents.recentChanges(3_800);
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private final List<AutoCloseable> resources = new ArrayList<>();

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void jobRestoredFromASavepointResumesWithLastEventIdAndLosesNothing(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path savepoints) throws Exception {
        List<SseTestServer.Event> recording = RECORDING;
        SseTestServer server =
                start(SseTestServer.builder().events(recording).rate(500).holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID firstRun =
                cluster.submitJob(pipeline(server, sink, UnaryOperator.identity()))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= 500);
        String savepoint =
                cluster.stopWithSavepoint(
                                firstRun,
                                savepoints.toUri().toString(),
                                false,
                                SavepointFormatType.CANONICAL)
                        .get();
        List<SseRecord> beforeStop = sink.received();
        assertThat(beforeStop.size()).isLessThan(recording.size());

        StreamGraph resumed = pipeline(server, sink, UnaryOperator.identity());
        resumed.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        JobID secondRun = cluster.submitJob(resumed).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        cluster.cancelJob(secondRun).get();

        assertThat(dataOf(sink.received())).containsExactlyElementsOf(eventData(recording));
        assertThat(server.lastEventIdsReceived())
                .last()
                .isEqualTo(beforeStop.get(beforeStop.size() - 1).lastEventId);
    }

    @Test
    void aRestoredNamedStreamReadsTheUrlTheJobNowGivesItAfterItsLastEventId(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path savepoints) throws Exception {
        List<SseTestServer.Event> recording = RECORDING;
        SseTestServer before =
                start(SseTestServer.builder().events(recording).rate(500).holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID firstRun =
                cluster.submitJob(
                                pipeline(
                                        sink,
                                        UnaryOperator.identity(),
                                        "recentchange=" + before.url("/rc")))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= 300);
        String savepoint =
                cluster.stopWithSavepoint(
                                firstRun,
                                savepoints.toUri().toString(),
                                false,
                                SavepointFormatType.CANONICAL)
                        .get();
        List<SseRecord> beforeStop = sink.received();
        before.close();

        SseTestServer moved =
                start(
                        SseTestServer.builder()
                                .events(recording)
                                .unlimitedRate()
                                .holdOpenAtEnd(true));
        StreamGraph resumed =
                pipeline(sink, UnaryOperator.identity(), "recentchange=" + moved.url("/rc"));
        resumed.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        JobID secondRun = cluster.submitJob(resumed).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        cluster.cancelJob(secondRun).get();

        assertThat(moved.lastEventIdsReceived())
                .first()
                .isEqualTo(beforeStop.get(beforeStop.size() - 1).lastEventId);
        assertThat(dataOf(sink.received())).containsExactlyElementsOf(eventData(recording));
    }

    @Test
    void restoredWithAChangedStreamListAKeptStreamResumesARemovedOneIsRetiredAndANewOneIsRead(
            @InjectMiniCluster MiniCluster cluster, @TempDir Path savepoints) throws Exception {
        List<SseTestServer.Event> events = TestEvents.numbered(400);
        SseTestServer removed = start(SseTestServer.builder().events(events).holdOpenAtEnd(true));
        SseTestServer kept =
                start(SseTestServer.builder().events(events).rate(200).holdOpenAtEnd(true));
        SseTestServer added = start(SseTestServer.builder().events(events).holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();
        String keptUrl = kept.url("/kept");
        String addedUrl = added.url("/added");

        JobID firstRun =
                cluster.submitJob(
                                pipeline(
                                        sink,
                                        UnaryOperator.identity(),
                                        removed.url("/removed"),
                                        keptUrl))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> fromStream(sink.received(), keptUrl).size() >= 50);
        String savepoint =
                cluster.stopWithSavepoint(
                                firstRun,
                                savepoints.toUri().toString(),
                                false,
                                SavepointFormatType.CANONICAL)
                        .get();
        int keptBefore = fromStream(sink.received(), keptUrl).size();
        assertThat(keptBefore).isLessThan(events.size());
        int removedConnections = removed.connectionsAccepted();

        StreamGraph resumed = pipeline(sink, UnaryOperator.identity(), keptUrl, addedUrl);
        resumed.setSavepointRestoreSettings(SavepointRestoreSettings.forPath(savepoint));
        JobID secondRun = cluster.submitJob(resumed).get().getJobID();
        await().atMost(PATIENCE)
                .until(
                        () ->
                                fromStream(sink.received(), keptUrl).size() >= events.size()
                                        && fromStream(sink.received(), addedUrl).size()
                                                >= events.size());
        cluster.cancelJob(secondRun).get();

        assertThat(dataOf(fromStream(sink.received(), keptUrl)))
                .containsExactlyElementsOf(eventData(events));
        assertThat(dataOf(fromStream(sink.received(), addedUrl)))
                .containsExactlyElementsOf(eventData(events));
        assertThat(kept.lastEventIdsReceived()).containsExactly(Integer.toString(keptBefore - 1));
        assertThat(added.lastEventIdsReceived()).isEmpty();
        assertThat(removed.connectionsAccepted()).isEqualTo(removedConnections);
    }

    @Test
    void withReconnectAwareIdlenessAReconnectingStreamHoldsTheWatermarkAndNothingIsLate(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        long late =
                lateEventsOfAReconnectingStream(
                        cluster,
                        SseWatermarks.withReconnectAwareIdleness(
                                eventTime(), Duration.ofMillis(300), Duration.ofMinutes(1)));

        assertThat(late).isZero();
    }

    @Test
    void withFlinksPlainIdlenessTheSameBacklogArrivesLate(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        long late =
                lateEventsOfAReconnectingStream(
                        cluster, eventTime().withIdleness(Duration.ofMillis(300)));

        assertThat(late).isPositive();
    }

    /**
     * Stream A (events 10 ms of event time apart) is cut off after 100 events and asks for 2 s
     * before a reconnect; stream B meanwhile runs far ahead in event time. Counts A's events that
     * arrive behind the watermark.
     */
    private long lateEventsOfAReconnectingStream(
            MiniCluster cluster, WatermarkStrategy<SseRecord> watermarks) throws Exception {
        SseTestServer a =
                start(
                        SseTestServer.builder()
                                .events(timedEvents(200))
                                .dropEvery(100)
                                .retryMillis(2_000)
                                .holdOpenAtEnd(true));
        SseTestServer b =
                start(
                        SseTestServer.builder()
                                .events(timedEvents(2_000))
                                .rate(500)
                                .holdOpenAtEnd(true));
        String aUrl = a.url("/a");
        CollectingSink<String> sink = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().setAutoWatermarkInterval(50);
        env.fromSource(
                        SseSource.<SseRecord>builder()
                                .setStreamUrls(aUrl, b.url("/b"))
                                .setDeserializer(new SseRecordDeserializer())
                                .setBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                                .build(),
                        watermarks,
                        "two streams")
                .process(
                        new ProcessFunction<SseRecord, String>() {
                            @Override
                            public void processElement(
                                    SseRecord record, Context context, Collector<String> out) {
                                boolean late =
                                        context.timestamp()
                                                < context.timerService().currentWatermark();
                                out.collect(
                                        (record.streamUrl.equals(aUrl) ? "a " : "b ")
                                                + (late ? "late" : "on time"));
                            }
                        })
                .sinkTo(sink);

        JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
        await().atMost(PATIENCE)
                .until(
                        () ->
                                sink.received().stream().filter(r -> r.startsWith("a ")).count()
                                        >= 200);
        cluster.cancelJob(job).get();
        return sink.received().stream().filter("a late"::equals).count();
    }

    private static WatermarkStrategy<SseRecord> eventTime() {
        return WatermarkStrategy.<SseRecord>forMonotonousTimestamps()
                .withTimestampAssigner(
                        (record, previous) ->
                                Long.parseLong(
                                        record.data.substring(
                                                record.data.indexOf("\"t\":") + 4,
                                                record.data.length() - 1)));
    }

    /** Events 10 ms of event time apart: data {@code {"n":i,"t":10*i}}. */
    private static List<SseTestServer.Event> timedEvents(int count) {
        List<SseTestServer.Event> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(
                    new SseTestServer.Event(
                            Integer.toString(i),
                            "message",
                            "{\"n\":" + i + ",\"t\":" + (10L * i) + "}"));
        }
        return events;
    }

    private static List<SseRecord> fromStream(List<SseRecord> records, String url) {
        return records.stream().filter(record -> record.streamUrl.equals(url)).toList();
    }

    @Test
    void connectionsDroppedEveryFewHundredEventsLoseNothing(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> recording = RECORDING;
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(recording)
                                .unlimitedRate()
                                .dropEvery(500)
                                .holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job = cluster.submitJob(pipeline(server, sink, fastReconnects())).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        cluster.cancelJob(job).get();

        assertThat(dataOf(sink.received())).containsExactlyElementsOf(eventData(recording));
        assertThat(server.connectionsAccepted()).isGreaterThanOrEqualTo(recording.size() / 500 + 1);
    }

    @Test
    void aStalledStreamIsDetectedAndResumed(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> recording = RECORDING;
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(recording)
                                .unlimitedRate()
                                .stallAfter(1500)
                                .holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job =
                cluster.submitJob(
                                pipeline(
                                        server,
                                        sink,
                                        builder ->
                                                fastReconnects()
                                                        .apply(builder)
                                                        .setIdleTimeout(Duration.ofMillis(700))))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        cluster.cancelJob(job).get();

        assertThat(dataOf(sink.received())).containsExactlyElementsOf(eventData(recording));
        assertThat(server.connectionsAccepted()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void severalStreamsAreReadAsOneSplitEachAtParallelismTwo(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> first = TestEvents.numbered(300);
        List<SseTestServer.Event> second = TestEvents.numbered(200);
        SseTestServer firstServer =
                start(SseTestServer.builder().events(first).unlimitedRate().holdOpenAtEnd(true));
        SseTestServer secondServer =
                start(SseTestServer.builder().events(second).unlimitedRate().holdOpenAtEnd(true));
        String firstUrl = firstServer.url("/first");
        String secondUrl = secondServer.url("/second");
        CollectingSink<SseRecord> sink = new CollectingSink<>();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.fromSource(
                        SseSource.<SseRecord>builder()
                                .setStreamUrls(firstUrl, secondUrl)
                                .setDeserializer(new SseRecordDeserializer())
                                .build(),
                        WatermarkStrategy.noWatermarks(),
                        "two streams")
                .sinkTo(sink);

        JobID job = cluster.submitJob(env.getStreamGraph()).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= first.size() + second.size());
        cluster.cancelJob(job).get();

        List<SseRecord> received = sink.received();
        assertThat(
                        dataOf(
                                received.stream()
                                        .filter(record -> record.streamUrl.equals(firstUrl))
                                        .toList()))
                .containsExactlyElementsOf(eventData(first));
        assertThat(
                        dataOf(
                                received.stream()
                                        .filter(record -> record.streamUrl.equals(secondUrl))
                                        .toList()))
                .containsExactlyElementsOf(eventData(second));
    }

    @Test
    void retryableAnswersAreRetriedHonouringRetryAfter(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> recording = TestEvents.numbered(50);
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(recording)
                                .unlimitedRate()
                                .holdOpenAtEnd(true)
                                .respondWith(1, 503, "Retry-After", "1")
                                .respondWith(1, 429));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job = cluster.submitJob(pipeline(server, sink, fastReconnects())).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        cluster.cancelJob(job).get();

        assertThat(dataOf(sink.received())).containsExactlyElementsOf(eventData(recording));
        assertThat(server.connectionsAccepted()).isEqualTo(3);
    }

    @Test
    void aMissingStreamFailsTheJobNamingTheUrlAndStatus(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(TestEvents.numbered(1))
                                .respondWith(1000, 404));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job =
                cluster.submitJob(pipeline(server, sink, UnaryOperator.identity()))
                        .get()
                        .getJobID();
        JobResult result = cluster.requestJobResult(job).get();

        assertThat(result.getSerializedThrowable()).isPresent();
        Throwable failure =
                result.getSerializedThrowable().get().deserializeError(getClass().getClassLoader());
        assertThat(ExceptionUtils.stringifyException(failure))
                .contains("HTTP 404")
                .contains(server.url("/v2/stream/recentchange"));
    }

    @Test
    void oversizedEventsBecomeDeadLettersAndTheRestArrives(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> events = new ArrayList<>(TestEvents.numbered(20));
        events.set(
                7,
                new SseTestServer.Event(
                        "7", "message", "{\"huge\":\"" + "x".repeat(50_000) + "\"}"));
        SseTestServer server =
                start(SseTestServer.builder().events(events).unlimitedRate().holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job =
                cluster.submitJob(
                                pipeline(
                                        server,
                                        sink,
                                        builder ->
                                                builder.setMaxEventBytes(10_000)
                                                        .setDeadLetterMapper(
                                                                dead ->
                                                                        new SseRecord(
                                                                                dead.streamUrl(),
                                                                                dead.lastEventId(),
                                                                                "dead-letter",
                                                                                dead.reason()))))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= events.size());
        cluster.cancelJob(job).get();

        List<SseRecord> received = sink.received();
        assertThat(received.get(7).type).isEqualTo("dead-letter");
        assertThat(received.get(7).lastEventId).isEqualTo("7");
        assertThat(received.get(7).data).startsWith("oversized");
        List<String> good = new ArrayList<>(eventData(events));
        good.remove(7);
        received.remove(7);
        assertThat(dataOf(received)).containsExactlyElementsOf(good);
    }

    @Test
    void repeatedEventKeysAreDroppedWithinTheHorizon(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        List<SseTestServer.Event> events = new ArrayList<>(TestEvents.numbered(10));
        events.add(5, new SseTestServer.Event("3b", "message", events.get(3).data()));
        SseTestServer server =
                start(SseTestServer.builder().events(events).unlimitedRate().holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job =
                cluster.submitJob(
                                pipeline(
                                        server,
                                        sink,
                                        builder ->
                                                builder.setEventKeyExtractor(
                                                        record -> record.data, 100)))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= 10);
        cluster.cancelJob(job).get();

        assertThat(dataOf(sink.received()))
                .containsExactlyElementsOf(eventData(TestEvents.numbered(10)));
    }

    @Test
    void metricsAreReportedUnderThePublishedNamesAndFeedNumBytesIn(
            @InjectMiniCluster MiniCluster cluster) throws Exception {
        List<SseTestServer.Event> recording = TestEvents.numbered(100);
        SseTestServer server =
                start(SseTestServer.builder().events(recording).dropEvery(60).holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();

        JobID job = cluster.submitJob(pipeline(server, sink, fastReconnects())).get().getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= recording.size());
        await().atMost(PATIENCE)
                .untilAsserted(
                        () -> {
                            assertThat(streamCounter(job, SseSourceMetrics.EVENTS))
                                    .isEqualTo(recording.size());
                            assertThat(streamCounter(job, SseSourceMetrics.RECONNECTS))
                                    .isEqualTo(1);
                            assertThat(sourceIo(job).getNumBytesInCounter().getCount())
                                    .isEqualTo(streamCounter(job, SseSourceMetrics.BYTES))
                                    .isPositive();
                            assertThat(sourceIo(job).getNumRecordsInCounter().getCount())
                                    .isEqualTo(recording.size());
                        });
        assertThat(REPORTER.findMetrics(job, "stream-0\\." + SseSourceMetrics.CONNECTED + "$"))
                .hasSize(1);
        assertThat(
                        REPORTER.findMetrics(
                                job, "stream-0\\." + SseSourceMetrics.LAST_EVENT_AGE_MS + "$"))
                .hasSize(1);
        cluster.cancelJob(job).get();
    }

    @Test
    void noStallWatchdogThreadOutlivesTheJob(@InjectMiniCluster MiniCluster cluster)
            throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().events(TestEvents.numbered(10)).holdOpenAtEnd(true));
        CollectingSink<SseRecord> sink = new CollectingSink<>();
        JobID job =
                cluster.submitJob(pipeline(server, sink, UnaryOperator.identity()))
                        .get()
                        .getJobID();
        await().atMost(PATIENCE).until(() -> sink.count() >= 10);
        assertThat(watchdogThreads()).isPositive();

        cluster.cancelJob(job).get();
        cluster.requestJobResult(job).get();

        await().atMost(PATIENCE).until(() -> watchdogThreads() == 0);
    }

    private static long watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith(SseStallWatchdog.THREAD_NAME_PREFIX))
                .count();
    }

    private static long streamCounter(JobID job, String name) {
        Map<String, Metric> metrics =
                REPORTER.findMetrics(
                        job,
                        Pattern.quote("." + SseSourceMetrics.STREAM_GROUP + ".stream-0." + name)
                                + "$");
        assertThat(metrics).as("metric %s", name).hasSize(1);
        return ((Counter) metrics.values().iterator().next()).getCount();
    }

    private static OperatorIOMetricGroup sourceIo(JobID job) {
        List<OperatorMetricGroup> groups = REPORTER.findOperatorMetricGroups(job, "recentchange");
        assertThat(groups).hasSize(1);
        return groups.get(0).getIOMetricGroup();
    }

    private static UnaryOperator<SseSourceBuilder<SseRecord>> fastReconnects() {
        return builder -> builder.setBackoff(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    private StreamGraph pipeline(
            SseTestServer server,
            CollectingSink<SseRecord> sink,
            UnaryOperator<SseSourceBuilder<SseRecord>> customize) {
        return pipeline(sink, customize, server.url("/v2/stream/recentchange"));
    }

    private StreamGraph pipeline(
            CollectingSink<SseRecord> sink,
            UnaryOperator<SseSourceBuilder<SseRecord>> customize,
            String... streams) {
        SseSourceBuilder<SseRecord> builder =
                SseSource.<SseRecord>builder()
                        .setStreamUrls(streams)
                        .setStartPosition(SseStartPosition.latest())
                        .setDeserializer(new SseRecordDeserializer());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.fromSource(
                        customize.apply(builder).build(),
                        WatermarkStrategy.noWatermarks(),
                        "recentchange")
                .uid("sse-source")
                .sinkTo(sink)
                .uid("collect");
        return env.getStreamGraph();
    }

    private SseTestServer start(SseTestServer.Builder builder) throws Exception {
        SseTestServer server = builder.start();
        resources.add(server);
        return server;
    }

    private static List<String> eventData(List<SseTestServer.Event> events) {
        return events.stream().map(SseTestServer.Event::data).toList();
    }

    private static List<String> dataOf(List<SseRecord> records) {
        return records.stream().map(record -> record.data).toList();
    }
}
