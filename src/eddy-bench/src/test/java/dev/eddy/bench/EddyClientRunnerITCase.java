package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eddy.bench.client.DecodedEvents;
import dev.eddy.bench.client.RecentChangeJson;
import dev.eddy.sse.replay.Recording;
import dev.eddy.sse.replay.ReplayEvent;
import dev.eddy.sse.replay.ReplayServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EddyClientRunnerITCase {

    private static final int EVENTS = 500;

    @TempDir Path dir;

    @Test
    void decodesEveryEventOfTheReplayedStream() throws Exception {
        Recording recording =
                BenchRecording.repeated(
                        Files.write(dir.resolve("recording.jsonl"), BenchRecordingTest.EVENTS),
                        EVENTS);
        DecodedEvents expected = new DecodedEvents(EVENTS);
        for (ReplayEvent event : recording.events()) {
            expected.add(RecentChangeJson.decode(event.data()));
        }

        DecodedEvents decoded = new DecodedEvents(EVENTS);
        try (ReplayServer server =
                ReplayServer.builder().recording(recording).port(0).unlimitedRate().start()) {
            new EddyClientRunner().read(server.url("/v2/stream/recentchange"), decoded);
        }

        assertThat(decoded.count()).isEqualTo(EVENTS);
        assertThat(decoded.checksum()).isEqualTo(expected.checksum());
    }
}
