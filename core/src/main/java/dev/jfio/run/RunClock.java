package dev.jfio.run;

import dev.jfio.job.JobSpec;

/**
 * The job's time and passes: ramp_time, runtime, time_based and loops. Job thread only.
 *
 * <p>It also saves clock reads: the time of the last completion stands for "now" once, so a
 * synchronous engine costs one clock read per I/O rather than two.
 */
final class RunClock {
    private final long rampNanos;
    private final long runtimeNanos;
    private final int loops;
    private final boolean timeBased;
    private long rampEnd;
    private long deadline;
    private boolean measuring;
    private int passesDone;
    private boolean passOver;
    private long lastCompletion;
    /** The clock value the loop last used; equal to lastCompletion when nothing completed since. */
    private long loopClock;

    RunClock(JobSpec spec) {
        this.rampNanos = spec.timing().rampTimeNanos();
        this.runtimeNanos = spec.timing().runtimeNanos();
        this.loops = Math.max(1, spec.timing().loops());
        this.timeBased = spec.timing().timeBased();
    }

    /** The job's I/O starts at {@code now}. */
    void start(long now) {
        rampEnd = now + rampNanos;
        deadline = runtimeNanos > 0 ? rampEnd + runtimeNanos : Long.MAX_VALUE;
        measuring = rampNanos == 0;
        lastCompletion = now;
        loopClock = now;
        passesDone = 0;
        passOver = false;
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

    /** Whether runtime is over. */
    boolean expired(long now) {
        return now >= deadline;
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
        passOver = true;
        return timeBased || passesDone + 1 < loops;
    }

    /** Whether a pass ended and the next has not started. */
    boolean passOver() {
        return passOver;
    }

    /**
     * Counts the ended pass and starts the next one.
     *
     * @return false when that was the last pass
     */
    boolean nextPass() {
        passesDone++;
        if (!timeBased && passesDone >= loops) {
            return false;
        }
        passOver = false;
        return true;
    }
}
