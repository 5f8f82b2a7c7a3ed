package dev.jfio.stats;

import org.HdrHistogram.Histogram;

/**
 * One latency kind (slat, clat, lat, sched_lat) of one direction, in nanoseconds: exact count,
 * min, max, mean and standard deviation, and the histogram for percentiles and json+ bins.
 *
 * @param histogram null when {@code n == 0}
 */
public record LatencyResult(long n, long min, long max, double mean, double stddev, Histogram histogram) {

    /** A kind with no samples. */
    public static final LatencyResult EMPTY = new LatencyResult(0, 0, 0, 0, 0, null);

    /**
     * The value at percentile {@code p} (0 to 100], clamped to the exact min and max so that a
     * percentile never exceeds the max (fio's can) nor falls below the min. 0 when empty.
     */
    public long percentile(double p) {
        if (n == 0 || histogram == null) {
            return 0;
        }
        long v = histogram.getValueAtPercentile(p);
        return Math.max(min, Math.min(max, v));
    }
}
