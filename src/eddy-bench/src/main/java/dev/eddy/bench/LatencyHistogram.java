package dev.eddy.bench;

/**
 * Latencies in buckets of 100 µs up to 60 s (larger ones land in the last bucket): constant memory
 * however many samples, percentiles exact to the bucket. Not thread-safe; merge per-thread
 * histograms with {@link #add(LatencyHistogram)}.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 600_000;

    private final int[] counts = new int[BUCKETS];
    private long samples;
    private long maxNanos;

    void record(long nanos) {
        long bucket = Math.max(0, nanos) / BUCKET_NANOS;
        counts[(int) Math.min(bucket, BUCKETS - 1)]++;
        samples++;
        maxNanos = Math.max(maxNanos, nanos);
    }

    void add(LatencyHistogram other) {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += other.counts[i];
        }
        samples += other.samples;
        maxNanos = Math.max(maxNanos, other.maxNanos);
    }

    long samples() {
        return samples;
    }

    /**
     * The latency in milliseconds below which {@code percentile} percent of the samples fall
     * (bucket upper bound).
     */
    double percentileMillis(double percentile) {
        if (samples == 0) {
            return Double.NaN;
        }
        long rank = (long) Math.ceil(percentile / 100.0 * samples);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= Math.max(rank, 1)) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return maxMillis();
    }

    double maxMillis() {
        return maxNanos / 1e6;
    }
}
