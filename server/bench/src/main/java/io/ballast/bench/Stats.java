package io.ballast.bench;

import java.util.Arrays;

/** The statistics the end-to-end benchmarks report: medians of trials and nearest-rank percentiles of delays. */
final class Stats {

    private Stats() {
    }

    /** The median of the values (the upper one of an even count); the array is left as it was. */
    static double median(double[] values) {
        double[] copy = values.clone();
        Arrays.sort(copy);
        return copy[copy.length / 2];
    }

    /** The median of one column of rows of measurements. */
    static double median(double[][] rows, int column) {
        return median(Arrays.stream(rows).mapToDouble(r -> r[column]).toArray());
    }

    /** Nearest-rank percentile ({@code p} in 0..1) of sorted nanosecond durations, in milliseconds; NaN if none. */
    static double percentileMs(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
