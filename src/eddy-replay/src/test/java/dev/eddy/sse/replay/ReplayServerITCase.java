package dev.eddy.sse.replay;

import static dev.eddy.sse.replay.SyntheticRecentChanges.idOfOffset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

/** The replay server on loopback, read by a real HTTP client (okhttp). */
class ReplayServerITCase {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/v2/stream/recentchange";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final Recording recording = SyntheticRecentChanges.recording(20);

    @Test
    void servesEveryEventInOrderWithItsIdTypeAndDataThenEnds() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            List<ReceivedStream.Event> events = stream.readToEnd();

            assertThat(events).hasSize(20);
            for (int i = 0; i < 20; i++) {
                assertThat(events.get(i))
                        .isEqualTo(
                                new ReceivedStream.Event(
                                        idOfOffset(1000 + i),
                                        "message",
                                        SyntheticRecentChanges.line(i)));
            }
            assertThat(server.eventsSent()).isEqualTo(20);
        }
    }

    @Test
    void servesBlankAndMalformedLinesAsTheyAreWithLineNumberIds() throws Exception {
        Recording withBadLines =
                Recording.fromJsonLines(
                        SyntheticRecentChanges.line(0)
                                + "\n\n{\"meta\": \n"
                                + SyntheticRecentChanges.line(1)
                                + "\n");
        try (ReplayServer server = ReplayServer.builder().recording(withBadLines).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            assertThat(stream.readToEnd())
                    .containsExactly(
                            new ReceivedStream.Event(
                                    idOfOffset(1000), "message", SyntheticRecentChanges.line(0)),
                            new ReceivedStream.Event("2", "message", ""),
                            new ReceivedStream.Event("3", "message", "{\"meta\": "),
                            new ReceivedStream.Event(
                                    idOfOffset(1001), "message", SyntheticRecentChanges.line(1)));
        }
    }

    @Test
    void answersWithEventStreamHeaders() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            Response response = stream.response();

            assertThat(response.code()).isEqualTo(200);
            assertThat(response.header("Content-Type"))
                    .isEqualTo("text/event-stream; charset=utf-8");
            assertThat(response.header("Cache-Control")).isEqualTo("no-cache");
        }
    }

    @Test
    void servesTheStreamAtAnyPath() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(server.url("/any/other/path?x=1"), Map.of())) {
            assertThat(stream.readToEnd()).hasSize(20);
        }
    }

    @Test
    void resumesRightAfterTheLastEventId() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(
                                server.url(PATH), Map.of("Last-Event-ID", idOfOffset(1012)))) {
            List<ReceivedStream.Event> events = stream.readToEnd();

            assertThat(events)
                    .extracting(ReceivedStream.Event::id)
                    .containsExactly(
                            idOfOffset(1013),
                            idOfOffset(1014),
                            idOfOffset(1015),
                            idOfOffset(1016),
                            idOfOffset(1017),
                            idOfOffset(1018),
                            idOfOffset(1019));
            assertThat(server.lastEventIdsReceived()).containsExactly(idOfOffset(1012));
        }
    }

    @Test
    void repeatOnResumeStartsThatManyEventsBeforeTheOneAfterTheLastEventId() throws Exception {
        try (ReplayServer server =
                        ReplayServer.builder().recording(recording).repeatOnResume(3).start();
                ReceivedStream stream =
                        ReceivedStream.open(
                                server.url(PATH), Map.of("Last-Event-ID", idOfOffset(1012)))) {
            assertThat(stream.readToEnd())
                    .extracting(ReceivedStream.Event::id)
                    .startsWith(
                            idOfOffset(1010), idOfOffset(1011), idOfOffset(1012), idOfOffset(1013))
                    .hasSize(10);
        }
    }

    @Test
    void repeatOnResumeNeverStartsBeforeTheRecording() throws Exception {
        try (ReplayServer server =
                        ReplayServer.builder().recording(recording).repeatOnResume(50).start();
                ReceivedStream stream =
                        ReceivedStream.open(
                                server.url(PATH), Map.of("Last-Event-ID", idOfOffset(1002)))) {
            assertThat(stream.readToEnd()).hasSize(20);
        }
    }

    @Test
    void startsFromTheBeginningWithANoticeForAnUnknownLastEventId() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(server.url(PATH), Map.of("Last-Event-ID", "nope"))) {
            assertThat(stream.readToEnd()).hasSize(20);
            assertThat(stream.comments())
                    .singleElement()
                    .asString()
                    .contains("nope")
                    .contains("replaying from the start");
        }
    }

    @Test
    void sinceStartsAtTheFirstEventAtOrAfterThatTime() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(
                                server.url(PATH + "?since=2018-03-07T16:16:30Z"), Map.of())) {
            List<ReceivedStream.Event> events = stream.readToEnd();

            assertThat(events).hasSize(7);
            assertThat(events.get(0).id()).isEqualTo(idOfOffset(1013));
        }
    }

    @Test
    void sinceAcceptsEpochMillis() throws Exception {
        long since = SyntheticRecentChanges.START.plusSeconds(15).toEpochMilli();
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(server.url(PATH + "?since=" + since), Map.of())) {
            assertThat(stream.next().id()).isEqualTo(idOfOffset(1015));
        }
    }

    @Test
    void rejectsAnUnreadableSinceWithBadRequest() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start();
                ReceivedStream stream =
                        ReceivedStream.open(server.url(PATH + "?since=yesterday"), Map.of())) {
            assertThat(stream.response().code()).isEqualTo(400);
        }
    }

    @Test
    void dropsEachConnectionAbruptlyAfterDropEveryEvents() throws Exception {
        try (ReplayServer server =
                        ReplayServer.builder().recording(recording).dropEvery(6).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            assertThat(stream.next(6))
                    .extracting(ReceivedStream.Event::id)
                    .endsWith(idOfOffset(1005));
            assertThatThrownBy(stream::next).isInstanceOf(IOException.class);
        }
    }

    @Test
    void resumingAfterEachDropDeliversEveryEventOnce() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(recording).dropEvery(6).start()) {
            List<String> ids = new ArrayList<>();
            while (ids.size() < 20) {
                Map<String, String> headers =
                        ids.isEmpty() ? Map.of() : Map.of("Last-Event-ID", ids.get(ids.size() - 1));
                try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), headers)) {
                    for (ReceivedStream.Event event = stream.next();
                            event != null;
                            event = stream.next()) {
                        ids.add(event.id());
                    }
                } catch (IOException dropped) {
                    // the drop under test: reconnect
                }
            }

            assertThat(ids)
                    .containsExactlyElementsOf(
                            recording.events().stream().map(ReplayEvent::id).toList());
            assertThat(server.connectionsAccepted()).isEqualTo(4);
            assertThat(server.lastEventIdsReceived())
                    .containsExactly(idOfOffset(1005), idOfOffset(1011), idOfOffset(1017));
        }
    }

    @Test
    void stallAfterSendsNothingMoreUntilTheClientCloses() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(recording).stallAfter(5).start()) {
            ReceivedStream stream =
                    ReceivedStream.open(server.url(PATH), Map.of(), Duration.ofSeconds(2));

            assertThat(stream.next(5)).hasSize(5);
            assertThatThrownBy(stream::next).isInstanceOf(InterruptedIOException.class);
            assertThat(server.openStreams()).isEqualTo(1);
            assertThat(server.eventsSent()).isEqualTo(5);

            stream.close();
            await().atMost(PATIENCE).until(() -> server.openStreams() == 0);
        }
    }

    @Test
    void respondsWithInjectedAnswersToTheNextRequestsThenStreams() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder()
                        .recording(recording)
                        .respondWith(2, 503, "Retry-After", "1")
                        .start()) {
            for (int i = 0; i < 2; i++) {
                try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
                    assertThat(stream.response().code()).isEqualTo(503);
                    assertThat(stream.response().header("Retry-After")).isEqualTo("1");
                }
            }
            try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
                assertThat(stream.response().code()).isEqualTo(200);
                assertThat(stream.readToEnd()).hasSize(20);
            }
        }
    }

    @Test
    void aReusedBuilderStartsServersThatDoNotShareOrInheritAnything() throws Exception {
        ReplayServer.Builder builder =
                ReplayServer.builder().recording(recording).respondWith(1, 503);
        try (ReplayServer first = builder.start()) {
            builder.dropEvery(5);
            try (ReplayServer second = builder.start()) {
                for (ReplayServer server : List.of(first, second)) {
                    try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
                        assertThat(stream.response().code()).isEqualTo(503);
                    }
                }
                try (ReceivedStream stream = ReceivedStream.open(first.url(PATH), Map.of())) {
                    assertThat(stream.response().code()).isEqualTo(200);
                    assertThat(stream.readToEnd()).hasSize(20);
                }
                try (ReceivedStream stream = ReceivedStream.open(second.url(PATH), Map.of())) {
                    assertThat(stream.response().code()).isEqualTo(200);
                    assertThat(stream.next(5)).hasSize(5);
                    assertThatThrownBy(stream::readToEnd).isInstanceOf(IOException.class);
                }
            }
        }
    }

    @Test
    void injectsAnswersWhileRunning() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).start()) {
            server.respondWith(1, 204)
                    .respondWith(1, 404)
                    .respondWith(1, 200, "Content-Type", "text/html");

            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
                    answers.add(
                            stream.response().code()
                                    + " "
                                    + stream.response().header("Content-Type"));
                }
            }

            assertThat(answers)
                    .containsExactly("204 null", "404 text/plain; charset=utf-8", "200 text/html");
        }
    }

    @Test
    void loopingKeepsIdsAndEventTimesIncreasing() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).loop(true).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            List<ReceivedStream.Event> events = stream.next(50);

            long previousOffset = -1;
            long previousTime = -1;
            for (ReceivedStream.Event event : events) {
                long offset = JSON.readTree(event.id()).get(0).get("offset").asLong();
                JsonNode data = JSON.readTree(event.data());
                long time = data.get("timestamp").asLong();
                assertThat(offset).isGreaterThan(previousOffset);
                assertThat(data.path("meta").path("offset").asLong()).isEqualTo(offset);
                assertThat(time).isGreaterThanOrEqualTo(previousTime);
                previousOffset = offset;
                previousTime = time;
            }
            assertThat(events.get(49).id()).isEqualTo(idOfOffset(1049));
        }
    }

    @Test
    void pacedStreamsStillDeliverEveryEventInOrder() throws Exception {
        try (ReplayServer server = ReplayServer.builder().recording(recording).rate(200).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            assertThat(stream.readToEnd())
                    .extracting(ReceivedStream.Event::id)
                    .containsExactlyElementsOf(
                            recording.events().stream().map(ReplayEvent::id).toList());
        }
    }

    @Test
    void holdOpenAtEndKeepsTheStreamOpenAfterTheLastEvent() throws Exception {
        try (ReplayServer server =
                        ReplayServer.builder().recording(recording).holdOpenAtEnd(true).start();
                ReceivedStream stream =
                        ReceivedStream.open(server.url(PATH), Map.of(), Duration.ofSeconds(2))) {
            assertThat(stream.next(20)).hasSize(20);
            assertThatThrownBy(stream::next).isInstanceOf(InterruptedIOException.class);
        }
    }

    @Test
    void sendsTheRetryHintFirst() throws Exception {
        try (ReplayServer server =
                        ReplayServer.builder().recording(recording).retryMillis(250).start();
                ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            stream.next();

            assertThat(stream.retries()).containsExactly("250");
        }
    }

    @Test
    void closingTheServerEndsOpenStreams() throws Exception {
        ReplayServer server = ReplayServer.builder().recording(recording).stallAfter(3).start();
        try (ReceivedStream stream = ReceivedStream.open(server.url(PATH), Map.of())) {
            stream.next(3);

            server.close();

            assertThatThrownBy(stream::readToEnd).isInstanceOf(IOException.class);
        }
    }
}
