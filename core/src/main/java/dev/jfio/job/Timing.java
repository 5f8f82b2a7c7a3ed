package dev.jfio.job;

/**
 * When a job starts and how long it runs. Immutable.
 *
 * @param timeBased          {@code time_based}: run for {@code runtime} whatever the size
 * @param runtimeNanos       {@code runtime}; 0 when unset
 * @param rampTimeNanos      {@code ramp_time}; 0 when unset
 * @param startDelayNanos    {@code startdelay}
 * @param loops              {@code loops}
 * @param drainTimeoutNanos  {@code drain_timeout} (jfio only): how long I/O in flight when runtime
 *                           ends, or when the job is stopped, may take before it fails with ETIMEDOUT
 */
public record Timing(
        boolean timeBased,
        long runtimeNanos,
        long rampTimeNanos,
        long startDelayNanos,
        int loops,
        long drainTimeoutNanos) {

    static Timing parse(OptionValues o) {
        return new Timing(
                o.get(PacingKeys.TIME_BASED),
                o.get(PacingKeys.RUNTIME),
                o.get(PacingKeys.RAMP_TIME),
                o.get(PacingKeys.STARTDELAY),
                o.get(IoTypeKeys.LOOPS),
                o.get(PacingKeys.DRAIN_TIMEOUT));
    }

    /** Whether runtime sets a deadline, after which I/O in flight gets {@link #drainTimeoutNanos} to complete. */
    public boolean hasDeadline() {
        return runtimeNanos > 0;
    }
}
