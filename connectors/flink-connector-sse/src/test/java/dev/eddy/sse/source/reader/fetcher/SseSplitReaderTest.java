package dev.eddy.sse.source.reader.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.sse.client.SseClientConfig;
import dev.eddy.sse.client.SseStallWatchdog;
import dev.eddy.sse.client.SseStreamException;
import dev.eddy.sse.source.metrics.SseReaderMetrics;
import dev.eddy.sse.source.reader.FetchedEvent;
import dev.eddy.sse.source.split.SseStreamSplit;
import dev.eddy.sse.testing.SseTestServer;
import dev.eddy.sse.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsRemoval;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SseSplitReaderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final SseStallWatchdog watchdog = new SseStallWatchdog();
    private final SseSplitReader reader =
            new SseSplitReader(
                    SseClientConfig.builder()
                            .setBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                            .build(),
                    new SseReaderMetrics(UnregisteredMetricsGroup.createSourceReaderMetricGroup()),
                    watchdog);
    private SseTestServer server;

    @AfterEach
    void close() throws Exception {
        reader.close();
        watchdog.close();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fetchesTheEventsOfItsSplitUnderTheSplitIdWithTheBytesRead() throws Exception {
        server =
                SseTestServer.builder().events(TestEvents.numbered(20)).holdOpenAtEnd(true).start();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("stream-3", ""))));

        List<FetchedEvent> fetched = fetch(20, "stream-3");

        assertThat(fetched)
                .extracting(event -> event.event().data())
                .containsExactlyElementsOf(
                        TestEvents.numbered(20).stream().map(SseTestServer.Event::data).toList());
        assertThat(fetched.get(19).lastEventId()).isEqualTo("19");
        long bytes = fetched.stream().mapToLong(FetchedEvent::bytesRead).sum();
        assertThat(bytes)
                .isGreaterThanOrEqualTo(20 * "id: 0\nevent: message\ndata: {\"n\":0}\n\n".length());
    }

    @Test
    void resumesAfterTheSplitsLastEventId() throws Exception {
        server = SseTestServer.builder().events(TestEvents.numbered(5)).start();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("stream-0", "2"))));

        assertThat(fetch(2, "stream-0"))
                .extracting(FetchedEvent::lastEventId)
                .containsExactly("3", "4");
        assertThat(server.lastEventIdsReceived()).first().isEqualTo("2");
    }

    @Test
    void aWakeUpEndsABlockedFetchWithNothing() throws Exception {
        server = SseTestServer.builder().events(List.of()).holdOpenAtEnd(true).start();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("stream-0", ""))));
        Thread waker =
                new Thread(
                        () -> {
                            org.awaitility.Awaitility.await()
                                    .atMost(PATIENCE)
                                    .until(() -> server.openStreams() == 1);
                            reader.wakeUp();
                        });
        waker.start();

        RecordsWithSplitIds<FetchedEvent> records =
                assertTimeoutPreemptively(PATIENCE, reader::fetch);

        assertThat(records.nextSplit()).isNull();
        waker.join();
    }

    @Test
    void aStreamThatIsNotThereFailsTheFetch() throws Exception {
        server = SseTestServer.builder().respondWith(5, 404).start();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("stream-0", ""))));

        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, reader::fetch))
                .isInstanceOf(SseStreamException.class)
                .hasMessageContaining("HTTP 404");
    }

    @Test
    void readsOneSplitOnlyAndNeverRemovesOne() throws Exception {
        server = SseTestServer.builder().events(List.of()).start();
        reader.handleSplitsChanges(new SplitsAddition<>(List.of(split("stream-0", ""))));

        assertThatThrownBy(
                        () ->
                                reader.handleSplitsChanges(
                                        new SplitsAddition<>(List.of(split("stream-1", "")))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(
                        () ->
                                reader.handleSplitsChanges(
                                        new SplitsRemoval<>(List.of(split("stream-0", "")))))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    private SseStreamSplit split(String id, String lastEventId) {
        return new SseStreamSplit(id, server.url("/stream"), lastEventId, null, List.of());
    }

    private List<FetchedEvent> fetch(int count, String expectedSplit) {
        List<FetchedEvent> fetched = new ArrayList<>();
        assertTimeoutPreemptively(
                PATIENCE,
                () -> {
                    while (fetched.size() < count) {
                        RecordsWithSplitIds<FetchedEvent> records = reader.fetch();
                        String split = records.nextSplit();
                        if (split == null) {
                            continue;
                        }
                        assertThat(split).isEqualTo(expectedSplit);
                        for (FetchedEvent event = records.nextRecordFromSplit();
                                event != null;
                                event = records.nextRecordFromSplit()) {
                            fetched.add(event);
                        }
                        assertThat(records.nextSplit()).isNull();
                    }
                });
        return fetched;
    }
}
