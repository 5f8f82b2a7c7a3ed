package dev.jfio.stats;

/**
 * fio's completion latency ranges (io_u.c {@code io_u_mark_lat_nsec/usec/msec}) as one scale of 32
 * buckets: 10 of nanoseconds (labels 2 .. 1000), 10 of microseconds, 12 of milliseconds (2 ..
 * 1000, 2000, >=2000). A latency's bucket is the number of range bounds at or below it, found
 * without a data-dependent branch: from its power of two, which fixes the bucket up to the at most
 * two bounds inside that power's range. Branch-free because the JIT compiles the job loop with
 * this inlined, and a branch never taken while it profiled becomes a trap that discards the loop.
 *
 * <p>Thread contract: stateless after class initialisation; any thread.
 */
final class LatencyRanges {
    static final int BUCKETS = Buckets.LAT_NS_BUCKETS + Buckets.LAT_US_BUCKETS + Buckets.LAT_MS_BUCKETS;

    /** Latencies above this (73 years) count as this: no bound is near it, and no sum overflows. */
    private static final long CEILING = 1L << 61;

    /** The lower bound of buckets 1 .. 31, in nanoseconds. */
    private static final long[] BOUNDS = bounds();

    /** Per power of two k: bounds at or below 2^k, and the (up to two) bounds in (2^k, 2^(k+1)). */
    private static final int[] BASE = new int[62];

    private static final long[] FIRST = new long[62];
    private static final long[] SECOND = new long[62];

    static {
        for (int k = 0; k < BASE.length; k++) {
            long low = 1L << k;
            long high = (1L << (k + 1)) - 1;
            FIRST[k] = Long.MAX_VALUE; // "no bound": n <= CEILING never reaches it
            SECOND[k] = Long.MAX_VALUE;
            for (long b : BOUNDS) {
                if (b <= low) {
                    BASE[k]++;
                } else if (b <= high && FIRST[k] == Long.MAX_VALUE) {
                    FIRST[k] = b;
                } else if (b <= high && SECOND[k] == Long.MAX_VALUE) {
                    SECOND[k] = b;
                } else if (b <= high) {
                    throw new AssertionError("more than two latency bounds between 2^" + k + " and 2^" + (k + 1));
                }
            }
        }
    }

    private LatencyRanges() {}

    /** The bucket (0 .. 31) of a latency of {@code nanos} (negative counts as 0). Allocation-free. */
    static int index(long nanos) {
        long n = Math.min(Math.max(nanos, 0), CEILING);
        int k = 63 - Long.numberOfLeadingZeros(n | 1);
        // (b - 1 - n) >>> 63 is 1 exactly when n >= b; BOUNDS leave no b <= 0
        return BASE[k] + (int) ((FIRST[k] - 1 - n) >>> 63) + (int) ((SECOND[k] - 1 - n) >>> 63);
    }

    private static long[] bounds() {
        long[] decade = {2, 4, 10, 20, 50, 100, 250, 500, 750, 1000};
        long[] b = new long[BUCKETS - 1];
        int i = 0;
        for (long scale = 1; scale <= 1_000_000; scale *= 1000) {
            for (long d : decade) {
                b[i++] = d * scale;
            }
        }
        b[i] = 2_000_000_000L; // 1000-1999 ms → "2000", then ">=2000"
        return b;
    }
}
