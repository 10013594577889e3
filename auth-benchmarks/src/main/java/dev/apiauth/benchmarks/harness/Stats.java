package dev.apiauth.benchmarks.harness;

import java.util.Arrays;

/** Percentiles of a sample, nearest-rank (the value at or below which {@code p} % of the sample lies). */
public final class Stats {
    private final long[] sorted;

    private Stats(long[] values) {
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    public static Stats of(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to take percentiles of");
        }
        return new Stats(values);
    }

    /** The nearest-rank percentile, {@code 0 < p <= 100}. */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public long min() {
        return sorted[0];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    public int count() {
        return sorted.length;
    }

    /** Nanoseconds as milliseconds with two decimals. */
    public static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
