package dev.eddy.sse.source.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.source.SseSource;
import dev.eddy.sse.source.reader.deserializer.SseRecord;
import dev.eddy.sse.source.reader.deserializer.SseRecordDeserializer;
import dev.eddy.sse.source.split.SseRestoredSplitsEvent;
import dev.eddy.sse.source.split.SseSplitDescriptor;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.testing.SseTestServer;
import dev.eddy.sse.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.testutils.source.reader.TestingReaderContext;
import org.apache.flink.connector.testutils.source.reader.TestingReaderOutput;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.InternalSourceReaderMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseSourceReaderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final OperatorMetricGroup operatorMetrics =
            UnregisteredMetricGroups.createUnregisteredOperatorMetricGroup();
    private final TestingReaderContext context =
            new TestingReaderContext(
                    new Configuration(), InternalSourceReaderMetricGroup.wrap(operatorMetrics));
    private final TestingReaderOutput<SseRecord> output = new TestingReaderOutput<>();

    @AfterEach
    void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }

    @Test
    void emitsTheEventsOfItsSplitAndCheckpointsThePositionAfterTheLastOne() throws Exception {
        SseTestServer server = server(SseTestServer.builder().events(TestEvents.numbered(30)));
        SourceReader<SseRecord, SseStreamSplit> reader = reader(server.url("/s"));

        reader.addSplits(List.of(split("stream-0", server.url("/s"), "")));
        poll(reader, 30);

        assertThat(output.getEmittedRecords())
                .extracting(record -> record.data)
                .containsExactlyElementsOf(
                        TestEvents.numbered(30).stream().map(SseTestServer.Event::data).toList());
        assertThat(reader.snapshotState(1))
                .singleElement()
                .satisfies(split -> assertThat(split.lastEventId()).isEqualTo("29"));
    }

    @Test
    void feedsFlinksNumBytesInWithTheBytesReadFromTheStream() throws Exception {
        SseTestServer server = server(SseTestServer.builder().events(TestEvents.numbered(10)));
        SourceReader<SseRecord, SseStreamSplit> reader = reader(server.url("/s"));

        reader.addSplits(List.of(split("stream-0", server.url("/s"), "")));
        poll(reader, 10);

        assertThat(operatorMetrics.getIOMetricGroup().getNumBytesInCounter().getCount())
                .isGreaterThanOrEqualTo(10 * "id: 0\nevent: message\ndata: {\"n\":0}\n\n".length());
    }

    @Test
    void aRestoredSplitOfANamedStreamResumesAfterItsLastEventIdAtTheUrlTheJobNowGivesIt()
            throws Exception {
        SseTestServer server = server(SseTestServer.builder().events(TestEvents.numbered(10)));
        SourceReader<SseRecord, SseStreamSplit> reader = reader("rc=" + server.url("/now"));

        reader.addSplits(
                List.of(
                        new SseStreamSplit(
                                "stream-0",
                                "http://127.0.0.1:1/before",
                                "6",
                                null,
                                List.of(),
                                "rc")));
        poll(reader, 3);

        assertThat(output.getEmittedRecords())
                .extracting(record -> record.lastEventId)
                .containsExactly("7", "8", "9");
        assertThat(server.requests())
                .first()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/now"));
        assertThat(server.lastEventIdsReceived()).first().isEqualTo("6");
    }

    @Test
    void aRestoredSplitOfAStreamTheJobNoLongerNamesIsRetired() throws Exception {
        SseTestServer gone = server(SseTestServer.builder().events(TestEvents.numbered(3)));
        SourceReader<SseRecord, SseStreamSplit> reader = reader("http://127.0.0.1:1/other");

        reader.addSplits(List.of(split("stream-0", gone.url("/s"), "1")));

        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.snapshotState(1)).isEmpty();
        assertThat(gone.connectionsAccepted()).isZero();
    }

    @Test
    void onStartTheReaderTellsTheEnumeratorWhichStreamsItsRestoredSplitsRead() throws Exception {
        SseTestServer server = server(SseTestServer.builder().events(TestEvents.numbered(1)));
        SourceReader<SseRecord, SseStreamSplit> reader = unstartedReader("rc=" + server.url("/s"));

        reader.addSplits(
                List.of(
                        new SseStreamSplit(
                                "stream-4", "http://127.0.0.1:1/old", "", null, List.of(), "rc")));
        reader.start();

        assertThat(context.getSentEvents())
                .containsExactly(
                        new SseRestoredSplitsEvent(
                                List.of(
                                        new SseSplitDescriptor(
                                                "stream-4", "rc", server.url("/s")))));
    }

    @Test
    void aReaderWithoutASplitWaitsWithoutEndingOrAskingForSplits() throws Exception {
        SourceReader<SseRecord, SseStreamSplit> reader = reader("http://127.0.0.1:1/s");

        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.pollNext(output)).isEqualTo(InputStatus.NOTHING_AVAILABLE);
        assertThat(reader.isAvailable()).isNotDone();
        assertThat(context.getNumSplitRequests()).isZero();
    }

    @Test
    void closingTheReaderStopsItsStallWatchdogThread() throws Exception {
        Set<Thread> before = watchdogThreads();
        SseTestServer server = server(SseTestServer.builder().events(TestEvents.numbered(3)));
        SourceReader<SseRecord, SseStreamSplit> reader = reader(server.url("/s"));
        reader.addSplits(List.of(split("stream-0", server.url("/s"), "")));
        poll(reader, 3);
        Set<Thread> created = watchdogThreads();
        created.removeAll(before);
        assertThat(created).hasSize(1);

        resources.remove(reader);
        reader.close();

        await().atMost(PATIENCE).until(() -> !created.iterator().next().isAlive());
    }

    private static Set<Thread> watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith(SseStallWatchdog.THREAD_NAME_PREFIX))
                .collect(Collectors.toSet());
    }

    private SourceReader<SseRecord, SseStreamSplit> reader(String url) throws Exception {
        SourceReader<SseRecord, SseStreamSplit> reader = unstartedReader(url);
        reader.start();
        return reader;
    }

    private SourceReader<SseRecord, SseStreamSplit> unstartedReader(String url) throws Exception {
        SseSource<SseRecord> source =
                SseSource.<SseRecord>builder()
                        .setStreamUrls(url)
                        .setDeserializer(new SseRecordDeserializer())
                        .setBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                        .build();
        SourceReader<SseRecord, SseStreamSplit> reader = source.createReader(context);
        resources.add(reader);
        return reader;
    }

    private SseTestServer server(SseTestServer.Builder builder) throws Exception {
        SseTestServer server = builder.holdOpenAtEnd(true).start();
        resources.add(server);
        return server;
    }

    private void poll(SourceReader<SseRecord, SseStreamSplit> reader, int count) {
        assertTimeoutPreemptively(
                PATIENCE,
                () -> {
                    while (output.getEmittedRecords().size() < count) {
                        if (reader.pollNext(output) == InputStatus.NOTHING_AVAILABLE) {
                            reader.isAvailable().get();
                        }
                    }
                });
    }

    private static SseStreamSplit split(String id, String url, String lastEventId) {
        return new SseStreamSplit(id, url, lastEventId, null, List.of());
    }
}
