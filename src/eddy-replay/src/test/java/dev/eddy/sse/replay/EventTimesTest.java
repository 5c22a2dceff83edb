package dev.eddy.sse.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void shiftingKeepsSecondsWithNumericOffset() {
        assertThat(EventTimes.shiftIso("2018-03-07T16:16:17+00:00", 313_000))
                .isEqualTo("2018-03-07T16:21:30+00:00");
    }

    @Test
    void shiftingKeepsMillisWithZ() {
        assertThat(EventTimes.shiftIso("2025-08-29T06:45:17.001Z", 1_500))
                .isEqualTo("2025-08-29T06:45:18.501Z");
    }

    @Test
    void sinceAcceptsIsoDateTimes() {
        assertThat(EventTimes.parseSince("2018-03-07T16:18:00Z"))
                .isEqualTo(Instant.parse("2018-03-07T16:18:00Z").toEpochMilli());
    }

    @Test
    void sinceAcceptsEpochMillis() {
        assertThat(EventTimes.parseSince("1520439480000")).isEqualTo(1520439480000L);
    }

    @Test
    void sinceRejectsOtherTextWithAnExample() {
        assertThatThrownBy(() -> EventTimes.parseSince("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2018-03-07T16:18:00Z")
                .hasMessageContaining("yesterday");
    }
}
