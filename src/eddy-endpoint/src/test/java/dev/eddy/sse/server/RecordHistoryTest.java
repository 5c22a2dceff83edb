package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordHistoryTest {

    @Test
    void afterReturnsTheRecordsWithGreaterIdsOldestFirst() {
        RecordHistory history = historyWithIds(5, 10, 11, 12, 13);

        assertThat(history.after(11)).extracting(StreamRecord::id).containsExactly(12L, 13L);
    }

    @Test
    void afterAnIdBelowTheHistoryReturnsEverything() {
        RecordHistory history = historyWithIds(5, 10, 11, 12);

        assertThat(history.after(0)).extracting(StreamRecord::id).containsExactly(10L, 11L, 12L);
    }

    @Test
    void afterTheNewestIdReturnsNothing() {
        RecordHistory history = historyWithIds(5, 10, 11);

        assertThat(history.after(11)).isEmpty();
    }

    @Test
    void appendBeyondCapacityEvictsTheOldest() {
        RecordHistory history = historyWithIds(3, 1, 2, 3);

        StreamRecord evicted = history.append(record(4));

        assertThat(evicted.id()).isEqualTo(1);
        assertThat(history.after(0)).extracting(StreamRecord::id).containsExactly(2L, 3L, 4L);
    }

    @Test
    void aHistoryOfSizeZeroKeepsNothing() {
        RecordHistory history = new RecordHistory(0);

        assertThat(history.append(record(1)).id()).isEqualTo(1);
        assertThat(history.after(0)).isEmpty();
    }

    private static RecordHistory historyWithIds(int capacity, long... ids) {
        RecordHistory history = new RecordHistory(capacity);
        for (long id : ids) {
            history.append(record(id));
        }
        return history;
    }

    private static StreamRecord record(long id) {
        return new StreamRecord(id, ByteBuffer.allocate(0), Map.of());
    }
}
