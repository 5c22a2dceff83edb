package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SseEndpointServerITCase {

    private static final String TOKEN = "publish-secret";
    private static final String READ_TOKEN = "reader-secret";
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final OkHttpClient http = new OkHttpClient();
    private final List<TestSseSubscriber> subscribers = new ArrayList<>();
    private SseEndpointServer server;

    @AfterEach
    void stop() throws Exception {
        subscribers.forEach(TestSseSubscriber::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void manySubscribersReceiveAllRecordsInOrder() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        for (int i = 0; i < 8; i++) {
            subscribe("/streams/counts");
        }
        awaitSubscribers("counts", 8);

        for (int batch = 0; batch < 10; batch++) {
            try (Response response = publish("counts", records(batch * 50, 50))) {
                assertThat(response.code()).isEqualTo(202);
            }
        }

        for (TestSseSubscriber subscriber : subscribers) {
            await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 500);
            assertThat(subscriber.events())
                    .extracting(event -> event.data)
                    .containsExactlyElementsOf(expectedData(0, 500));
            assertThat(subscriber.ids()).isSorted().doesNotHaveDuplicates();
            assertThat(subscriber.events())
                    .allSatisfy(event -> assertThat(event.type).isEqualTo("counts"));
        }
    }

    @Test
    void resumingWithTheIdOfRecordKDeliversExactlyTheRecordsAfterIt() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        TestSseSubscriber first = subscribe("/streams/counts");
        awaitSubscribers("counts", 1);
        publish("counts", records(0, 100)).close();
        await().atMost(TIMEOUT).until(() -> first.events().size() == 100);
        long idOfRecord40 = first.events().get(39).numericId();

        TestSseSubscriber resumed =
                subscribe("/streams/counts", Map.of("Last-Event-ID", Long.toString(idOfRecord40)));

        await().atMost(TIMEOUT).until(() -> resumed.events().size() == 60);
        assertThat(resumed.events())
                .extracting(event -> event.data)
                .containsExactlyElementsOf(expectedData(40, 60));
        assertThat(resumed.ids()).containsExactlyElementsOf(first.ids().subList(40, 100));
    }

    @Test
    void resumingWithTheQueryParameterWorksLikeTheHeader() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        publish("counts", records(0, 10)).close();
        TestSseSubscriber all = subscribe("/streams/counts?last-event-id=0");
        await().atMost(TIMEOUT).until(() -> all.events().size() == 10);

        TestSseSubscriber resumed = subscribe("/streams/counts?last-event-id=" + all.ids().get(6));

        await().atMost(TIMEOUT).until(() -> resumed.events().size() == 3);
        assertThat(resumed.ids()).containsExactlyElementsOf(all.ids().subList(7, 10));
    }

    @Test
    void liveRecordsFollowTheReplayWithoutGapOrRepeat() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        publish("counts", records(0, 5)).close();
        TestSseSubscriber resumed = subscribe("/streams/counts?last-event-id=0");
        awaitSubscribers("counts", 1);

        publish("counts", records(5, 5)).close();

        await().atMost(TIMEOUT).until(() -> resumed.events().size() == 10);
        assertThat(resumed.events())
                .extracting(event -> event.data)
                .containsExactlyElementsOf(expectedData(0, 10));
    }

    @Test
    void resumingFromBeforeTheHistoryGetsWhatIsLeftAndAFlag() throws Exception {
        start(SseEndpointServer.builder().streams("counts").historySize(10));
        TestSseSubscriber first = subscribe("/streams/counts");
        awaitSubscribers("counts", 1);
        publish("counts", records(0, 30)).close();
        await().atMost(TIMEOUT).until(() -> first.events().size() == 30);

        TestSseSubscriber resumed =
                subscribe("/streams/counts?last-event-id=" + first.ids().get(4));

        await().atMost(TIMEOUT).until(() -> resumed.events().size() == 10);
        assertThat(resumed.ids()).containsExactlyElementsOf(first.ids().subList(20, 30));
        assertThat(resumed.comments()).anyMatch(comment -> comment.contains("no longer available"));
    }

    @Test
    void aSubscriberThatNeverReadsIsDisconnectedAndDoesNotDelayTheOthers() throws Exception {
        start(SseEndpointServer.builder().streams("big").maxQueuedPerSubscriber(64));
        TestSseSubscriber reader1 = subscribe("/streams/big");
        TestSseSubscriber reader2 = subscribe("/streams/big");
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream request = stalled.getOutputStream();
            request.write(
                    ("GET /streams/big HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            awaitSubscribers("big", 3);

            String padding = "x".repeat(16 * 1024);
            for (int batch = 0; batch < 40; batch++) {
                int published = batch * 25;
                await().atMost(TIMEOUT)
                        .until(
                                () ->
                                        reader1.events().size() == published
                                                && reader2.events().size() == published);
                List<String> records = new ArrayList<>();
                for (int i = 0; i < 25; i++) {
                    records.add("{\"n\":" + (batch * 25 + i) + ",\"padding\":\"" + padding + "\"}");
                }
                try (Response response = publish("big", "[" + String.join(",", records) + "]")) {
                    assertThat(response.code()).isEqualTo(202);
                }
            }

            await().atMost(TIMEOUT)
                    .until(
                            () ->
                                    reader1.events().size() == 1000
                                            && reader2.events().size() == 1000);
            await().atMost(TIMEOUT)
                    .until(() -> metrics().contains("eddy_endpoint_slow_subscriber_drops_total 1"));
            awaitSubscribers("big", 2);
            assertThat(stalledStreamEnds(stalled.getInputStream())).isTrue();
        }
    }

    @Test
    void aReplayedHistoryDoesNotRaiseTheQueueBoundForGood() throws Exception {
        start(SseEndpointServer.builder().streams("big").maxQueuedPerSubscriber(64));
        for (int batch = 0; batch < 30; batch++) {
            publish("big", records(batch * 100, 100)).close();
        }
        try (Socket stalled = new Socket()) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", server.port()));
            OutputStream request = stalled.getOutputStream();
            request.write(
                    ("GET /streams/big?last-event-id=0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            request.flush();
            readUntil(stalled.getInputStream(), "{\"n\":2999}");

            String padding = "x".repeat(16 * 1024);
            for (int batch = 0; batch < 30; batch++) {
                List<String> records = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    records.add("{\"padding\":\"" + padding + "\"}");
                }
                publish("big", "[" + String.join(",", records) + "]").close();
            }

            await().atMost(TIMEOUT)
                    .until(() -> metrics().contains("eddy_endpoint_slow_subscriber_drops_total 1"));
        }
    }

    @Test
    void subscriptionsBeyondTheTotalLimitAreRefused() throws Exception {
        start(SseEndpointServer.builder().streams("counts").maxConnections(2));
        subscribe("/streams/counts");
        subscribe("/streams/counts");
        awaitSubscribers("counts", 2);

        TestSseSubscriber third = subscribe("/streams/counts");

        await().atMost(TIMEOUT).until(() -> third.status() == 503);
        assertThat(third.errorBody()).contains("connection limit", "2");
    }

    @Test
    void metricsNeedTheReadTokenWhenThereIsOne() throws Exception {
        start(SseEndpointServer.builder().readToken(READ_TOKEN));

        try (Response anonymous =
                http.newCall(new Request.Builder().url(server.uri() + "/metrics").build())
                        .execute()) {
            assertThat(anonymous.code()).isEqualTo(401);
        }
        assertThat(metrics()).contains("eddy_endpoint_unauthorized_requests_total 1.0");
    }

    @Test
    void publishWithoutATokenIsUnauthorized() throws Exception {
        start(SseEndpointServer.builder());
        try (Response response = post("/streams/counts", "{\"n\":1}", null)) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).contains("Authorization: Bearer");
        }
    }

    @Test
    void publishWithAWrongTokenIsUnauthorizedAndNothingIsPublished() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        try (Response response = post("/streams/counts", "{\"n\":1}", "not-the-token")) {
            assertThat(response.code()).isEqualTo(401);
            assertThat(response.body().string()).doesNotContain(TOKEN);
        }
        assertThat(metrics()).contains("eddy_endpoint_records_in_total{stream=\"counts\"} 0");
    }

    @Test
    void publishWithTheTokenIsAccepted() throws Exception {
        start(SseEndpointServer.builder());
        try (Response response = publish("counts", records(0, 3))) {
            assertThat(response.code()).isEqualTo(202);
            assertThat(response.body().string()).contains("\"accepted\":3");
        }
    }

    @Test
    void subscribingWithoutTheReadTokenIsUnauthorized() throws Exception {
        start(SseEndpointServer.builder().streams("counts").readToken(READ_TOKEN));
        TestSseSubscriber anonymous = subscribe("/streams/counts");
        TestSseSubscriber wrong = subscribe("/streams/counts?token=guess");

        await().atMost(TIMEOUT).until(() -> anonymous.status() == 401 && wrong.status() == 401);
        assertThat(anonymous.errorBody()).contains("read token");
    }

    @Test
    void subscribingWithTheReadTokenInTheQueryOrHeaderIsAllowed() throws Exception {
        start(SseEndpointServer.builder().streams("counts").readToken(READ_TOKEN));
        TestSseSubscriber byQuery = subscribe("/streams/counts?token=" + READ_TOKEN);
        TestSseSubscriber byHeader =
                subscribe("/streams/counts", Map.of("Authorization", "Bearer " + READ_TOKEN));
        awaitSubscribers("counts", 2);

        publish("counts", records(0, 2)).close();

        await().atMost(TIMEOUT)
                .until(() -> byQuery.events().size() == 2 && byHeader.events().size() == 2);
    }

    @Test
    void idleSubscribersGetHeartbeatsAndARetryHint() throws Exception {
        start(
                SseEndpointServer.builder()
                        .streams("quiet")
                        .heartbeatInterval(Duration.ofMillis(100)));
        TestSseSubscriber subscriber = subscribe("/streams/quiet");

        await().atMost(TIMEOUT)
                .until(
                        () ->
                                subscriber.comments().stream().filter("heartbeat"::equals).count()
                                        >= 3);
        assertThat(subscriber.retries()).containsExactly("3000");
        assertThat(subscriber.contentType()).startsWith("text/event-stream");
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        start(SseEndpointServer.builder());
        Request preflight =
                new Request.Builder()
                        .url(server.uri() + "/streams/counts")
                        .method("OPTIONS", null)
                        .header("Origin", "http://example.org")
                        .header("Access-Control-Request-Method", "POST")
                        .header("Access-Control-Request-Headers", "authorization, content-type")
                        .build();
        try (Response response = http.newCall(preflight).execute()) {
            assertThat(response.code()).isEqualTo(204);
            assertThat(response.header("Access-Control-Allow-Origin"))
                    .isEqualTo("http://example.org");
            assertThat(response.header("Access-Control-Allow-Methods")).contains("GET", "POST");
            assertThat(response.header("Access-Control-Allow-Headers"))
                    .contains("Authorization", "Last-Event-ID");
        }
    }

    @Test
    void streamResponsesCarryCorsHeaders() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        Request request =
                new Request.Builder()
                        .url(server.uri() + "/streams")
                        .header("Origin", "http://x")
                        .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.header("Access-Control-Allow-Origin")).isEqualTo("http://x");
        }
    }

    @Test
    void malformedJsonIsABadRequest() throws Exception {
        start(SseEndpointServer.builder());
        try (Response response = publish("counts", "{\"n\":")) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("malformed JSON");
        }
    }

    @Test
    void recordsThatAreNotObjectsAreABadRequest() throws Exception {
        start(SseEndpointServer.builder());
        try (Response response = publish("counts", "[{\"n\":1}, 2]")) {
            assertThat(response.code()).isEqualTo(400);
            assertThat(response.body().string()).contains("JSON object");
        }
    }

    @Test
    void anOversizedBodyIsRejected() throws Exception {
        start(SseEndpointServer.builder().maxRequestBytes(1024));
        try (Response response = publish("counts", "{\"padding\":\"" + "x".repeat(2048) + "\"}")) {
            assertThat(response.code()).isEqualTo(413);
        }
    }

    @Test
    void anOversizedChunkedBodyIsRejected() throws Exception {
        start(SseEndpointServer.builder().maxRequestBytes(1024));
        RequestBody chunked =
                new RequestBody() {
                    @Override
                    public MediaType contentType() {
                        return JSON;
                    }

                    @Override
                    public void writeTo(BufferedSink sink) throws IOException {
                        sink.writeUtf8("{\"padding\":\"" + "x".repeat(4096) + "\"}");
                    }
                };
        Request request =
                new Request.Builder()
                        .url(server.uri() + "/streams/counts")
                        .header("Authorization", "Bearer " + TOKEN)
                        .post(chunked)
                        .build();
        try (Response response = http.newCall(request).execute()) {
            assertThat(response.code()).isEqualTo(413);
        }
    }

    @Test
    void aBadLastEventIdIsIgnoredWithACommentAndLiveRecordsFlow() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        publish("counts", records(0, 3)).close();
        TestSseSubscriber subscriber =
                subscribe("/streams/counts", Map.of("Last-Event-ID", "[{\"topic\":\"x\"}]"));
        awaitSubscribers("counts", 1);

        publish("counts", records(3, 2)).close();

        await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 2);
        assertThat(subscriber.status()).isEqualTo(200);
        assertThat(subscriber.events())
                .extracting(event -> event.data)
                .containsExactlyElementsOf(expectedData(3, 2));
        assertThat(subscriber.comments())
                .anyMatch(comment -> comment.contains("ignored Last-Event-ID"));
    }

    @Test
    void anUnknownStreamIsNotFoundWithAJsonError() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        TestSseSubscriber subscriber = subscribe("/streams/nope");

        await().atMost(TIMEOUT).until(() -> subscriber.status() == 404);
        assertThat(subscriber.contentType()).startsWith("application/json");
        assertThat(subscriber.errorBody()).contains("\"error\":\"unknown stream 'nope'");
    }

    @Test
    void publishingToAnUndeclaredStreamIsRefusedWhenCreationIsOff() throws Exception {
        start(SseEndpointServer.builder().streams("counts").createStreamsOnPublish(false));
        try (Response response = publish("other", records(0, 1))) {
            assertThat(response.code()).isEqualTo(404);
        }
    }

    @Test
    void idsKeepIncreasingAcrossARestartWithTheSameStateDirectory(@TempDir Path state)
            throws Exception {
        start(SseEndpointServer.builder().streams("counts").stateDirectory(state));
        TestSseSubscriber before = subscribe("/streams/counts");
        awaitSubscribers("counts", 1);
        publish("counts", records(0, 5)).close();
        await().atMost(TIMEOUT).until(() -> before.events().size() == 5);
        server.close();

        start(SseEndpointServer.builder().stateDirectory(state));
        TestSseSubscriber after = subscribe("/streams/counts");
        awaitSubscribers("counts", 1);
        publish("counts", records(5, 5)).close();

        await().atMost(TIMEOUT).until(() -> after.events().size() == 5);
        assertThat(after.ids().get(0)).isGreaterThan(before.ids().get(4));
        assertThat(after.ids()).isSorted();
    }

    @Test
    void noIdAcknowledgedWhileTheEndpointStopsIsHandedOutAgainAfterARestart(@TempDir Path state)
            throws Exception {
        start(SseEndpointServer.builder().streams("counts").stateDirectory(state));
        java.util.concurrent.atomic.AtomicLong highestAcknowledged =
                new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicBoolean publishing =
                new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Thread> publishers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Thread publisher =
                    new Thread(
                            () -> {
                                while (publishing.get()) {
                                    try (Response response = publish("counts", records(0, 1))) {
                                        String body = response.body().string();
                                        if (response.code() == 202) {
                                            long id =
                                                    Long.parseLong(
                                                            body.replaceAll(
                                                                            ".*\"last_id\":(\\d+).*",
                                                                            "$1")
                                                                    .trim());
                                            highestAcknowledged.accumulateAndGet(id, Math::max);
                                        }
                                    } catch (IOException stopped) {
                                        // the endpoint went away mid-request
                                    }
                                }
                            });
            publishers.add(publisher);
            publisher.start();
        }
        await().atMost(TIMEOUT).until(() -> highestAcknowledged.get() > 200);

        server.close();
        publishing.set(false);
        for (Thread publisher : publishers) {
            publisher.join();
        }
        start(SseEndpointServer.builder().stateDirectory(state));
        publish("counts", records(0, 1)).close();

        assertThat(lastIdOf("counts")).isGreaterThan(highestAcknowledged.get());
    }

    @Test
    void idsKeepIncreasingAcrossARestartWithoutAStateDirectory() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        publish("counts", records(0, 5)).close();
        long lastBefore = lastIdOf("counts");
        server.close();

        start(SseEndpointServer.builder().streams("counts"));
        publish("counts", records(5, 1)).close();

        assertThat(lastIdOf("counts")).isGreaterThan(lastBefore);
    }

    @Test
    void reSentUpdatesAreNotDeliveredTwice() throws Exception {
        start(SseEndpointServer.builder().streams("edits"));
        TestSseSubscriber subscriber = subscribe("/streams/edits");
        awaitSubscribers("edits", 1);
        String revision1 = update("enwiki", 1);
        String revision2 = update("enwiki", 2);
        String other = update("dewiki", 1);

        publish("edits", "[" + revision1 + "," + revision2 + "]").close();
        try (Response resend =
                publish("edits", "[" + revision1 + "," + revision2 + "," + other + "]")) {
            assertThat(resend.body().string()).contains("\"accepted\":1", "\"duplicates\":2");
        }

        await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 3);
        assertThat(subscriber.events())
                .extracting(event -> event.data)
                .containsExactly(revision1, revision2, other);
        assertThat(metrics()).contains("eddy_endpoint_duplicates_total{stream=\"edits\"} 2");
    }

    @Test
    void afterAJobFailoverAFinalUpdateWithALowerRevisionThanAnEarlyOneIsDelivered()
            throws Exception {
        start(SseEndpointServer.builder().streams("edits"));
        TestSseSubscriber subscriber = subscribe("/streams/edits");
        awaitSubscribers("edits", 1);
        String early4 = update("enwiki", 4);
        String early5 = update("enwiki", 5);
        String final4 = early4.replace("}", ",\"final\":true}");

        publish("edits", "[" + early4 + "," + early5 + "]").close();
        try (Response afterFailover = publish("edits", "[" + early4 + "," + final4 + "]")) {
            assertThat(afterFailover.body().string())
                    .contains("\"accepted\":1", "\"duplicates\":1");
        }

        await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 3);
        assertThat(subscriber.events())
                .extracting(event -> event.data)
                .containsExactly(early4, early5, final4);
    }

    @Test
    void aPublishWhoseIdsCannotBeRecordedIsRefusedAndNotRememberedAsSeen(@TempDir Path state)
            throws Exception {
        start(SseEndpointServer.builder().streams("edits").stateDirectory(state));
        TestSseSubscriber subscriber = subscribe("/streams/edits");
        awaitSubscribers("edits", 1);
        Path blocker = state.resolve(EventIdStore.FILE_NAME + ".tmp");
        java.nio.file.Files.createDirectories(blocker.resolve("not-a-file"));
        String record = update("enwiki", 1);

        try (Response refused = publish("edits", record)) {
            assertThat(refused.code()).isEqualTo(503);
            assertThat(refused.body().string()).contains("send the batch again");
        }
        java.nio.file.Files.delete(blocker.resolve("not-a-file"));
        java.nio.file.Files.delete(blocker);
        try (Response resent = publish("edits", record)) {
            assertThat(resent.code()).isEqualTo(202);
            assertThat(resent.body().string()).contains("\"accepted\":1");
        }

        await().atMost(TIMEOUT).until(() -> subscriber.events().size() == 1);
        assertThat(subscriber.events().get(0).data).isEqualTo(record);
    }

    @Test
    void filtersMatchTopLevelFields() throws Exception {
        start(SseEndpointServer.builder().streams("edits"));
        TestSseSubscriber enwiki = subscribe("/streams/edits?wiki=enwiki");
        TestSseSubscriber either = subscribe("/streams/edits?key=enwiki&key=dewiki");
        awaitSubscribers("edits", 2);

        publish(
                        "edits",
                        "["
                                + update("enwiki", 1)
                                + ","
                                + update("frwiki", 1)
                                + ","
                                + update("dewiki", 1)
                                + "]")
                .close();

        await().atMost(TIMEOUT).until(() -> either.events().size() == 2);
        assertThat(either.events())
                .extracting(event -> event.data)
                .containsExactly(update("enwiki", 1), update("dewiki", 1));
        await().atMost(TIMEOUT).until(() -> enwiki.events().size() == 1);
        assertThat(enwiki.events().get(0).data).isEqualTo(update("enwiki", 1));
    }

    @Test
    void subscriptionsBeyondThePerAddressLimitAreRefused() throws Exception {
        start(SseEndpointServer.builder().streams("counts").maxConnectionsPerAddress(2));
        subscribe("/streams/counts");
        subscribe("/streams/counts");
        awaitSubscribers("counts", 2);

        TestSseSubscriber third = subscribe("/streams/counts");

        await().atMost(TIMEOUT).until(() -> third.status() == 429);
    }

    @Test
    void streamListHealthAndMetricsAnswer() throws Exception {
        start(SseEndpointServer.builder().streams("counts"));
        subscribe("/streams/counts");
        awaitSubscribers("counts", 1);
        publish("counts", records(0, 4)).close();

        assertThat(get("/healthz")).contains("\"status\":\"ok\"");
        assertThat(get("/streams")).contains("\"name\":\"counts\"", "\"subscribers\":1");
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () ->
                                assertThat(metrics())
                                        .contains(
                                                "eddy_endpoint_records_in_total{stream=\"counts\"} 4")
                                        .contains("eddy_endpoint_records_out_total 4")
                                        .contains(
                                                "eddy_endpoint_subscribers{stream=\"counts\"} 1"));
    }

    @Test
    void reusingTheBuilderDoesNotChangeWhatItBuilt() throws Exception {
        SseEndpointServer.Builder builder =
                SseEndpointServer.builder().port(0).publishToken(TOKEN).streams("first");
        SseEndpointServer built = builder.build();
        builder.streams("second").publishToken("another");

        server = built.start();

        assertThat(get("/streams")).contains("\"name\":\"first\"").doesNotContain("second");
        try (Response response = publish("first", records(0, 1))) {
            assertThat(response.code()).isEqualTo(202);
        }
    }

    private void start(SseEndpointServer.Builder builder) throws Exception {
        server = builder.port(0).publishToken(TOKEN).build().start();
    }

    private TestSseSubscriber subscribe(String path) {
        return subscribe(path, Map.of());
    }

    private TestSseSubscriber subscribe(String path, Map<String, String> headers) {
        TestSseSubscriber subscriber = TestSseSubscriber.open(server.uri() + path, headers);
        subscribers.add(subscriber);
        return subscriber;
    }

    private void awaitSubscribers(String stream, int count) {
        String sample = "eddy_endpoint_subscribers{stream=\"" + stream + "\"} " + (double) count;
        await().atMost(TIMEOUT).until(() -> metrics().contains(sample + "\n"));
    }

    private long lastIdOf(String stream) throws IOException {
        String list = get("/streams");
        String marker = "\"name\":\"" + stream + "\",\"last_id\":";
        int start = list.indexOf(marker) + marker.length();
        return Long.parseLong(list.substring(start, list.indexOf(',', start)));
    }

    private Response publish(String stream, String body) throws IOException {
        return post("/streams/" + stream, body, TOKEN);
    }

    private Response post(String path, String body, String token) throws IOException {
        Request.Builder request =
                new Request.Builder().url(server.uri() + path).post(RequestBody.create(body, JSON));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.newCall(request.build()).execute();
    }

    private String get(String path) throws IOException {
        try (Response response =
                http.newCall(new Request.Builder().url(server.uri() + path).build()).execute()) {
            return response.body().string();
        }
    }

    /** The metrics, with the read token of the tests that set one (ignored by the others). */
    private String metrics() throws IOException {
        Request request =
                new Request.Builder()
                        .url(server.uri() + "/metrics")
                        .header("Authorization", "Bearer " + READ_TOKEN)
                        .build();
        try (Response response = http.newCall(request).execute()) {
            return response.body().string();
        }
    }

    private static String records(int from, int count) {
        return "[" + String.join(",", expectedData(from, count)) + "]";
    }

    private static List<String> expectedData(int from, int count) {
        return IntStream.range(from, from + count)
                .mapToObj(n -> "{\"n\":" + n + "}")
                .collect(Collectors.toList());
    }

    private static String update(String wiki, int revision) {
        return "{\"stream\":\"edits\",\"key\":\""
                + wiki
                + "\",\"wiki\":\""
                + wiki
                + "\",\"window_start\":\"2018-03-07T16:16:00Z\",\"revision\":"
                + revision
                + ",\"events\":"
                + (10 * revision)
                + "}";
    }

    private static void readUntil(InputStream stream, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (seen.indexOf(marker) < 0) {
            int read = stream.read(buffer);
            if (read < 0) {
                throw new IOException("the stream ended before " + marker);
            }
            seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            if (seen.length() > 2 * marker.length()) {
                seen.delete(0, seen.length() - 2 * marker.length());
            }
        }
    }

    private static boolean stalledStreamEnds(InputStream stream) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            if (stream.read(buffer) < 0) {
                return true;
            }
        }
    }
}
