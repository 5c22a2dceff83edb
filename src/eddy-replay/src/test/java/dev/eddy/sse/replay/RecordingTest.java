package dev.eddy.sse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingTest {

    private static final String REAL_FIRST_LINE_PREFIX =
            "{\"patrolled\": true, \"meta\": {\"offset\": 759089343, \"partition\": 0, \"topic\": \"eqiad.mediawiki.recentchange\"";

    @Test
    void derivesWikimediaIdsFromMetaTopicPartitionAndOffset() {
        Recording recording =
                Recording.fromJsonLines(
                        "{\"meta\": {\"offset\": 759089343, \"partition\": 0, \"topic\": \"eqiad.mediawiki.recentchange\"}}\n");

        assertThat(recording.get(0).id())
                .isEqualTo(
                        "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"offset\":759089343}]");
    }

    @Test
    void keepsEachLineAsItsDataWithTypeMessage() {
        String line = SyntheticRecentChanges.line(0);

        ReplayEvent event = Recording.fromJsonLines(line + "\n").get(0);

        assertThat(event.data()).isEqualTo(line);
        assertThat(event.type()).isEqualTo("message");
    }

    @Test
    void readsEventTimeFromOldSchemaDtWithOffset() {
        ReplayEvent event =
                Recording.fromJsonLines("{\"meta\": {\"dt\": \"2018-03-07T16:16:17+00:00\"}}")
                        .get(0);

        assertThat(event.eventTimeMillis())
                .isEqualTo(Instant.parse("2018-03-07T16:16:17Z").toEpochMilli());
    }

    @Test
    void readsEventTimeFromCurrentSchemaDtWithMillis() {
        ReplayEvent event =
                Recording.fromJsonLines("{\"meta\": {\"dt\": \"2025-08-29T06:45:17.001Z\"}}")
                        .get(0);

        assertThat(event.eventTimeMillis())
                .isEqualTo(Instant.parse("2025-08-29T06:45:17.001Z").toEpochMilli());
    }

    @Test
    void fallsBackToTimestampSecondsWithoutDt() {
        ReplayEvent event =
                Recording.fromJsonLines("{\"meta\": {}, \"timestamp\": 1520439377}").get(0);

        assertThat(event.eventTimeMillis()).isEqualTo(1520439377000L);
    }

    @Test
    void givesLineNumberIdsToLinesWithoutOffset() {
        Recording recording =
                Recording.fromJsonLines(
                        SyntheticRecentChanges.line(0)
                                + "\n{\"meta\": {\"topic\": \"t\", \"partition\": 0}}\n");

        assertThat(recording.get(1).id()).isEqualTo("2");
    }

    @Test
    void keepsBlankAndMalformedLinesAsDataWithLineNumberIds() {
        Recording recording =
                Recording.fromJsonLines(
                        SyntheticRecentChanges.line(0) + "\n\n{\"meta\": {\"offset\": \n[1, 2]\n");

        assertThat(recording.events())
                .extracting(ReplayEvent::id, ReplayEvent::data)
                .containsExactly(
                        tuple(
                                SyntheticRecentChanges.idOfOffset(1000),
                                SyntheticRecentChanges.line(0)),
                        tuple("2", ""),
                        tuple("3", "{\"meta\": {\"offset\": "),
                        tuple("4", "[1, 2]"));
        assertThat(recording.get(2).hasEventTime()).isFalse();
    }

    @Test
    void loadsJsonLinesByExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, SyntheticRecentChanges.lines(3));

        assertThat(Recording.fromPath(file).size()).isEqualTo(3);
    }

    @Test
    void recognisesJsonLinesByContent() throws IOException {
        byte[] bytes =
                ("\uFEFF" + SyntheticRecentChanges.lines(2)).getBytes(StandardCharsets.UTF_8);

        Recording recording = Recording.read(new ByteArrayInputStream(bytes));

        assertThat(recording.events())
                .extracting(ReplayEvent::id)
                .containsExactly(
                        SyntheticRecentChanges.idOfOffset(1000),
                        SyntheticRecentChanges.idOfOffset(1001));
    }

    @Test
    void loadsRawSseCapturesByExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("capture.sse");
        Files.writeString(
                file,
                ": hello\nid: 7\nevent: edit\ndata: line one\ndata: line two\n\n"
                        + "data: {\"meta\": {\"dt\": \"2025-08-29T06:45:17.001Z\"}}\n\n");

        Recording recording = Recording.fromPath(file);

        assertThat(recording.events())
                .extracting(ReplayEvent::id, ReplayEvent::type, ReplayEvent::data)
                .containsExactly(
                        tuple("7", "edit", "line one\nline two"),
                        tuple(
                                "7",
                                "message",
                                "{\"meta\": {\"dt\": \"2025-08-29T06:45:17.001Z\"}}"));
        assertThat(recording.get(1).eventTimeMillis())
                .isEqualTo(Instant.parse("2025-08-29T06:45:17.001Z").toEpochMilli());
    }

    @Test
    void recognisesRawSseByContent() throws IOException {
        byte[] bytes =
                "id: [{\"topic\":\"t\",\"partition\":0,\"offset\":5}]\ndata: {}\n\n"
                        .getBytes(StandardCharsets.UTF_8);

        Recording recording = Recording.read(new ByteArrayInputStream(bytes));

        assertThat(recording.events())
                .containsExactly(
                        new ReplayEvent(
                                "[{\"topic\":\"t\",\"partition\":0,\"offset\":5}]",
                                "message",
                                "{}",
                                ReplayEvent.NO_EVENT_TIME));
    }

    @Test
    void loadsFromTheClassPath() throws IOException {
        Recording recording = Recording.fromResource("replay/three-events.jsonl");

        assertThat(recording.size()).isEqualTo(3);
    }

    @Test
    void namesTheMissingFile(@TempDir Path dir) {
        assertThatThrownBy(() -> Recording.fromPath(dir.resolve("missing.jsonl")))
                .isInstanceOf(FileNotFoundException.class)
                .hasMessageContaining("missing.jsonl");
    }

    @Test
    void loadsTheRealSampleRecording() throws IOException {
        Recording recording =
                Recording.fromPath(
                        Path.of("../../samples/recentchange-wikidata-2018-03-07a.jsonl"));

        assertThat(recording.size()).isEqualTo(3818);
        assertThat(recording.get(0).data()).startsWith(REAL_FIRST_LINE_PREFIX);
        assertThat(recording.get(0).id())
                .isEqualTo(
                        "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":0,\"offset\":759089343}]");
        assertThat(recording.get(0).eventTimeMillis())
                .isEqualTo(Instant.parse("2018-03-07T16:16:17Z").toEpochMilli());
    }
}
