package dev.eddy.sse.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LatestWindowsTest {

    private final LatestWindows windows = new LatestWindows(Duration.ofMinutes(5), 100);

    @Test
    void keepsTheLatestUpdateOfEachWindowInTheOrderOfTheirLastUpdate() {
        StreamRecord enwiki1 = update(1, "enwiki", "16:16", false);
        StreamRecord dewiki1 = update(2, "dewiki", "16:16", false);
        StreamRecord enwiki2 = update(3, "enwiki", "16:16", true);
        windows.update(enwiki1);
        windows.update(dewiki1);
        windows.update(enwiki2);

        assertThat(windows.snapshot()).containsExactly(dewiki1, enwiki2);
    }

    @Test
    void finalWindowsThatEndedBeforeTheSpanAreLeftOutOpenOnesOnlyAfterTwice() {
        StreamRecord oldFinal = update(1, "enwiki", "16:00", true);
        StreamRecord oldOpen = update(2, "dewiki", "16:00", false);
        StreamRecord staleOpen = update(3, "frwiki", "15:50", false);
        StreamRecord recent = update(4, "enwiki", "16:10", false);
        windows.update(oldFinal);
        windows.update(oldOpen);
        windows.update(staleOpen);
        windows.update(recent);

        assertThat(windows.snapshot()).containsExactly(oldOpen, recent);
    }

    @Test
    void recordsThatAreNotWindowsAreLeftOut() {
        windows.update(new StreamRecord(1, ByteBuffer.allocate(0), Map.of("n", "1")));

        assertThat(windows.snapshot()).isEmpty();
    }

    @Test
    void beyondTheBoundTheLeastRecentlyUpdatedWindowGoes() {
        LatestWindows small = new LatestWindows(Duration.ofMinutes(5), 2);
        StreamRecord a = update(1, "a", "16:16", false);
        StreamRecord b = update(2, "b", "16:16", false);
        StreamRecord c = update(3, "c", "16:16", false);
        small.update(a);
        small.update(b);
        small.update(c);

        assertThat(small.snapshot()).containsExactly(b, c);
    }

    private static StreamRecord update(long id, String key, String start, boolean isFinal) {
        String windowStart = "2018-03-07T" + start + ":00Z";
        String windowEnd =
                java.time.Instant.parse(windowStart).plus(Duration.ofMinutes(1)).toString();
        return new StreamRecord(
                id,
                ByteBuffer.allocate(0),
                Map.of(
                        "key",
                        key,
                        "window_start",
                        windowStart,
                        "window_end",
                        windowEnd,
                        "final",
                        Boolean.toString(isFinal)));
    }
}
