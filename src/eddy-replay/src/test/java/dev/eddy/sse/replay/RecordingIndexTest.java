package dev.eddy.sse.replay;

import static dev.eddy.sse.replay.SyntheticRecentChanges.idOfOffset;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordingIndexTest {

    /** Ten synthetic events: offsets 1000..1009, one second apart from 16:16:17. */
    private final RecordingIndex index =
            new RecordingIndex(SyntheticRecentChanges.recording(10), false);

    private final RecordingIndex looping =
            new RecordingIndex(SyntheticRecentChanges.recording(10), true);

    @Test
    void resumesRightAfterAnExactId() {
        assertThat(index.after(idOfOffset(1003))).isEqualTo(new StreamPosition(0, 4));
    }

    @Test
    void matchesWikimediaIdsByOffsetWhateverTheirFormatting() {
        String id =
                "[{\"topic\": \"eqiad.mediawiki.recentchange\", \"partition\": 0, \"offset\": 1003},"
                        + " {\"topic\": \"codfw.mediawiki.recentchange\", \"partition\": 0, \"offset\": -1}]";

        assertThat(index.after(id)).isEqualTo(new StreamPosition(0, 4));
    }

    @Test
    void resumesAfterTheLastEventBelowAnOffsetMissingFromTheRecording() {
        Recording withGap =
                Recording.fromJsonLines(
                        SyntheticRecentChanges.line(0)
                                + "\n"
                                + SyntheticRecentChanges.line(5)
                                + "\n");

        assertThat(new RecordingIndex(withGap, false).after(idOfOffset(1003)))
                .isEqualTo(new StreamPosition(0, 1));
    }

    @Test
    void doesNotKnowIdsOfOtherPartitionsOrOffsetsBeforeTheRecording() {
        assertThat(
                        index.after(
                                "[{\"topic\":\"eqiad.mediawiki.recentchange\",\"partition\":1,\"offset\":1003}]"))
                .isNull();
        assertThat(index.after(idOfOffset(999))).isNull();
        assertThat(index.after("not-an-id")).isNull();
    }

    @Test
    void sinceStartsAtTheFirstEventAtOrAfterIt() {
        long since = SyntheticRecentChanges.START.plusMillis(3500).toEpochMilli();

        assertThat(index.since(since)).isEqualTo(new StreamPosition(0, 4));
    }

    @Test
    void sinceAfterTheLastEventStartsAtTheEnd() {
        long since = SyntheticRecentChanges.START.plusSeconds(60).toEpochMilli();

        assertThat(index.since(since)).isEqualTo(new StreamPosition(0, 10));
    }

    @Test
    void laterPassesShiftOffsetsBySpanPlusOneAndTimesByTheDuration() {
        ReplayEvent first = looping.eventInPass(0, 0);
        ReplayEvent shifted = looping.eventInPass(0, 2);

        assertThat(shifted.id()).isEqualTo(idOfOffset(1000 + 2 * 10));
        assertThat(shifted.eventTimeMillis()).isEqualTo(first.eventTimeMillis() + 2 * 9_000);
        assertThat(shifted.data())
                .isEqualTo(
                        first.data()
                                .replace("\"offset\": 1000", "\"offset\": 1020")
                                .replace("16:16:17+00:00", "16:16:35+00:00")
                                .replace("1520439377", Long.toString(1520439377L + 18)));
    }

    @Test
    void theFirstPassIsServedAsRecorded() {
        assertThat(index.eventInPass(4, 0).data()).isEqualTo(SyntheticRecentChanges.line(4));
    }

    @Test
    void resumesInTheLoopPassAnIdBelongsTo() {
        assertThat(looping.after(idOfOffset(1000 + 2 * 10 + 3)))
                .isEqualTo(new StreamPosition(2, 4));
    }

    @Test
    void sinceFindsTheLoopPassItFallsIn() {
        long since = SyntheticRecentChanges.START.plusSeconds(9 + 9 + 2).toEpochMilli();

        assertThat(looping.since(since)).isEqualTo(new StreamPosition(2, 2));
    }

    @Test
    void decimalIdsAlsoShiftAndResumeWhenLooping() {
        RecordingIndex numbered = new RecordingIndex(Recording.fromJsonLines("a\nb\nc\n"), true);

        assertThat(numbered.eventInPass(0, 1).id()).isEqualTo("4");
        assertThat(numbered.after("5")).isEqualTo(new StreamPosition(1, 2));
    }
}
