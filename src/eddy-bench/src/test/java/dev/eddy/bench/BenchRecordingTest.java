package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.sse.replay.Recording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchRecordingTest {

    static final List<String> EVENTS =
            List.of(
                    "{\"meta\": {\"offset\": 10, \"partition\": 0, \"topic\": \"eqiad.mediawiki.recentchange\", \"id\": \"a\"}, \"title\": \"Q1\", \"id\": 10}",
                    "{\"meta\": {\"offset\": 11, \"partition\": 0, \"topic\": \"eqiad.mediawiki.recentchange\", \"id\": \"b\"}, \"title\": \"Q2\", \"id\": 11}",
                    "{\"meta\": {\"offset\": 12, \"partition\": 0, \"topic\": \"eqiad.mediawiki.recentchange\", \"id\": \"c\"}, \"title\": \"Q3\", \"id\": 12}");

    @TempDir Path dir;

    @Test
    void repeatsTheRecordingUpToTheRequestedNumberOfEvents() throws IOException {
        Recording recording = BenchRecording.repeated(recordingFile(EVENTS), 7);

        assertThat(recording.size()).isEqualTo(7);
        assertThat(recording.get(6).data()).contains("\"title\": \"Q1\"");
    }

    @Test
    void movesTheOffsetOfEachCopyPastTheOriginalsAndKeepsTheRestOfTheLine() throws IOException {
        Recording recording = BenchRecording.repeated(recordingFile(EVENTS), 7);

        assertThat(recording.get(0).data()).isEqualTo(EVENTS.get(0));
        assertThat(recording.get(3).data())
                .isEqualTo(EVENTS.get(0).replace("\"offset\": 10", "\"offset\": 13"));
        assertThat(recording.get(6).data())
                .isEqualTo(EVENTS.get(0).replace("\"offset\": 10", "\"offset\": 16"));
    }

    @Test
    void givesEveryEventAnIdWithAHigherOffset() throws IOException {
        Recording recording = BenchRecording.repeated(recordingFile(EVENTS), 7);

        assertThat(recording.get(0).id()).contains("\"offset\":10");
        assertThat(recording.get(4).id()).contains("\"offset\":14");
        assertThat(recording.get(6).id()).contains("\"offset\":16");
    }

    @Test
    void refusesEventsWithoutAnOffset() throws IOException {
        Path file = recordingFile(List.of("{\"meta\": {\"id\": \"a\"}, \"title\": \"Q1\"}"));

        assertThatThrownBy(() -> BenchRecording.repeated(file, 5))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("meta.offset");
    }

    private Path recordingFile(List<String> lines) throws IOException {
        return Files.write(dir.resolve("recording.jsonl"), lines);
    }
}
