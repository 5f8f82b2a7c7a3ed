package dev.jfio.stats;

/**
 * A job thread's resource usage at one moment, as its runner sampled it: CPU time in user and
 * system mode, context switches and page faults. Statistics subtract two samples; they never
 * take one themselves. Immutable and thread-safe.
 */
public record CpuSample(long userMicros, long systemMicros, long contextSwitches, long majorFaults, long minorFaults) {

    /** A usage of nothing, e.g. for a job that never started. */
    public static final CpuSample ZERO = new CpuSample(0, 0, 0, 0, 0);

    /** This usage minus an earlier one of the same thread: what was used in between. */
    public CpuSample minus(CpuSample earlier) {
        return new CpuSample(
                userMicros - earlier.userMicros,
                systemMicros - earlier.systemMicros,
                contextSwitches - earlier.contextSwitches,
                majorFaults - earlier.majorFaults,
                minorFaults - earlier.minorFaults);
    }
}
