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

    /** Depth levels 1, 2, 4, 8, 16, 32, >=64: bucket of a depth (each covers up to the next label). */
    static int depthIndex(int depth) {
        if (depth >= 64) {
            return 6;
        }
        if (depth >= 32) {
            return 5;
        }
        if (depth >= 16) {
            return 4;
        }
        if (depth >= 8) {
            return 3;
        }
        if (depth >= 4) {
            return 2;
        }
        return depth >= 2 ? 1 : 0;
    }

    /** Batch buckets 0, 4, 8, 16, 32, 64, >=64: 0 → "0", 1-4 → "4", 5-8 → "8", ..., 33-64 → "64", more → ">=64". */
    static int batchIndex(int n) {
        if (n <= 0) {
            return 0;
        }
        if (n <= 4) {
            return 1;
        }
        if (n <= 8) {
            return 2;
        }
        if (n <= 16) {
            return 3;
        }
        if (n <= 32) {
            return 4;
        }
        return n <= 64 ? 5 : 6;
    }

    /**
     * Bucket of a value within one decade scale, labels 2, 4, 10, 20, 50, 100, 250, 500, 750, 1000:
     * 0-1 → "2", 2-3 → "4", 4-9 → "10", ..., 750-999 → "1000".
     */
    static int decadeIndex(long v) {
        if (v >= 750) {
            return 9;
        }
        if (v >= 500) {
            return 8;
        }
        if (v >= 250) {
            return 7;
        }
        if (v >= 100) {
            return 6;
        }
        if (v >= 50) {
            return 5;
        }
        if (v >= 20) {
            return 4;
        }
        if (v >= 10) {
            return 3;
        }
        if (v >= 4) {
            return 2;
        }
        return v >= 2 ? 1 : 0;
    }

    /** Millisecond buckets: the decade ones, then 1000-1999 → "2000", 2000 and more → ">=2000". */
    static int msIndex(long ms) {
        if (ms >= 2000) {
            return 11;
        }
        if (ms >= 1000) {
            return 10;
        }
        return decadeIndex(ms);
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
