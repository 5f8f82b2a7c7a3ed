package dev.jfio.job;

/**
 * When a job starts and how long it runs. Immutable.
 *
 * @param timeBased        {@code time_based}: run for {@code runtime} whatever the size
 * @param runtimeNanos     {@code runtime}; 0 when unset
 * @param rampTimeNanos    {@code ramp_time}; 0 when unset
 * @param startDelayNanos  {@code startdelay}
 * @param loops            {@code loops}
 */
public record Timing(boolean timeBased, long runtimeNanos, long rampTimeNanos, long startDelayNanos, int loops) {

    static Timing parse(OptionValues o) {
        return new Timing(o.get(PacingKeys.TIME_BASED), o.get(PacingKeys.RUNTIME), o.get(PacingKeys.RAMP_TIME),
                o.get(PacingKeys.STARTDELAY), o.get(IoTypeKeys.LOOPS));
    }
}
