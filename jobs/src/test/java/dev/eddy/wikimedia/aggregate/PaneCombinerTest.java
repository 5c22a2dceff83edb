package dev.eddy.wikimedia.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eddy.wikimedia.model.ChangeFacts;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** When the combiner emits its panes, and what they hold. */
class PaneCombinerTest {

    private static final long PANE = 60_000;

    private OneInputStreamOperatorTestHarness<ChangeFacts, PanePartial<WikiActivity>> harness;

    @BeforeEach
    void open() throws Exception {
        harness =
                new OneInputStreamOperatorTestHarness<>(
                        new PaneCombiner<>(
                                ChangeFacts::getWiki, PANE, new EditsPerWikiAggregate()));
        harness.open();
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    @Test
    void eventsAreCombinedPerKeyAndPaneAndEmittedBeforeTheWatermark() throws Exception {
        send("enwiki", "alice", 1_000);
        send("enwiki", "bob", 59_999);
        send("dewiki", "carol", 2_000);
        send("enwiki", "alice", 60_000);
        assertThat(harness.getOutput()).isEmpty();

        harness.processWatermark(new Watermark(70_000));

        List<Object> output = new ArrayList<>(harness.getOutput());
        assertThat(output).hasSize(4);
        assertThat(output.get(3)).isEqualTo(new Watermark(70_000));
        List<String> partials = new ArrayList<>();
        for (Object element : output.subList(0, 3)) {
            @SuppressWarnings("unchecked")
            StreamRecord<PanePartial<WikiActivity>> record =
                    (StreamRecord<PanePartial<WikiActivity>>) element;
            PanePartial<WikiActivity> partial = record.getValue();
            assertThat(record.getTimestamp()).isEqualTo(partial.paneStart());
            partials.add(
                    partial.key()
                            + "@"
                            + partial.paneStart()
                            + ":"
                            + partial.accumulator().getEvents()
                            + ":"
                            + partial.accumulator().getUsers().size());
        }
        assertThat(partials)
                .containsExactlyInAnyOrder("enwiki@0:2:2", "enwiki@60000:1:1", "dewiki@0:1:1");
    }

    @Test
    void nothingIsHeldAcrossACheckpointBarrier() throws Exception {
        send("enwiki", "alice", 1_000);

        harness.prepareSnapshotPreBarrier(1);

        assertThat(partials())
                .extracting(partial -> partial.accumulator().getEvents())
                .containsExactly(1L);
    }

    @Test
    void withoutWatermarksThePanesAreEmittedAfterTheFlushInterval() throws Exception {
        harness.setProcessingTime(0);
        send("enwiki", "alice", 1_000);
        harness.setProcessingTime(PaneCombiner.FLUSH_INTERVAL_MILLIS - 1);
        assertThat(harness.getOutput()).isEmpty();

        harness.setProcessingTime(PaneCombiner.FLUSH_INTERVAL_MILLIS);

        assertThat(partials())
                .extracting(partial -> partial.accumulator().getEvents())
                .containsExactly(1L);
    }

    @Test
    void theMostEventsCombinedAreBounded() throws Exception {
        for (int i = 0; i < PaneCombiner.MAX_EVENTS - 1; i++) {
            send("enwiki", "user" + i, i);
        }
        assertThat(harness.getOutput()).isEmpty();

        send("enwiki", "last", 1);

        assertThat(partials())
                .extracting(partial -> partial.accumulator().getEvents())
                .containsExactly((long) PaneCombiner.MAX_EVENTS);
    }

    @Test
    void anEventWithoutTimestampIsAClearError() {
        assertThatThrownBy(() -> harness.processElement(new StreamRecord<>(change("enwiki", "a"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("without an event time");
    }

    private void send(String wiki, String user, long time) throws Exception {
        harness.processElement(change(wiki, user), time);
    }

    private static ChangeFacts change(String wiki, String user) {
        return new ChangeFacts(wiki, "edit", "Page", user, false, 10);
    }

    @SuppressWarnings("unchecked")
    private List<PanePartial<WikiActivity>> partials() {
        List<PanePartial<WikiActivity>> partials = new ArrayList<>();
        for (Object element : harness.getOutput()) {
            partials.add(((StreamRecord<PanePartial<WikiActivity>>) element).getValue());
        }
        return partials;
    }
}
