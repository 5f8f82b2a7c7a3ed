package dev.jfio.stats;

import java.util.Arrays;
import org.HdrHistogram.Histogram;

/**
 * Builds a job's {@link IntervalSeries} one interval at a time, within a bounded size: up to
 * {@link #MAX_POINTS} points; when a long run fills them, neighbouring points are coalesced in
 * pairs and each point from then on covers twice as many intervals.
 *
 * <p>Thread contract: job thread only. {@link #add} allocates nothing except when the columns grow
 * (at 64, 128, ... points: a few times in a run, never in the first minute at 1 s intervals).
 */
final class SeriesBuilder {
    /** The most points a series keeps. */
    static final int MAX_POINTS = 1024;

    private static final int FIRST_CAPACITY = 64;
    private static final int DIRS = 3;
    private static final int FIGURES = IntervalSeries.FIGURES.size();

    private final long intervalMillis;
    private final boolean[] used;
    private long[] start = new long[FIRST_CAPACITY];
    private long[] duration = new long[FIRST_CAPACITY];
    private final IntervalSeries.Direction[] dirs = new IntervalSeries.Direction[DIRS];
    private int n;
    /** How many intervals a point covers. */
    private int span = 1;
    /** How many intervals the last point covers so far. */
    private int inLast;

    SeriesBuilder(long intervalMillis, boolean[] used) {
        this.intervalMillis = intervalMillis;
        this.used = used.clone();
        for (int d = 0; d < DIRS; d++) {
            if (used[d]) {
                dirs[d] = new IntervalSeries.Direction(
                        new long[FIRST_CAPACITY], new long[FIRST_CAPACITY], new long[FIGURES][FIRST_CAPACITY]);
            }
        }
    }

    /** Forgets every point (measuring restarts after ramp_time). */
    void clear() {
        n = 0;
        span = 1;
        inLast = 0;
    }

    /**
     * One interval.
     *
     * @param ios I/Os completed in it, per direction
     * @param bytes bytes completed in it, per direction
     * @param clat its completion latencies per direction (null where not measured)
     * @param intoLast whether it joins the last point rather than starting one (a short last interval)
     */
    void add(long startMillis, long durationMillis, long[] ios, long[] bytes, Histogram[] clat, boolean intoLast) {
        if (n == start.length) {
            grow();
        }
        start[n] = startMillis;
        duration[n] = durationMillis;
        for (int d = 0; d < DIRS; d++) {
            IntervalSeries.Direction dir = dirs[d];
            if (dir == null) {
                continue;
            }
            dir.ios()[n] = ios[d];
            dir.bytes()[n] = bytes[d];
            Histogram h = clat[d];
            boolean empty = h == null || h.getTotalCount() == 0;
            for (int f = 0; f < FIGURES - 1; f++) {
                dir.clatNanos()[f][n] = empty ? 0 : h.getValueAtPercentile(IntervalSeries.PERCENTILES[f]);
            }
            dir.clatNanos()[FIGURES - 1][n] = empty ? 0 : h.getMaxValue();
        }
        if (n > 0 && (inLast < span || intoLast)) {
            merge(n - 1, n);
            duration[n - 1] += durationMillis;
            inLast++;
            return;
        }
        n++;
        inLast = 1;
        if (n == MAX_POINTS) {
            coalesce();
        }
    }

    private void merge(int into, int from) {
        for (IntervalSeries.Direction dir : dirs) {
            if (dir != null) {
                IntervalSeries.Points.add(dir, into, dir.ios()[from], dir.bytes()[from], dir, from);
            }
        }
    }

    private void copy(int into, int from) {
        start[into] = start[from];
        duration[into] = duration[from];
        for (IntervalSeries.Direction dir : dirs) {
            if (dir != null) {
                dir.ios()[into] = dir.ios()[from];
                dir.bytes()[into] = dir.bytes()[from];
                for (long[] col : dir.clatNanos()) {
                    col[into] = col[from];
                }
            }
        }
    }

    /** Pairs of points become one: half as many points, each twice as long. */
    private void coalesce() {
        int half = n / 2;
        for (int i = 0; i < half; i++) {
            copy(i, 2 * i);
            merge(i, 2 * i + 1);
            duration[i] += duration[2 * i + 1];
        }
        n = half;
        span *= 2;
        inLast = span;
    }

    private void grow() {
        int capacity = Math.min(MAX_POINTS, start.length * 2);
        start = Arrays.copyOf(start, capacity);
        duration = Arrays.copyOf(duration, capacity);
        for (int d = 0; d < DIRS; d++) {
            IntervalSeries.Direction dir = dirs[d];
            if (dir != null) {
                long[][] clat = new long[FIGURES][];
                for (int f = 0; f < FIGURES; f++) {
                    clat[f] = Arrays.copyOf(dir.clatNanos()[f], capacity);
                }
                dirs[d] = new IntervalSeries.Direction(
                        Arrays.copyOf(dir.ios(), capacity), Arrays.copyOf(dir.bytes(), capacity), clat);
            }
        }
    }

    /**
     * A copy of the points so far, whose start 0 was at {@code zeroWallNanos} on the wall clock. (When the main thread reports a stuck job it takes this while
     * the job thread could still be adding: the count is clamped to the columns, so it never fails.)
     */
    IntervalSeries snapshot(long zeroWallNanos) {
        int n = Math.min(this.n, start.length);
        IntervalSeries.Direction[] out = new IntervalSeries.Direction[DIRS];
        for (int d = 0; d < DIRS; d++) {
            IntervalSeries.Direction dir = dirs[d];
            if (dir != null && used[d]) {
                n = Math.min(n, dir.ios().length);
                long[][] clat = new long[FIGURES][];
                for (int f = 0; f < FIGURES; f++) {
                    clat[f] = Arrays.copyOf(dir.clatNanos()[f], n);
                }
                out[d] = new IntervalSeries.Direction(Arrays.copyOf(dir.ios(), n), Arrays.copyOf(dir.bytes(), n), clat);
            }
        }
        return new IntervalSeries(
                intervalMillis, Arrays.copyOf(start, n), Arrays.copyOf(duration, n), out, zeroWallNanos);
    }
}
