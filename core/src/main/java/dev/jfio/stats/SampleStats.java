package dev.jfio.stats;

/**
 * Summary of periodic samples (bandwidth in KiB/s or IOPS, taken every 500 ms), as fio's
 * bw_min/bw_max/bw_mean/bw_dev/bw_samples.
 */
public record SampleStats(long min, long max, double mean, double stddev, int samples) {
    public static final SampleStats EMPTY = new SampleStats(0, 0, 0, 0, 0);
}
