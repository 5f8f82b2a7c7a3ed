package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.spi.IoOp;
import org.HdrHistogram.Histogram;

/**
 * One job clone's completion latencies and counts since the last interval was taken, for
 * figures of an interval alone (jfio's {@code --interval-stats}; a histogram log per interval
 * could take its intervals the same way).
 *
 * <p>Two preallocated {@link Interval}s take turns: the job thread records into the active one;
 * another thread asks for the interval ({@link #request}), the job thread hands the active one
 * over at its next {@link #tick} and goes on with the spare one (a reference swap: nothing is
 * copied or allocated, and the I/O loop never waits for the reader), the reader reads the interval
 * ({@link #poll}), then clears it and gives it back ({@link #release}), so it is the spare for the
 * next swap. Counts are deltas of the job's own totals taken at the swap, so the intervals of a
 * job add up to its totals exactly; {@link JobStats#begin} (the end of ramp_time) restarts them.
 *
 * <p>Thread contract: {@link #record}, {@link #restart} and {@link #tick} on the job thread only,
 * allocation-free (a histogram grows, allocating, only for a latency above every one before it and
 * above 134 ms, as {@link LatencyRecorder}'s does). {@link #request}, {@link #poll} and {@link
 * #release} on one reader thread; {@link #rest} on that thread once the job thread has ended (after
 * a happens-before edge such as a volatile "finished" flag or Thread.join).
 */
public final class IntervalHistograms {
    private static final int DIRS = IoOps.DATA.length;
    private static final int IDLE = 0;
    private static final int REQUESTED = 1;
    private static final int READY = 2;

    private final Interval first;
    private final Interval second;
    /** How many {@link #restart}s make the figures measured: 2 with a ramp (start, then ramp end), else 1. */
    private final int measuringRestarts;

    // job thread
    private Interval active;
    private int restarts;
    private long intervalStart;
    private final long[] lastBytes = new long[DIRS];
    private final long[] lastIos = new long[DIRS];

    /** Written by the job thread before READY, read and cleared by the reader before IDLE. */
    private Interval handedOver;

    private volatile int state = IDLE;

    /**
     * @param usedDirs which directions the job does, indexed by {@link IoOp#ordinal()}
     * @param hasRamp whether the job has ramp_time: figures count from the second restart then
     */
    public IntervalHistograms(boolean[] usedDirs, boolean hasRamp) {
        this.first = new Interval(usedDirs);
        this.second = new Interval(usedDirs);
        this.active = first;
        this.measuringRestarts = hasRamp ? 2 : 1;
    }

    /** The directions the job does, indexed by {@link IoOp#ordinal()}. */
    public boolean[] directions() {
        boolean[] used = new boolean[DIRS];
        for (int d = 0; d < DIRS; d++) {
            used[d] = first.clat[d] != null;
        }
        return used;
    }

    /** One completion latency of {@code d}. Job thread; allocation-free. */
    void record(int d, long clatNanos) {
        active.record(d, clatNanos);
    }

    /** Measuring (re)starts at {@code nowNanos} with zeroed totals. Job thread. */
    void restart(long nowNanos) {
        restarts++;
        active.clear();
        for (int d = 0; d < DIRS; d++) {
            lastBytes[d] = 0;
            lastIos[d] = 0;
        }
        intervalStart = nowNanos;
    }

    /** Hands the active interval over when one was requested. Job thread; one volatile read when not. */
    void tick(long nowNanos, long[] bytes, long[] ios) {
        if (state == REQUESTED) {
            close(nowNanos, bytes, ios);
            active = active == first ? second : first;
            state = READY;
        }
    }

    private void close(long nowNanos, long[] bytes, long[] ios) {
        Interval full = active;
        for (int d = 0; d < DIRS; d++) {
            full.bytes[d] = bytes[d] - lastBytes[d];
            full.ios[d] = ios[d] - lastIos[d];
            lastBytes[d] = bytes[d];
            lastIos[d] = ios[d];
        }
        full.startNanos = intervalStart;
        full.endNanos = nowNanos;
        full.measured = restarts >= measuringRestarts;
        intervalStart = nowNanos;
        handedOver = full;
    }

    /** Asks the job thread for its interval at its next tick. Reader thread; no-op while one is pending. */
    public void request() {
        if (state == IDLE) {
            state = REQUESTED;
        }
    }

    /** The interval the job thread handed over since {@link #request}, or null when it has not ticked yet. */
    public Interval poll() {
        return state == READY ? handedOver : null;
    }

    /** Gives back the interval {@link #poll} returned, cleared, as the spare for the next swap. Reader thread. */
    public void release() {
        if (state != READY) {
            throw new IllegalStateException("no interval was handed over");
        }
        handedOver.clear();
        handedOver = null;
        state = IDLE;
    }

    /**
     * Everything since the last handed-over interval, once the job thread has ended: the last
     * interval of the job. Reader thread; release it as any other. An interval still handed over
     * must be released first.
     *
     * @param bytes the job's final bytes per direction
     * @param ios the job's final I/Os per direction
     */
    Interval rest(long endNanos, long[] bytes, long[] ios) {
        if (state == READY) {
            throw new IllegalStateException("release the handed-over interval first");
        }
        close(Math.max(endNanos, intervalStart), bytes, ios);
        active = active == first ? second : first;
        state = READY;
        return handedOver;
    }

    /**
     * One interval of one job clone: per direction the I/Os and bytes completed in it and the
     * completion latencies recorded in it. Read it between {@link #poll} (or {@link #rest}) and
     * {@link #release}, on the reader thread; never keep it longer.
     */
    public static final class Interval {
        private final Histogram[] clat = new Histogram[DIRS];
        private final long[] min = new long[DIRS];
        private final long[] max = new long[DIRS];
        final long[] ios = new long[DIRS];
        final long[] bytes = new long[DIRS];
        long startNanos;
        long endNanos;
        boolean measured;

        Interval(boolean[] usedDirs) {
            for (int d = 0; d < DIRS; d++) {
                if (usedDirs[d]) {
                    Histogram h =
                            new Histogram(1, LatencyRecorder.INITIAL_RANGE_NANOS, LatencyRecorder.SIGNIFICANT_DIGITS);
                    h.setAutoResize(true);
                    clat[d] = h;
                }
            }
            clear();
        }

        void record(int d, long nanos) {
            long v = nanos < 0 ? 0 : nanos;
            if (v < min[d]) {
                min[d] = v;
            }
            if (v > max[d]) {
                max[d] = v;
            }
            clat[d].recordValue(Math.min(v, LatencyRecorder.HIGHEST_TRACKABLE_NANOS));
        }

        void clear() {
            for (int d = 0; d < DIRS; d++) {
                if (clat[d] != null) {
                    clat[d].reset();
                }
                min[d] = Long.MAX_VALUE;
                max[d] = 0;
                ios[d] = 0;
                bytes[d] = 0;
            }
        }

        /** I/Os of {@code d} completed in the interval. */
        public long ios(IoOp d) {
            return ios[d.ordinal()];
        }

        /** Bytes of {@code d} completed in the interval. */
        public long bytes(IoOp d) {
            return bytes[d.ordinal()];
        }

        /** Completion latency samples of {@code d} in the interval. */
        public long clatSamples(IoOp d) {
            Histogram h = clat[d.ordinal()];
            return h == null ? 0 : h.getTotalCount();
        }

        /** The exact smallest completion latency of {@code d} in the interval; 0 without samples. */
        public long clatMin(IoOp d) {
            return clatSamples(d) == 0 ? 0 : min[d.ordinal()];
        }

        /** The exact largest completion latency of {@code d} in the interval; 0 without samples. */
        public long clatMax(IoOp d) {
            return max[d.ordinal()];
        }

        /**
         * The completion latency of {@code d} at percentile {@code p} (0 to 100] of the interval,
         * clamped to the exact min and max; 0 without samples.
         */
        public long clatPercentile(IoOp d, double p) {
            if (clatSamples(d) == 0) {
                return 0;
            }
            long v = clat[d.ordinal()].getValueAtPercentile(p);
            return Math.max(min[d.ordinal()], Math.min(max[d.ordinal()], v));
        }

        /** Adds the interval's latencies of {@code d} to {@code into} (for a group's figures). */
        public void addClatTo(IoOp d, Histogram into) {
            Histogram h = clat[d.ordinal()];
            if (h != null && h.getTotalCount() > 0) {
                into.add(h);
            }
        }

        /** When the interval began and ended ({@link System#nanoTime()}): the previous take (or the start), and this one. */
        public long startNanos() {
            return startNanos;
        }

        public long endNanos() {
            return endNanos;
        }

        /** False for an interval of ramp_time, whose figures the job's totals do not count. */
        public boolean measured() {
            return measured;
        }
    }
}
