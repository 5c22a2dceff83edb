package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventIdStoreTest {

    @TempDir Path state;

    @Test
    void aFreshStateDirectoryStartsAtOne() {
        assertThat(EventIdStore.persistent(state).firstId("s")).isEqualTo(1);
    }

    @Test
    void afterACleanStopIdsContinueRightAfterTheLastOne() {
        EventIdStore first = EventIdStore.persistent(state);
        first.firstId("s");
        first.reserve("s", 1);
        first.closeCleanly(Map.of("s", 42L));

        assertThat(EventIdStore.persistent(state).firstId("s")).isEqualTo(43);
    }

    @Test
    void afterACrashIdsContinueAboveTheReservation() {
        EventIdStore crashed = EventIdStore.persistent(state);
        crashed.firstId("s");
        crashed.reserve("s", 1);

        long next = EventIdStore.persistent(state).firstId("s");

        assertThat(next).isEqualTo(EventIdStore.BLOCK + 1);
    }

    @Test
    void aCrashAfterARestartStillContinuesAboveEverythingUsed() {
        EventIdStore first = EventIdStore.persistent(state);
        first.reserve("s", 1);
        first.closeCleanly(Map.of("s", 7L));
        EventIdStore second = EventIdStore.persistent(state);
        long secondFirst = second.firstId("s");

        long afterCrash = EventIdStore.persistent(state).firstId("s");

        assertThat(secondFirst).isEqualTo(8);
        assertThat(afterCrash).isGreaterThan(secondFirst + EventIdStore.BLOCK - 2);
    }

    @Test
    void streamsOfAnEarlierRunAreKnown() {
        EventIdStore first = EventIdStore.persistent(state);
        first.reserve("edits", 1);
        first.closeCleanly(Map.of("edits", 3L));

        assertThat(EventIdStore.persistent(state).knownStreams()).containsExactly("edits");
    }

    @Test
    void withoutAStateDirectoryIdsStartFromTheClock() {
        EventIdStore store = EventIdStore.clockBased(() -> 1_700_000_000_000L);

        assertThat(store.firstId("s")).isEqualTo(1_700_000_000_000_000L);
    }

    @Test
    void aCorruptStateFileIsReportedWithWhatToDo() throws Exception {
        Files.writeString(state.resolve(EventIdStore.FILE_NAME), "s.reserved=abc\n");

        assertThatThrownBy(() -> EventIdStore.persistent(state))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("s.reserved")
                .hasMessageContaining("delete");
    }
}
