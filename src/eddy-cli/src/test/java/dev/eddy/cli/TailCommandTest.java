package dev.eddy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayEvent;
import dev.eddy.sse.replay.ReplayServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code eddy tail} against the replay server on loopback. */
class TailCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int tail(String... args) {
        CommandLine eddy = new CommandLine(new Eddy());
        eddy.setOut(new PrintWriter(out, true));
        eddy.setErr(new PrintWriter(err, true));
        List<String> command = new ArrayList<>(List.of("tail"));
        command.addAll(List.of(args));
        return eddy.execute(command.toArray(String[]::new));
    }

    private static Recording events(int count) {
        List<ReplayEvent> events = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            events.add(
                    new ReplayEvent(
                            Integer.toString(i),
                            "message",
                            "{\"n\":" + i + "}\nsecond line",
                            ReplayEvent.NO_EVENT_TIME));
        }
        return Recording.of(events);
    }

    @Test
    void printsEachEventAsAJsonLineAndStopsAtTheLimit() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(events(5)).holdOpenAtEnd(true).start()) {
            int exitCode = tail(server.url("/s"), "--limit", "3");

            assertThat(exitCode).isZero();
            List<String> lines = out.toString().lines().toList();
            assertThat(lines).hasSize(3);
            JsonNode first = JSON.readTree(lines.get(0));
            assertThat(first.get("id").asText()).isEqualTo("1");
            assertThat(first.get("event").asText()).isEqualTo("message");
            assertThat(first.get("data").asText()).isEqualTo("{\"n\":1}\nsecond line");
        }
    }

    @Test
    void resumesAfterTheGivenLastEventId() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(events(5)).holdOpenAtEnd(true).start()) {
            int exitCode = tail(server.url("/s"), "--last-event-id", "3", "--limit", "2");

            assertThat(exitCode).isZero();
            assertThat(out.toString().lines().map(line -> line.substring(0, line.indexOf(','))))
                    .containsExactly("{\"id\":\"4\"", "{\"id\":\"5\"");
            assertThat(server.lastEventIdsReceived()).containsExactly("3");
        }
    }

    @Test
    void aMissingStreamExitsWithTheStatusInOneLine() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(events(1)).respondWith(10, 404).start()) {
            int exitCode = tail(server.url("/missing"), "--limit", "1");

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString())
                    .contains(
                            "eddy tail: SSE stream "
                                    + server.url("/missing")
                                    + " answered HTTP 404");
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void noContentMeansStop() throws Exception {
        try (ReplayServer server =
                ReplayServer.builder().recording(events(1)).respondWith(10, 204).start()) {
            int exitCode = tail(server.url("/s"), "--limit", "1");

            assertThat(exitCode).isEqualTo(1);
            assertThat(err.toString()).contains("HTTP 204").contains("stop reconnecting");
        }
    }
}
