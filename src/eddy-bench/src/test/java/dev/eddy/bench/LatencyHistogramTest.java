package dev.eddy.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void percentilesAreTheUpperBoundsOfTheirBuckets() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (int millis = 1; millis <= 100; millis++) {
            histogram.record(millis * 1_000_000L);
        }

        assertThat(histogram.percentileMillis(50)).isCloseTo(50.1, within(0.001));
        assertThat(histogram.percentileMillis(99)).isCloseTo(99.1, within(0.001));
        assertThat(histogram.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void mergedHistogramsCountAllSamples() {
        LatencyHistogram first = new LatencyHistogram();
        LatencyHistogram second = new LatencyHistogram();
        first.record(1_000_000);
        second.record(3_000_000);
        second.record(5_000_000);

        first.add(second);

        assertThat(first.samples()).isEqualTo(3);
        assertThat(first.percentileMillis(100)).isCloseTo(5.1, within(0.001));
    }

    @Test
    void anEmptyHistogramHasNoPercentiles() {
        assertThat(new LatencyHistogram().percentileMillis(50)).isNaN();
    }
}
