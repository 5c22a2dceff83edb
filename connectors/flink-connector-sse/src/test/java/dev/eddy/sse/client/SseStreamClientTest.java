package dev.eddy.sse.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.eddy.sse.protocol.SseEvent;
import dev.eddy.sse.testing.SseTestServer;
import dev.eddy.sse.testing.TestEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The stream client against a real SSE server on loopback and its faults. */
class SseStreamClientTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final SseClientConfig FAST =
            SseClientConfig.builder()
                    .setBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
                    .setIdleTimeout(Duration.ofSeconds(20))
                    .build();

    private final List<AutoCloseable> resources = new ArrayList<>();
    private final RecordingObserver observer = new RecordingObserver();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void readsEveryEventInOrder() throws Exception {
        SseTestServer server = start(SseTestServer.builder().events(numbered(50)));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 50))).containsExactlyElementsOf(data(numbered(50)));
        assertThat(client.lastEventId()).isEqualTo("49");
    }

    @Test
    void aDroppedConnectionIsResumedAfterTheLastEventDelivered() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(10))
                                .dropEvery(3)
                                .holdOpenAtEnd(true));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 10))).containsExactlyElementsOf(data(numbered(10)));
        assertThat(server.lastEventIdsReceived()).containsExactly("2", "5", "8");
        assertThat(observer.disconnects).allMatch(reason -> reason.startsWith("read failed"));
    }

    @Test
    void aStalledConnectionIsDetectedAndResumed() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(10))
                                .stallAfter(4)
                                .holdOpenAtEnd(true));
        SseClientConfig config = FAST.toBuilder().setIdleTimeout(Duration.ofMillis(300)).build();
        SseStreamClient client = client(server, config, "");

        assertThat(data(read(client, 10))).containsExactlyElementsOf(data(numbered(10)));
        assertThat(server.lastEventIdsReceived()).containsExactly("3", "7");
        assertThat(observer.disconnects).first().asString().contains("stalled");
    }

    @Test
    void aServerThatAnswersButNeverSendsIsDetectedAsStalled() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(3))
                                .stallAfter(0)
                                .holdOpenAtEnd(true));
        SseClientConfig config = FAST.toBuilder().setIdleTimeout(Duration.ofMillis(200)).build();
        SseStreamClient client = client(server, config, "");
        Thread poller = new Thread(() -> pollQuietly(client));
        poller.setDaemon(true);
        poller.start();

        await().atMost(PATIENCE).until(() -> server.connectionsAccepted() >= 3);
        assertThat(observer.disconnects).allMatch(reason -> reason.contains("stalled"));
        client.close();
        poller.join(PATIENCE.toMillis());
        assertThat(poller.isAlive()).isFalse();
    }

    @Test
    void a503IsRetriedNoSoonerThanItsRetryAfter() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(5))
                                .respondWith(1, 503, "Retry-After", "1"));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 5))).containsExactlyElementsOf(data(numbered(5)));
        assertThat(server.connectionsAccepted()).isEqualTo(2);
        assertThat(observer.delays).first().isEqualTo(1000L);
    }

    @Test
    void a429IsRetriedWithBackoff() throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().events(numbered(5)).respondWith(2, 429));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 5))).containsExactlyElementsOf(data(numbered(5)));
        assertThat(server.connectionsAccepted()).isEqualTo(3);
        assertThat(observer.delays).hasSize(2).allMatch(delay -> delay <= 100);
    }

    @Test
    void a404FailsAtOnceNamingTheUrlAndTheStatus() throws Exception {
        SseTestServer server = start(SseTestServer.builder().respondWith(10, 404));
        SseStreamClient client = client(server, FAST, "");

        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, () -> read(client, 1)))
                .isInstanceOf(SseStreamException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(server.url("/stream"))
                .hasMessageContaining("not retrying");
        assertThat(server.connectionsAccepted()).isEqualTo(1);
    }

    @Test
    void anAnswerThatIsNoEventStreamFailsWithAHint() throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().respondWith(1, 200, "Content-Type", "text/html"));
        SseStreamClient client = client(server, FAST, "");

        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, () -> read(client, 1)))
                .isInstanceOf(SseStreamException.class)
                .hasMessageContaining("text/html")
                .hasMessageContaining("is this the stream URL?");
    }

    @Test
    void startsAfterTheGivenLastEventIdAndSendsTheConfiguredHeaders() throws Exception {
        SseTestServer server = start(SseTestServer.builder().events(numbered(6)));
        SseClientConfig config = FAST.toBuilder().setHeader("Authorization", "Bearer t").build();
        SseStreamClient client = client(server, config, "2");

        assertThat(data(read(client, 3)))
                .containsExactlyElementsOf(data(numbered(6).subList(3, 6)));
        SseTestServer.ReceivedRequest request = server.requests().get(0);
        assertThat(request.lastEventId()).isEqualTo("2");
        assertThat(request.headers())
                .containsEntry("authorization", "Bearer t")
                .containsEntry("user-agent", SseClientConfig.DEFAULT_USER_AGENT)
                .containsEntry("accept", "text/event-stream");
    }

    @Test
    void wakeUpReturnsABlockedPollWithoutLosingItsPlace() throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().events(numbered(2)).holdOpenAtEnd(true));
        SseStreamClient client = client(server, FAST, "");
        assertThat(data(read(client, 2))).containsExactlyElementsOf(data(numbered(2)));

        Thread waker =
                new Thread(
                        () -> {
                            await().atMost(PATIENCE).until(() -> client.isConnected());
                            client.wakeUp();
                        });
        waker.start();
        int delivered = assertTimeoutPreemptively(PATIENCE, () -> client.poll(event -> {}));

        assertThat(delivered).isZero();
        assertThat(client.lastEventId()).isEqualTo("1");
    }

    @Test
    void aNonAsciiLastEventIdIsSentVerbatimAsUtf8OnReconnect() throws Exception {
        List<SseTestServer.Event> events =
                List.of(
                        new SseTestServer.Event("ünïcødé-1", "message", "a"),
                        new SseTestServer.Event("日本-2", "message", "b"),
                        new SseTestServer.Event("€-3", "message", "c"));
        SseTestServer server =
                start(SseTestServer.builder().events(events).dropEvery(1).holdOpenAtEnd(true));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 3))).containsExactly("a", "b", "c");
        assertThat(server.lastEventIdsReceived()).startsWith("ünïcødé-1", "日本-2");
        assertThat(observer.droppedIds).isEmpty();
    }

    @Test
    void aRestoredNonAsciiLastEventIdIsSentOnTheFirstRequest() throws Exception {
        List<SseTestServer.Event> events =
                List.of(
                        new SseTestServer.Event("ünï-1", "message", "a"),
                        new SseTestServer.Event("ünï-2", "message", "b"));
        SseTestServer server = start(SseTestServer.builder().events(events));
        SseStreamClient client = client(server, FAST, "ünï-1");

        assertThat(data(read(client, 1))).containsExactly("b");
        assertThat(server.lastEventIdsReceived()).containsExactly("ünï-1");
    }

    @Test
    void aLastEventIdAboveTheSizeLimitIsDroppedCountedAndTheStreamReadWithoutIt() throws Exception {
        SseTestServer server = start(SseTestServer.builder().events(numbered(3)));
        SseClientConfig config = FAST.toBuilder().setMaxLastEventIdBytes(1024).build();
        SseStreamClient client = client(server, config, "x".repeat(1025));

        assertThat(data(read(client, 3))).containsExactlyElementsOf(data(numbered(3)));
        assertThat(server.requests()).first().satisfies(r -> assertThat(r.lastEventId()).isNull());
        assertThat(observer.droppedIds).singleElement().asString().contains("1025 bytes");
    }

    @Test
    void aServerThatRefusesTheLastEventIdWith431IsAskedAgainWithoutIt() throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().events(numbered(3)).respondWith(1, 431));
        SseStreamClient client = client(server, FAST, "1");

        assertThat(data(read(client, 3))).containsExactlyElementsOf(data(numbered(3)));
        assertThat(server.requests())
                .extracting(SseTestServer.ReceivedRequest::lastEventId)
                .containsExactly("1", null);
        assertThat(observer.droppedIds).singleElement().asString().contains("HTTP 431");
    }

    @Test
    void a414WithoutALastEventIdStillFails() throws Exception {
        SseTestServer server = start(SseTestServer.builder().respondWith(5, 414));
        SseStreamClient client = client(server, FAST, "");

        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, () -> read(client, 1)))
                .isInstanceOf(SseStreamException.class)
                .hasMessageContaining("HTTP 414");
    }

    @Test
    void aConsumerThatHandsEventsOnSlowlyIsNotTakenForAStall() throws Exception {
        SseTestServer server =
                start(SseTestServer.builder().events(numbered(5)).rate(50).holdOpenAtEnd(true));
        SseClientConfig config = FAST.toBuilder().setIdleTimeout(Duration.ofMillis(200)).build();
        SseStreamClient client = client(server, config, "");
        List<SseEvent> events = new ArrayList<>(read(client, 1));

        // Backpressure: the caller is busy elsewhere (e.g. blocked on a full hand-over queue) for
        // several idle timeouts while the server goes on sending.
        Thread.sleep(3 * config.idleTimeout().toMillis());
        events.addAll(read(client, 5 - events.size()));

        assertThat(data(events)).containsExactlyElementsOf(data(numbered(5)));
        assertThat(server.connectionsAccepted()).isEqualTo(1);
        assertThat(observer.disconnects).isEmpty();
    }

    @Test
    void closingAClientStopsTheWatchdogItCreated() throws Exception {
        SseTestServer server = start(SseTestServer.builder().events(numbered(1)));
        Set<Thread> before = watchdogThreads();
        SseStreamClient client =
                new SseStreamClient(server.url("/stream"), FAST, "", null, observer);
        read(client, 1);
        Set<Thread> created = watchdogThreads();
        created.removeAll(before);
        assertThat(created).hasSize(1);

        client.close();

        await().atMost(PATIENCE).until(() -> !created.iterator().next().isAlive());
    }

    private static Set<Thread> watchdogThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(thread -> thread.getName().startsWith(SseStallWatchdog.THREAD_NAME_PREFIX))
                .collect(Collectors.toSet());
    }

    @Test
    void anEndlessRetryFieldIsCappedSoTheStreamComesBack() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(4))
                                .retryMillis(86_400_000)
                                .dropEvery(2)
                                .holdOpenAtEnd(true));
        SseClientConfig config = FAST.toBuilder().setMaxServerDelay(Duration.ofMillis(50)).build();
        SseStreamClient client = client(server, config, "");

        assertThat(data(read(client, 4))).containsExactlyElementsOf(data(numbered(4)));
        assertThat(observer.delays).isNotEmpty().allMatch(delay -> delay <= 100);
    }

    @Test
    void anEndlessRetryAfterIsCapped() throws Exception {
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .events(numbered(2))
                                .respondWith(1, 503, "Retry-After", "86400"));
        SseClientConfig config = FAST.toBuilder().setMaxServerDelay(Duration.ofMillis(80)).build();
        SseStreamClient client = client(server, config, "");

        assertThat(data(read(client, 2))).containsExactlyElementsOf(data(numbered(2)));
        assertThat(observer.delays).containsExactly(80L);
    }

    @Test
    void aRedirectToAnotherOriginIsRefusedWhenCredentialHeadersAreSet() throws Exception {
        SseTestServer elsewhere = start(SseTestServer.builder().events(numbered(1)));
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .respondWith(1, 302, "Location", elsewhere.url("/stream")));
        SseClientConfig config = FAST.toBuilder().setHeader("X-Api-Key", "s3cret").build();
        SseStreamClient client = client(server, config, "");

        assertThatThrownBy(() -> assertTimeoutPreemptively(PATIENCE, () -> read(client, 1)))
                .isInstanceOf(SseStreamException.class)
                .hasMessageContaining("redirected to " + elsewhere.url("/stream"))
                .hasMessageContaining("another origin")
                .hasMessageNotContaining("s3cret");
        assertThat(elsewhere.connectionsAccepted()).isZero();
    }

    @Test
    void aRedirectToAnotherOriginIsFollowedWithoutCredentialHeaders() throws Exception {
        SseTestServer elsewhere = start(SseTestServer.builder().events(numbered(2)));
        SseTestServer server =
                start(
                        SseTestServer.builder()
                                .respondWith(1, 307, "Location", elsewhere.url("/stream")));
        SseStreamClient client = client(server, FAST, "");

        assertThat(data(read(client, 2))).containsExactlyElementsOf(data(numbered(2)));
    }

    @Test
    void aRedirectWithinTheOriginKeepsTheCredentialHeaders() throws Exception {
        SseTestServer server = start(SseTestServer.builder().events(numbered(2)));
        server.respondWith(1, 302, "Location", server.url("/moved"));
        SseClientConfig config = FAST.toBuilder().setHeader("X-Api-Key", "s3cret").build();
        SseStreamClient client = client(server, config, "");

        assertThat(data(read(client, 2))).containsExactlyElementsOf(data(numbered(2)));
        assertThat(server.requests())
                .extracting(SseTestServer.ReceivedRequest::path)
                .containsExactly("/stream", "/moved");
        assertThat(server.requests().get(1).headers()).containsEntry("x-api-key", "s3cret");
    }

    private SseTestServer start(SseTestServer.Builder builder) throws Exception {
        SseTestServer server = builder.start();
        resources.add(server);
        return server;
    }

    private SseStreamClient client(SseTestServer server, SseClientConfig config, String lastId) {
        SseStreamClient client =
                new SseStreamClient(server.url("/stream"), config, lastId, null, observer);
        resources.add(client);
        return client;
    }

    private static List<SseEvent> read(SseStreamClient client, int count) {
        List<SseEvent> events = new ArrayList<>();
        assertTimeoutPreemptively(
                PATIENCE,
                () -> {
                    while (events.size() < count) {
                        client.poll(events::add);
                    }
                });
        return events;
    }

    private static void pollQuietly(SseStreamClient client) {
        try {
            client.poll(event -> {});
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<SseTestServer.Event> numbered(int count) {
        return TestEvents.numbered(count);
    }

    private static List<String> data(List<?> events) {
        return events.stream()
                .map(
                        event ->
                                event instanceof SseEvent
                                        ? ((SseEvent) event).data()
                                        : ((SseTestServer.Event) event).data())
                .toList();
    }

    /** Keeps what the client reports about its connection. */
    private static final class RecordingObserver implements SseConnectionObserver {
        final List<String> disconnects = new CopyOnWriteArrayList<>();
        final List<Long> delays = new CopyOnWriteArrayList<>();
        final List<String> droppedIds = new CopyOnWriteArrayList<>();

        @Override
        public void onLastEventIdDropped(String reason) {
            droppedIds.add(reason);
        }

        @Override
        public void onDisconnected(String reason) {
            disconnects.add(reason);
        }

        @Override
        public void onReconnectScheduled(int attempt, long delayMillis) {
            delays.add(delayMillis);
        }
    }
}
