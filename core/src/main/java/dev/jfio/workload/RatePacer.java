package dev.jfio.workload;

/**
 * Schedules I/Os for fio's {@code rate} and {@code rate_iops} with {@code rate_process}.
 *
 * <p>The schedule is absolute: the due time of each I/O is fixed by the start time and the I/Os
 * before it, and does not drift when an I/O is issued late. The runner sleeps or spins until the due
 * time, issues the I/O, and measures its latency from the due time, so queueing delay is not hidden.
 *
 * <ul>
 *   <li>Linear ({@code rate_process=linear}, fio's default): the I/O that follows b bytes and k I/Os
 *       is due at start + b / bytesPerSecond, or start + k / iopsPerSecond; when both limits are
 *       given, the later (stricter) of the two. With variable block sizes each I/O thus delays the
 *       next by its own size over the byte rate, as fio's {@code usec_for_io} does. Due times are
 *       computed from the totals, not summed gap by gap, so they carry no rounding drift.</li>
 *   <li>Poisson ({@code rate_process=poisson}): the gaps between due times are exponentially
 *       distributed with the mean the linear schedule would use for the I/O just scheduled.</li>
 * </ul>
 *
 * <p>The first I/O is due at the start. fio's rates are per direction: use one pacer per limited
 * direction.
 *
 * <p>Not thread-safe: one instance per job thread. {@link #nextDueNanos} allocates nothing.
 */
public final class RatePacer {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private final long iopsPerSecond;
    private final boolean poisson;
    private final Rng rng;

    private boolean started;
    private long startNanos;
    private long bytesScheduled;
    private long iosScheduled;
    private long poissonOffsetNanos;

    /**
     * @param bytesPerSecond fio's rate in bytes per second, or 0 for no byte limit
     * @param iopsPerSecond  fio's rate_iops, or 0 for no IOPS limit
     * @param poisson        rate_process=poisson instead of linear
     * @param seed           the seed for Poisson gaps, e.g. {@link Rng#seedFor}(..., {@link Rng#STREAM_RATE})
     * @throws IllegalArgumentException if a rate is negative
     */
    public RatePacer(long bytesPerSecond, long iopsPerSecond, boolean poisson, long seed) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("rate must not be negative, got " + bytesPerSecond);
        }
        if (iopsPerSecond < 0) {
            throw new IllegalArgumentException("rate_iops must not be negative, got " + iopsPerSecond);
        }
        this.bytesPerSecond = bytesPerSecond;
        this.iopsPerSecond = iopsPerSecond;
        this.poisson = poisson;
        this.rng = new Rng(seed);
    }

    /** Whether any limit applies; if not, {@link #nextDueNanos} just returns its {@code nowNanos}. */
    public boolean limited() {
        return bytesPerSecond > 0 || iopsPerSecond > 0;
    }

    /**
     * Starts (or restarts) the schedule: the first I/O is due at {@code nowNanos}.
     *
     * @param nowNanos a {@link System#nanoTime()} reading
     */
    public void start(long nowNanos) {
        started = true;
        startNanos = nowNanos;
        bytesScheduled = 0;
        iosScheduled = 0;
        poissonOffsetNanos = 0;
    }

    /**
     * The scheduled issue time of the next I/O, which carries {@code bytes} bytes; call exactly once per
     * I/O, in issue order. If {@link #start} has not been called, the schedule starts at {@code nowNanos}.
     * The result may lie in the past when the runner is behind; the runner then issues at once.
     *
     * @param nowNanos a {@link System#nanoTime()} reading
     * @param bytes    the size of this I/O
     * @return the due time, on the {@link System#nanoTime()} scale
     */
    public long nextDueNanos(long nowNanos, int bytes) {
        if (!limited()) {
            return nowNanos;
        }
        if (!started) {
            start(nowNanos);
        }
        long due;
        if (poisson) {
            due = startNanos + poissonOffsetNanos;
            poissonOffsetNanos += Math.round(rng.nextExponential(meanGapNanos(bytes)));
        } else {
            long byBytes = bytesPerSecond > 0 ? nanosFor(bytesScheduled, bytesPerSecond) : 0;
            long byIos = iopsPerSecond > 0 ? nanosFor(iosScheduled, iopsPerSecond) : 0;
            due = startNanos + Math.max(byBytes, byIos);
        }
        bytesScheduled += bytes;
        iosScheduled++;
        return due;
    }

    /**
     * rate_ignore_thinktime: the job idled {@code nanos} (thinktime) after an I/O of {@code bytes}. The
     * schedule slides by that much, less one I/O's gap when the idle lasted at least that gap (so the
     * next I/O goes at once), as fio's handle_thinktime credits the bytes it missed: no catch-up
     * burst follows the idle.
     */
    public void skip(long nanos, int bytes) {
        if (!limited() || !started || nanos <= 0) {
            return;
        }
        long gap = Math.round(meanGapNanos(bytes));
        startNanos += gap <= nanos ? nanos - gap : nanos;
    }

    private double meanGapNanos(int bytes) {
        double byBytes = bytesPerSecond > 0 ? (double) bytes * NANOS_PER_SECOND / bytesPerSecond : 0;
        double byIos = iopsPerSecond > 0 ? (double) NANOS_PER_SECOND / iopsPerSecond : 0;
        return Math.max(byBytes, byIos);
    }

    /** count / perSecond seconds in nanoseconds, exact for any count that fits in the result. */
    private static long nanosFor(long count, long perSecond) {
        long seconds = count / perSecond;
        long remainder = count % perSecond;
        long fraction = remainder < Long.MAX_VALUE / NANOS_PER_SECOND
                ? remainder * NANOS_PER_SECOND / perSecond
                : (long) ((double) remainder * NANOS_PER_SECOND / perSecond);
        return seconds * NANOS_PER_SECOND + fraction;
    }
}
