package dev.jfio.stats;

import java.util.List;

/**
 * A job's time series, as the JSON report's {@code "jfio"} key carries it: per interval its start
 * and length (milliseconds since measuring began), and per direction the I/Os and bytes completed
 * in it and its completion latency p50/p90/p99/p99.9/max in nanoseconds. Immutable; safe from any
 * thread.
 *
 * <p>A point covers one interval ({@link #intervalMillis}) or, once a long run filled the series,
 * several: then its I/Os and bytes are summed, its max is the largest, and its percentiles are the
 * I/O-weighted mean of the intervals' (an approximation: the exact distributions are in the log
 * of {@code write_hdr_log}).
 *
 * @param intervalMillis the length of one measuring interval
 * @param startMillis per point, its start
 * @param durationMillis per point, its length
 * @param dirs per direction (READ, WRITE, TRIM order), null where the job does not do it
 * @param zeroWallNanos the wall clock (epoch ns) when measuring began, which {@code startMillis} count
 *     from (JSON "zero_wall_ns"): point i began at {@code zeroWallNanos + startMillis[i] * 1e6}; 0 when unknown
 */
public record IntervalSeries(
        long intervalMillis, long[] startMillis, long[] durationMillis, Direction[] dirs, long zeroWallNanos) {
    /** What a point holds per latency figure, in this order. */
    public static final List<String> FIGURES = List.of("p50", "p90", "p99", "p99.9", "max");
    /** The percentiles of {@link #FIGURES} before max. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /**
     * One direction's columns, one entry per point.
     *
     * @param clatNanos per figure of {@link #FIGURES}, per point
     */
    public record Direction(long[] ios, long[] bytes, long[][] clatNanos) {}

    /** Points in the series. */
    public int points() {
        return startMillis.length;
    }

    /**
     * Clones merged for group_reporting: point i of each (same interval index) summed as a
     * coalesced point is (see the class comment). Results of unequal length keep every point.
     */
    public static IntervalSeries merge(List<IntervalSeries> all) {
        IntervalSeries first = null;
        int n = 0;
        for (IntervalSeries s : all) {
            if (s != null) {
                first = first == null ? s : first;
                n = Math.max(n, s.points());
            }
        }
        if (first == null) {
            return null;
        }
        long[] start = new long[n];
        long[] duration = new long[n];
        Direction[] dirs = new Direction[first.dirs.length];
        for (IntervalSeries s : all) {
            if (s == null) {
                continue;
            }
            for (int i = 0; i < s.points(); i++) {
                if (duration[i] == 0) {
                    start[i] = s.startMillis[i];
                }
                duration[i] = Math.max(duration[i], s.durationMillis[i]);
            }
            for (int d = 0; d < dirs.length && d < s.dirs.length; d++) {
                Direction from = s.dirs[d];
                if (from == null) {
                    continue;
                }
                if (dirs[d] == null) {
                    dirs[d] = new Direction(new long[n], new long[n], new long[FIGURES.size()][n]);
                }
                for (int i = 0; i < s.points(); i++) {
                    Points.add(dirs[d], i, from.ios[i], from.bytes[i], from, i);
                }
            }
        }
        return new IntervalSeries(first.intervalMillis, start, duration, dirs, first.zeroWallNanos);
    }

    /** Point arithmetic shared by the merge and {@link SeriesBuilder}'s coalescing. */
    static final class Points {
        private Points() {}

        /** Adds point {@code j} of {@code from}'s figures, with {@code ios} and {@code bytes}, to point {@code i} of {@code to}. */
        static void add(Direction to, int i, long ios, long bytes, Direction from, int j) {
            long before = to.ios[i];
            long total = before + ios;
            int last = FIGURES.size() - 1;
            for (int f = 0; f < last; f++) {
                long[] col = to.clatNanos[f];
                col[i] = total == 0
                        ? Math.max(col[i], from.clatNanos[f][j])
                        : Math.round(((double) col[i] * before + (double) from.clatNanos[f][j] * ios) / total);
            }
            to.clatNanos[last][i] = Math.max(to.clatNanos[last][i], from.clatNanos[last][j]);
            to.ios[i] = total;
            to.bytes[i] += bytes;
        }
    }

    @Override
    public String toString() {
        return "IntervalSeries[" + points() + " points of " + intervalMillis + " ms]";
    }
}
