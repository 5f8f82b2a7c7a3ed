package dev.jfio.stats;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * One latency kind of one direction of one job: an HdrHistogram {@link SingleWriterRecorder} for
 * percentiles, plus exact count/min/max/mean/stddev in primitives (HdrHistogram's are approximate).
 *
 * <p>Thread contract: {@link #record} only from the owning job thread; {@link #cumulative()} and
 * {@link #result()} from that thread or after it has ended.
 */
final class LatencyRecorder {
    /** The largest latency the histogram tracks: one hour. Longer ones are binned here; the exact max is kept. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);
    static final int SIGNIFICANT_DIGITS = 3;

    private final SingleWriterRecorder recorder =
            new SingleWriterRecorder(1, HIGHEST_TRACKABLE_NANOS, SIGNIFICANT_DIGITS);
    private final RunningStats exact = new RunningStats();
    /** Everything taken out of the recorder so far; null until the first interval is taken. */
    private Histogram taken;

    /** Records one latency in nanoseconds (negative clock skew counts as 0). Allocation-free. */
    void record(long nanos) {
        long v = nanos < 0 ? 0 : nanos;
        exact.add(v);
        recorder.recordValue(v > HIGHEST_TRACKABLE_NANOS ? HIGHEST_TRACKABLE_NANOS : v);
    }

    /** Forgets everything recorded. */
    void reset() {
        recorder.reset();
        exact.reset();
        taken = null;
    }

    long count() {
        return exact.n();
    }

    /** A copy of every value recorded since the last reset. */
    Histogram cumulative() {
        Histogram interval = recorder.getIntervalHistogram();
        if (taken == null) {
            taken = interval;
        } else {
            taken.add(interval);
        }
        return taken.copy();
    }

    /** The figures so far; histogram null when empty. */
    LatencyResult result() {
        if (exact.n() == 0) {
            return LatencyResult.EMPTY;
        }
        return new LatencyResult(exact.n(), exact.min(), exact.max(), exact.mean(), exact.stddev(), cumulative());
    }
}
