package dev.jfio.engine.nbd.protocol;

/**
 * The time limit of a {@link WireChannel}'s blocking calls: none, the same limit for each call, or
 * one absolute deadline for all of them, with the message of the IOException thrown when it passes.
 * A {@link Watchdog.Guard} enforces it by closing the channel of a call that overruns.
 *
 * <p>Thread contract: not thread-safe; owned by the channel's thread (the watchdog thread only
 * touches the guard).
 */
final class TimeLimit {
    private final Watchdog.Guard guard;
    private long timeoutNanos;
    private long deadline;
    private String message = "NBD peer did not answer in time";

    TimeLimit(Watchdog.Guard guard) {
        this.guard = guard;
    }

    /** Each call from now on may block {@code nanos} (0 = no limit). */
    void perCall(long nanos, String message) {
        this.timeoutNanos = nanos;
        this.deadline = 0;
        this.message = message;
        if (nanos <= 0) {
            guard.disarm();
        }
    }

    /** Every call from now on must end by {@code deadlineNanos} ({@link System#nanoTime()} based). */
    void until(long deadlineNanos, String message) {
        this.timeoutNanos = 0;
        this.deadline = deadlineNanos == 0 ? 1 : deadlineNanos;
        this.message = message;
    }

    /**
     * Arms the guard for the next blocking call and returns its limit in nanoseconds: 0 for none,
     * negative when a deadline has already passed (then the guard counts as fired).
     */
    long arm() {
        if (deadline == 0) {
            guard.arm(timeoutNanos);
            return timeoutNanos;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            guard.expire();
            return -1;
        }
        guard.armUntil(deadline); // one clock read per call: the deadline is absolute already
        return left;
    }

    /**
     * For waits that bound themselves (non-blocking mode, no guard): when a call starting now must
     * end ({@link System#nanoTime()} based), 0 for no limit. A passed deadline is returned as is.
     */
    long end() {
        if (deadline != 0) {
            return deadline;
        }
        if (timeoutNanos <= 0) {
            return 0;
        }
        long end = System.nanoTime() + timeoutNanos;
        return end == 0 ? 1 : end;
    }

    /** Records that a self-bounded wait ran out of time (so {@link #fired} says so). */
    void expire() {
        guard.expire();
    }

    /** Ends the limit of the call that {@link #arm} started. */
    void disarm() {
        guard.disarm();
    }

    /** Whether a limit passed: the watchdog closed the channel, or {@link #arm} found the deadline gone. */
    boolean fired() {
        return guard.fired();
    }

    /** Stops watching (the channel is being closed). */
    void release() {
        guard.release();
    }

    /** The message for a call that ran out of time. */
    String message() {
        return message;
    }
}
