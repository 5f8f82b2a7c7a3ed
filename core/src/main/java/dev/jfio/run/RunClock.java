package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.stats.JobStats;

/**
 * The job's time and passes: ramp_time, runtime, time_based and loops, and how long a wait for
 * completions may last (runtime's deadline plus drain_timeout). Job thread only.
 *
 * <p>It also saves clock reads: the time of the last completion stands for "now" once, so a
 * synchronous engine costs one clock read per I/O rather than two; the wait limits use the times
 * already read.
 */
final class RunClock {
    /**
     * How often the loop runs its rare checks at the least: a stop request or steady state is seen
     * within this, the ends of the ramp and of runtime on time.
     */
    static final long CHECK_INTERVAL_NANOS = 10_000_000L;

    private final long rampNanos;
    private final long runtimeNanos;
    private final int loops;
    private final boolean timeBased;
    private final long drainNanos;
    private long rampEnd;
    private long deadline;
    /** Until when the loop may wait for completions: the deadline plus drain_timeout, or NO_LIMIT. */
    private long waitLimit;
    /** A clock value read after a wait that reaped nothing; the latest of it and the others is "now". */
    private long observed;

    private boolean measuring;
    private int passesDone;
    private long lastCompletion;
    /** The clock value the loop last used; equal to lastCompletion when nothing completed since. */
    private long loopClock;

    private final JobStats stats;
    /** When the loop's rare checks are next due (see {@link #checksDue}). */
    private long checksAt;

    RunClock(JobSpec spec) {
        this(spec, null);
    }

    /** @param stats ends the job once it attains steady state (fio's steadystate), or null */
    RunClock(JobSpec spec, JobStats stats) {
        this.stats = stats;
        this.rampNanos = spec.timing().rampTimeNanos();
        this.runtimeNanos = spec.timing().runtimeNanos();
        this.loops = Math.max(1, spec.timing().loops());
        this.timeBased = spec.timing().timeBased();
        this.drainNanos = spec.timing().drainTimeoutNanos();
    }

    /** The job's I/O starts at {@code now}. */
    void start(long now) {
        rampEnd = now + rampNanos;
        deadline = runtimeNanos > 0 ? rampEnd + runtimeNanos : Long.MAX_VALUE;
        waitLimit = runtimeNanos > 0 ? saturatedAdd(deadline, drainNanos) : Long.MAX_VALUE;
        observed = now;
        measuring = rampNanos == 0;
        lastCompletion = now;
        loopClock = now;
        passesDone = 0;
        checksAt = now;
    }

    /**
     * 1 when the loop's rare checks (the ends of the ramp and of runtime, stop requests, rate_min,
     * steady state) are due at {@code now}, else 0: an int, so that the loop can join it to its other
     * rare condition without a branch of its own (IoLoop.step).
     */
    int checksDue(long now) {
        return (int) ((checksAt - now - 1) >>> 63);
    }

    /**
     * The rare checks ran at {@code now}: they are next due {@link #CHECK_INTERVAL_NANOS} later,
     * or at the end of the ramp or runtime when that comes sooner.
     */
    void checked(long now) {
        long next = now + CHECK_INTERVAL_NANOS;
        if (!measuring && rampEnd - next < 0) {
            next = rampEnd;
        }
        if (deadline != Long.MAX_VALUE && deadline - next < 0) {
            next = deadline;
        }
        checksAt = next;
    }

    /** The time for this turn of the loop: the last completion's when it is fresh, else a clock read. */
    long now() {
        long now = lastCompletion != loopClock ? lastCompletion : System.nanoTime();
        loopClock = now;
        return now;
    }

    /** An I/O completed at {@code end}. */
    void completedAt(long end) {
        lastCompletion = end;
    }

    long lastCompletion() {
        return lastCompletion;
    }

    /** True once: at the first turn after ramp_time, when measuring starts. */
    boolean rampEnds(long now) {
        if (measuring || now < rampEnd) {
            return false;
        }
        measuring = true;
        return true;
    }

    /** Whether measuring has started (ramp_time is over). */
    boolean measuring() {
        return measuring;
    }

    /** Whether runtime is over, or the job attained steady state. */
    boolean expired(long now) {
        return now >= deadline || (stats != null && stats.steadyStateAttained());
    }

    /**
     * The job stopped early (a stop request) at {@code now}: what is in flight gets drain_timeout
     * from now, or less when runtime's limit comes sooner.
     */
    void stoppedAt(long now) {
        long limit = saturatedAdd(now, drainNanos);
        if (waitLimit == Long.MAX_VALUE || limit - waitLimit < 0) {
            waitLimit = limit;
        }
    }

    /** Whether waits are bounded: the job has runtime, or was stopped. */
    boolean limited() {
        return waitLimit != Long.MAX_VALUE;
    }

    /** The clock value after which nothing in flight is waited for (valid when {@link #limited()}). */
    long waitLimit() {
        return waitLimit;
    }

    /** A clock value read outside the loop's turns (after a wait that reaped nothing). */
    void observe(long now) {
        observed = now;
    }

    /**
     * How long the next wait for completions may last: -1 without a limit (no runtime, not
     * stopped), else the nanoseconds left until the deadline plus drain_timeout, 0 once it passed.
     * Uses the latest time already read; the wait that follows bounds the staleness.
     */
    long waitNanos() {
        if (waitLimit == Long.MAX_VALUE) {
            return -1;
        }
        long now = loopClock;
        if (lastCompletion - now > 0) {
            now = lastCompletion;
        }
        if (observed - now > 0) {
            now = observed;
        }
        return Math.max(0, waitLimit - now);
    }

    /** The nanoseconds from {@code now} to runtime's deadline, or Long.MAX_VALUE without runtime. */
    long untilDeadline(long now) {
        return deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - now);
    }

    /** drain_timeout in nanoseconds. */
    long drainNanos() {
        return drainNanos;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE - 1 : r;
    }

    boolean timeBased() {
        return timeBased;
    }

    /**
     * The pass ran out of I/O (size or io_size done).
     *
     * @return whether another pass follows (loops, or time_based)
     */
    boolean endPass() {
        return timeBased || passesDone + 1 < loops;
    }

    /** Counts the ended pass: the next one starts (after {@link #endPass} said one follows). */
    void nextPass() {
        passesDone++;
    }
}
