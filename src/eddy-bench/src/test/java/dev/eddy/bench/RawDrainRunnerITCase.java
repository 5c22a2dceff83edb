package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.eddy.bench.client.DecodedEvents;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawDrainRunnerITCase {

    private static final int EVENTS = 300;

    @TempDir Path dir;

    @Test
    void drainsTheWholeStreamToItsEnd() throws Exception {
        DecodedEvents drained = new DecodedEvents(EVENTS);
        try (ReplayServer server = server()) {
            new RawDrainRunner().read(server.url("/v2/stream/recentchange"), drained);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(server.eventsSent()).isEqualTo(EVENTS));
        }
        assertThat(drained.isComplete()).isTrue();
    }

    @Test
    void failsWhenTheServerDoesNotServeTheStream() throws Exception {
        try (ReplayServer server = server()) {
            server.respondWith(1, 404);

            assertThatThrownBy(
                            () ->
                                    new RawDrainRunner()
                                            .read(
                                                    server.url("/nowhere"),
                                                    new DecodedEvents(EVENTS)))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("404");
        }
    }

    private ReplayServer server() throws IOException {
        Recording recording =
                BenchRecording.repeated(
                        Files.write(dir.resolve("recording.jsonl"), BenchRecordingTest.EVENTS),
                        EVENTS);
        return ReplayServer.builder().recording(recording).port(0).unlimitedRate().start();
    }
}
