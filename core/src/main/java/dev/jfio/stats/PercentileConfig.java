package dev.jfio.stats;

/** Which latency kinds get percentiles, and at which points (fio's percentile_list). */
public record PercentileConfig(boolean clat, boolean lat, boolean slat, double[] points) {
    /** fio's default percentile_list. */
    public static final double[] DEFAULT_POINTS = {
        1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99
    };

    public static final PercentileConfig DEFAULT = new PercentileConfig(true, false, false, DEFAULT_POINTS);
}
