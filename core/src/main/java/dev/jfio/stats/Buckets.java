package dev.jfio.stats;

/**
 * fio's fixed distributions: I/O depth levels, submit/complete batch sizes and completion latency
 * ranges (io_u.c {@code io_u_mark_depth}, {@code __io_u_mark_map}, {@code io_u_mark_lat_*}), and
 * how stat.c turns their counts into percentages.
 */
final class Buckets {
    static final int DEPTH_BUCKETS = 7;
    static final int LAT_NS_BUCKETS = 10;
    static final int LAT_US_BUCKETS = 10;
    static final int LAT_MS_BUCKETS = 12;

    private Buckets() {}

    /*
     * The indexes below (and LatencyRanges) are computed without data-dependent branches. The JIT
     * compiles the job loop with these inlined; a branch its profile never saw taken becomes a trap,
     * and the first depth, batch or latency in a range not seen before would throw the whole compiled
     * loop away (it did: a 1 ms latency 1.5 s into a run cost the loop 0.4 s of recompilation).
     */

    /** Depth levels 1, 2, 4, 8, 16, 32, >=64: bucket of a depth (each covers up to the next label). */
    static int depthIndex(int depth) {
        return Math.min(6, 31 - Integer.numberOfLeadingZeros(depth | 1));
    }

    /** Batch buckets 0, 4, 8, 16, 32, 64, >=64: 0 → "0", 1-4 → "4", 5-8 → "8", ..., 33-64 → "64", more → ">=64". */
    static int batchIndex(int n) {
        int positive = (-n) >>> 31; // 1 for n > 0, else 0
        int above = Math.max(n - 1, 0) >> 2; // 1-4 → 0, 5-8 → 1, 9-16 → 2..3, ...
        return positive * Math.min(6, 33 - Integer.numberOfLeadingZeros(above));
    }

    /** fio's stat_calc_dist: percent of total, nonzero buckets under 0.1% shown as 0.1. */
    static double[] depthPercentages(long[] counts, long total) {
        return percentages(counts, total, 0.1);
    }

    /** fio's stat_calc_lat: percent of total, nonzero buckets under 0.01% shown as 0.01. */
    static double[] latencyPercentages(long[] counts, long total) {
        return percentages(counts, total, 0.01);
    }

    private static double[] percentages(long[] counts, long total, double floor) {
        double[] pct = new double[counts.length];
        if (total == 0) {
            return pct;
        }
        for (int i = 0; i < counts.length; i++) {
            double p = (double) counts[i] / (double) total * 100.0;
            pct[i] = p < floor && counts[i] != 0 ? floor : p;
        }
        return pct;
    }
}
