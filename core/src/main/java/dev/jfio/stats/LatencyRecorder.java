package dev.jfio.stats;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One latency kind of one direction of one job: an HdrHistogram {@link Histogram} for percentiles,
 * plus exact count/min/max/mean/stddev in primitives (HdrHistogram's are approximate).
 *
 * <p>Memory follows what is recorded. The live histogram starts out covering up to
 * {@link #INITIAL_RANGE_NANOS} (about 134 ms: 152 KiB) and grows by 8 KiB each time the largest
 * latency doubles beyond it, instead of spanning up to an hour from the start (264 KiB, twice over
 * in a recorder): numjobs=100 fits a 64 MiB heap. Growing allocates a new counts array, but only
 * for a latency above 134 ms that exceeds every one before it, so the steady state of a loop whose
 * I/O takes less (every local and most network I/O) allocates nothing. Results and finished jobs keep a {@link PackedHistograms packed} copy, whose
 * size follows the buckets in use. The bucket layout (1 ns, 3 significant digits) is the same in
 * every form, so percentiles and merges are exactly what one histogram of everything would give.
 *
 * <p>Thread contract: {@link #record}, {@link #reset} and {@link #finish} only from the owning job
 * thread; {@link #result()} from that thread or after it has ended (a plain histogram: no other
 * thread takes intervals, so none of a recorder's per-value synchronization is paid).
 */
final class LatencyRecorder {
    /** The largest latency the histogram tracks: one hour. Longer ones are binned here; the exact max is kept. */
    static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.HOURS.toNanos(1);

    static final int SIGNIFICANT_DIGITS = 3;
    /** What the live histogram covers before it first grows: 2^27 ns, about 134 ms. */
    static final long INITIAL_RANGE_NANOS = 1L << 27;

    /** Dense and growing; null once {@link #finish} packed it. */
    private Histogram live = newLive();
    /** What {@link #live} held when the job finished, packed; shared by every result taken after. */
    private Histogram finished;

    private final RunningStats exact = new RunningStats();

    private static Histogram newLive() {
        Histogram h = new Histogram(1, INITIAL_RANGE_NANOS, SIGNIFICANT_DIGITS);
        h.setAutoResize(true);
        return h;
    }

    /** Records one latency in nanoseconds (negative clock skew counts as 0). Allocation-free unless it is a new largest. */
    void record(long nanos) {
        long v = nanos < 0 ? 0 : nanos;
        exact.add(v);
        live.recordValue(v > HIGHEST_TRACKABLE_NANOS ? HIGHEST_TRACKABLE_NANOS : v);
    }

    /** Forgets everything recorded (the grown histogram is kept for the values to come). */
    void reset() {
        if (live == null) {
            live = newLive();
        } else {
            live.reset();
        }
        finished = null;
        exact.reset();
    }

    /** Nothing more is recorded: the dense histogram is packed and dropped, freeing its memory. */
    void finish() {
        if (live != null) {
            finished = exact.n() == 0 ? null : PackedHistograms.copyOf(live);
            live = null;
        }
    }

    /**
     * What was recorded since {@code previous} was taken: {@code out} becomes the live histogram
     * minus {@code previous}, and {@code previous} becomes a copy of the live histogram.
     * Allocation-free unless the live histogram grew since (then both resize once). Job thread,
     * before {@link #finish}.
     */
    void intervalInto(Histogram previous, Histogram out) {
        out.reset();
        out.add(live);
        out.subtract(previous);
        previous.reset();
        previous.add(live);
    }

    /**
     * An empty histogram for interval snapshots, which grows as the live one does: of the live
     * one's layout with {@link #SIGNIFICANT_DIGITS}, or coarser (and smaller) with fewer.
     */
    static Histogram newIntervalHistogram(int significantDigits) {
        Histogram h = new Histogram(1, INITIAL_RANGE_NANOS, significantDigits);
        h.setAutoResize(true);
        return h;
    }

    long count() {
        return exact.n();
    }

    /** The figures so far; histogram null when empty. Never written again, so shareable. */
    LatencyResult result() {
        if (exact.n() == 0) {
            return LatencyResult.EMPTY;
        }
        Histogram h = live == null ? finished : PackedHistograms.copyOf(live);
        return new LatencyResult(exact.n(), exact.min(), exact.max(), exact.mean(), exact.stddev(), h);
    }

    /** Bytes the histograms hold now (for tests of the memory per job). */
    long footprintBytes() {
        return (live == null ? 0 : live.getEstimatedFootprintInBytes())
                + (finished == null ? 0 : finished.getEstimatedFootprintInBytes());
    }
}
