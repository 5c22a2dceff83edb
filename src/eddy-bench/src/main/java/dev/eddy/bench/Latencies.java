package dev.eddy.bench;

import org.HdrHistogram.Histogram;

/** Latency histograms of the benchmarks: HdrHistogram in nanoseconds, read in milliseconds. */
final class Latencies {

    /** Three significant digits over any range: constant memory however many samples. */
    private static final int SIGNIFICANT_DIGITS = 3;

    private Latencies() {}

    /** An empty histogram of nanoseconds that grows its range as needed; not thread-safe. */
    static Histogram nanos() {
        return new Histogram(SIGNIFICANT_DIGITS);
    }

    /** Records one latency; a negative one (clocks of two threads) counts as 0. */
    static void record(Histogram nanos, long latencyNanos) {
        nanos.recordValue(Math.max(0, latencyNanos));
    }

    /** The latency in milliseconds at this percentile (0..100), NaN without samples. */
    static double percentileMillis(Histogram nanos, double percentile) {
        return nanos.getTotalCount() == 0
                ? Double.NaN
                : nanos.getValueAtPercentile(percentile) / 1e6;
    }

    /** The largest latency in milliseconds, NaN without samples. */
    static double maxMillis(Histogram nanos) {
        return nanos.getTotalCount() == 0 ? Double.NaN : nanos.getMaxValue() / 1e6;
    }
}
