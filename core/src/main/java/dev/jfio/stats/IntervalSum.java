package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Adds up handed-over {@link IntervalHistograms.Interval}s of one job clone or of a group's
 * clones into one {@link IntervalResult}: counts are summed, latencies merged losslessly.
 * Reused interval after interval ({@link #clear}). Not thread-safe: the reader thread's.
 */
public final class IntervalSum {
    private static final int DIRS = IoOps.DATA.length;

    private final boolean[] used;
    private final Histogram[] clat = new Histogram[DIRS];
    private final long[] ios = new long[DIRS];
    private final long[] bytes = new long[DIRS];
    private final long[] min = new long[DIRS];
    private final long[] max = new long[DIRS];
    private long startNanos;
    private long endNanos;
    private int intervals;

    /** @param usedDirs the directions to report, indexed by {@link IoOp#ordinal()} */
    public IntervalSum(boolean[] usedDirs) {
        this.used = usedDirs.clone();
        for (int d = 0; d < DIRS; d++) {
            if (used[d]) {
                Histogram h = new Histogram(1, LatencyRecorder.INITIAL_RANGE_NANOS, LatencyRecorder.SIGNIFICANT_DIGITS);
                h.setAutoResize(true);
                clat[d] = h;
            }
        }
        clear();
    }

    /** Adds one interval of a measured clone (read it before releasing it). */
    public void add(IntervalHistograms.Interval interval) {
        for (IoOp dir : IoOps.DATA) {
            int d = dir.ordinal();
            ios[d] += interval.ios(dir);
            bytes[d] += interval.bytes(dir);
            if (clat[d] != null && interval.clatSamples(dir) > 0) {
                interval.addClatTo(dir, clat[d]);
                min[d] = Math.min(min[d], interval.clatMin(dir));
                max[d] = Math.max(max[d], interval.clatMax(dir));
            }
        }
        startNanos = Math.min(startNanos, interval.startNanos());
        endNanos = Math.max(endNanos, interval.endNanos());
        intervals++;
    }

    /** Whether nothing was added since {@link #clear}. */
    public boolean isEmpty() {
        return intervals == 0;
    }

    /** The figures added so far. */
    public IntervalResult result(String job, int clone, int groupId, int jobs, boolean group, boolean last) {
        List<IntervalResult.Direction> dirs = new ArrayList<>();
        for (IoOp dir : IoOps.DATA) {
            int d = dir.ordinal();
            if (!used[d]) {
                continue;
            }
            long n = clat[d].getTotalCount();
            dirs.add(new IntervalResult.Direction(
                    dir,
                    ios[d],
                    bytes[d],
                    n,
                    n == 0 ? 0 : min[d],
                    percentile(d, 50),
                    percentile(d, 90),
                    percentile(d, 99),
                    percentile(d, 99.9),
                    n == 0 ? 0 : max[d]));
        }
        return new IntervalResult(job, clone, groupId, jobs, group, startNanos, endNanos, last, List.copyOf(dirs));
    }

    private long percentile(int d, double p) {
        if (clat[d].getTotalCount() == 0) {
            return 0;
        }
        return Math.max(min[d], Math.min(max[d], clat[d].getValueAtPercentile(p)));
    }

    /** Starts a new sum. */
    public void clear() {
        for (int d = 0; d < DIRS; d++) {
            if (clat[d] != null) {
                clat[d].reset();
            }
            ios[d] = 0;
            bytes[d] = 0;
            min[d] = Long.MAX_VALUE;
            max[d] = 0;
        }
        startNanos = Long.MAX_VALUE;
        endNanos = Long.MIN_VALUE;
        intervals = 0;
    }
}
