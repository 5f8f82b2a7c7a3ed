package dev.jfio.run;

import dev.jfio.job.LatencyControl;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import java.io.IOException;
import java.util.Locale;

/**
 * fio's {@code latency_target} queue-depth search (io_u.c {@code lat_target_*}) and its
 * {@code max_latency}. Job thread only; allocation-free until the job fails.
 *
 * <p>The search starts at depth 1. At the end of each {@code latency_window} it looks at the
 * share of the window's completions whose latency (fio's total latency) met the target: at or
 * above {@code latency_percentile} it ramps up (doubling while no depth has failed, then
 * bisecting towards the lowest failing depth, which three successes in a row at the step below
 * raise by one); below it ramps down (bisecting towards the highest good depth). With
 * {@code latency_percentile=100} one late I/O ramps down at once, and one at depth 1 fails the
 * job with ETIMEDOUT. Each ramp down first drains what is in flight. When a success leaves the
 * depth unchanged the depth is found: without {@code latency_run} the job drains, restarts its
 * statistics and runs one more window at that depth, then ends; with it the search goes on.
 */
final class LatencyTarget {
    private final long target;
    private final long window;
    private final double percentile;
    private final boolean keepSearching;
    private final long[] maxLatency;
    private final int iodepth;
    private final int lowWater;
    /** Told the depth found, for the report; its stats and logs restart for the final window. */
    private final JobClone clone;

    private final IoSource planner;

    private int depth;
    private int depthHigh;
    private int depthLow;
    private int stableCount;
    private long windowStart;
    private long completions;
    private long windowCompletions;
    private long windowFailures;
    private boolean finalRun;
    private boolean quiesce;

    LatencyTarget(LatencyControl control, QueueDepths depths, JobClone clone, IoSource planner) {
        this.target = control.targetNanos();
        this.window = control.windowNanos();
        this.percentile = control.percentile();
        this.keepSearching = control.run();
        this.maxLatency = control.maxNanos();
        this.iodepth = depths.depth();
        this.lowWater = depths.lowWater();
        this.clone = clone;
        this.planner = planner;
        this.depth = iodepth;
        clone.latencyDepth = iodepth;
        restart(System.nanoTime()); // as fio's lat_target_init when the I/O loop starts
    }

    /**
     * Whether the job searches for a depth (latency_target); else {@link #turn} does nothing. The loop
     * asks this first, so that only such a job also asks whether measuring has started: that answer
     * changes at the ramp's end, and a branch first taken then would discard the compiled loop.
     */
    boolean searching() {
        return target != 0;
    }

    /** The I/O loop starts (or measuring starts after ramp_time) at {@code now}: the search begins at depth 1. */
    void restart(long now) {
        if (target == 0 || finalRun) {
            return;
        }
        depth = 1;
        depthHigh = iodepth;
        depthLow = 1;
        stableCount = 0;
        newWindow(now);
    }

    /** How many I/Os may be in flight now. */
    int depth() {
        return depth;
    }

    /** A full queue is reaped down to this many in flight. */
    int lowWater() {
        return Math.min(lowWater, depth - 1);
    }

    /**
     * A data I/O completed after {@code latency} nanoseconds (fio's lat: from before it was queued).
     *
     * @return the job's failure (ETIMEDOUT) when it broke max_latency, or the target at depth 1; else null
     */
    JobFailedException completed(IoUnit unit, IoOp op, long latency) {
        completions++;
        long max = maxLatency[op.ordinal()];
        if (max > 0 && latency > max) {
            return exceeded(unit, op, latency, max);
        }
        if (target > 0 && latency > target) {
            if (percentile < 100) {
                windowFailures++;
            } else if (!rampDown(System.nanoTime())) {
                return exceeded(unit, op, latency, target);
            }
        }
        return null;
    }

    /**
     * A turn of the loop at {@code now} while measuring: drains after a ramp down, and judges the
     * window when it is over.
     *
     * @return true when the search is over and the job ends
     */
    boolean turn(long now, LoopControl loop) throws IOException {
        if (target == 0) {
            return false;
        }
        if (quiesce) {
            quiesce = false;
            loop.drain();
        }
        if (now - windowStart < window) {
            return false;
        }
        long ios = completions - windowCompletions;
        // fio divides by the window's I/Os: a window without any is a failure (NaN compares false)
        double success = ios == 0 ? Double.NaN : 100.0 * (ios - windowFailures) / ios;
        if (success >= percentile) {
            return rampUp(loop);
        }
        rampDown(now);
        return false;
    }

    /** fio's __lat_target_failed: false at depth 1, where there is nowhere to go. */
    private boolean rampDown(long now) {
        if (depth == 1) {
            return false;
        }
        depthHigh = depth;
        if (depth == depthLow) {
            depthLow--;
        }
        setDepth((depth + depthLow) / 2);
        stableCount = 0;
        quiesce = true;
        newWindow(now);
        return true;
    }

    /** fio's lat_target_success. */
    private boolean rampUp(LoopControl loop) throws IOException {
        int before = depth;
        depthLow = depth;
        if (depth + 1 == depthHigh && ++stableCount >= 3) {
            depthHigh++;
            stableCount = 0;
        }
        int next = depthHigh != iodepth ? (depth + depthHigh) / 2 : depth * 2;
        setDepth(Math.min(next, iodepth));
        boolean done = false;
        if (!keepSearching && depth == before) {
            if (finalRun) {
                done = true;
            } else {
                loop.drain();
                finalRun = true;
                long now = System.nanoTime(); // as fio's reset_all_stats: the report covers the final window only
                clone.stats.begin(now);
                clone.logs.begin(now);
                planner.restartBudget();
            }
        }
        newWindow(System.nanoTime());
        return done;
    }

    private void setDepth(int d) {
        depth = Math.max(1, d);
        clone.latencyDepth = depth;
    }

    private void newWindow(long now) {
        windowStart = now;
        windowCompletions = completions;
        windowFailures = 0;
    }

    /** fio's lat_fatal: the job fails with ETIMEDOUT, naming the I/O. */
    private static JobFailedException exceeded(IoUnit unit, IoOp op, long latency, long max) {
        return new JobFailedException(
                Errno.ETIMEDOUT,
                "latency of " + latency + " nsec exceeds specified max (" + max + " nsec): " + unit.target() + " "
                        + op.name().toLowerCase(Locale.ROOT) + " " + unit.offset() + " " + unit.length()
                        + " (max latency exceeded)");
    }
}
