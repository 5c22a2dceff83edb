package dev.eddy.sse.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectBackoffTest {

    private static ReconnectBackoff withJitter(long random0To1000) {
        return new ReconnectBackoff(
                Duration.ofMillis(100),
                Duration.ofMillis(1000),
                Duration.ofSeconds(10),
                () -> random0To1000);
    }

    @Test
    void doublesTheCeilingPerFailureUpToTheMaximum() {
        ReconnectBackoff backoff = withJitter(1000);

        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(100);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(200);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(400);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(800);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(1000);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(1000);
    }

    @Test
    void jitterKeepsAtLeastHalfTheCeiling() {
        ReconnectBackoff backoff = withJitter(0);
        backoff.nextDelayMillis(-1);

        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(100);
    }

    @Test
    void resetStartsOverFromTheInitialDelay() {
        ReconnectBackoff backoff = withJitter(1000);
        backoff.nextDelayMillis(-1);
        backoff.nextDelayMillis(-1);
        backoff.reset();

        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(100);
    }

    @Test
    void retryAfterIsAFloor() {
        ReconnectBackoff backoff = withJitter(1000);

        assertThat(backoff.nextDelayMillis(5000)).isEqualTo(5000);
    }

    @Test
    void serverRetryFieldIsAFloorAndTheDelayAfterANormalClose() {
        ReconnectBackoff backoff = withJitter(1000);
        backoff.onServerRetry(3000);

        assertThat(backoff.afterNormalCloseMillis()).isEqualTo(3000);
        assertThat(backoff.nextDelayMillis(-1)).isEqualTo(3000);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        String inAMinute =
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                        java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(60));

        assertThat(ReconnectBackoff.retryAfterMillis("7")).isEqualTo(7000);
        assertThat(ReconnectBackoff.retryAfterMillis(inAMinute)).isBetween(50_000L, 60_000L);
        assertThat(ReconnectBackoff.retryAfterMillis("soon")).isEqualTo(-1);
        assertThat(ReconnectBackoff.retryAfterMillis(null)).isEqualTo(-1);
    }

    @Test
    void serverDelaysAreCapped() {
        ReconnectBackoff backoff = withJitter(1000);

        assertThat(backoff.exceedsCap(3_600_000)).isTrue();
        assertThat(backoff.nextDelayMillis(3_600_000)).isEqualTo(10_000);
        backoff.onServerRetry(Long.MAX_VALUE);
        assertThat(backoff.afterNormalCloseMillis()).isEqualTo(10_000);
        assertThat(backoff.exceedsCap(10_000)).isFalse();
    }
}
