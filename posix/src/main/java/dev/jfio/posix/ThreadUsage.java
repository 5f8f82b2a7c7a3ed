package dev.jfio.posix;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Resource usage of one thread at one moment: CPU time in user and system mode, context switches
 * and page faults, as {@code getrusage(RUSAGE_THREAD)} reports them. Take one when a job starts
 * measuring and one when it stops, on the job's own thread, and subtract with {@link #minus}.
 *
 * <p>Where libc cannot be reached through jnr-ffi (not 64-bit Linux), {@link #current()} falls
 * back to the JVM's per-thread CPU times ({@link ThreadMXBean}); context switches and faults are
 * then 0, and one notice says so on stderr.
 *
 * <p>Immutable and thread-safe.
 */
public final class ThreadUsage {

    /** A usage of nothing, e.g. for a job that never started. */
    public static final ThreadUsage ZERO = new ThreadUsage(0, 0, 0, 0, 0);

    private static final AtomicBoolean FALLBACK_NOTICE_SHOWN = new AtomicBoolean();

    private final long userMicros;
    private final long systemMicros;
    private final long contextSwitches;
    private final long majorFaults;
    private final long minorFaults;

    public ThreadUsage(long userMicros, long systemMicros, long contextSwitches, long majorFaults, long minorFaults) {
        this.userMicros = userMicros;
        this.systemMicros = systemMicros;
        this.contextSwitches = contextSwitches;
        this.majorFaults = majorFaults;
        this.minorFaults = minorFaults;
    }

    /** The calling thread's usage so far. Allocates (one small array and this object): not for per-I/O use. */
    public static ThreadUsage current() {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc != null) {
            long[] ru = new long[NativeLibC.RUSAGE_LONGS];
            if (libc.getrusage(NativeLibC.RUSAGE_THREAD, ru) == 0) {
                return new ThreadUsage(
                        ru[0] * 1_000_000 + ru[1], ru[2] * 1_000_000 + ru[3], ru[16] + ru[17], ru[9], ru[8]);
            }
        }
        return fromJvm(libc == null ? NativeLibC.unavailableReason() : "getrusage(RUSAGE_THREAD) failed");
    }

    /** True when {@link #current()} uses getrusage; false when it falls back to the JVM's CPU times. */
    public static boolean isNative() {
        return NativeLibC.api() != null;
    }

    private static ThreadUsage fromJvm(String why) {
        if (FALLBACK_NOTICE_SHOWN.compareAndSet(false, true)) {
            System.err.println(
                    "jfio: " + why + "; cpu usage comes from the JVM, without context switches or page faults");
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long cpuNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
        long userNanos = mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadUserTime() : 0;
        return new ThreadUsage(userNanos / 1000, Math.max(0, cpuNanos - userNanos) / 1000, 0, 0, 0);
    }

    /** This usage minus an earlier one of the same thread: what was used in between. */
    public ThreadUsage minus(ThreadUsage earlier) {
        return new ThreadUsage(
                userMicros - earlier.userMicros,
                systemMicros - earlier.systemMicros,
                contextSwitches - earlier.contextSwitches,
                majorFaults - earlier.majorFaults,
                minorFaults - earlier.minorFaults);
    }

    /** CPU time in user mode, microseconds. */
    public long userMicros() {
        return userMicros;
    }

    /** CPU time in the kernel on this thread's behalf, microseconds. */
    public long systemMicros() {
        return systemMicros;
    }

    /** Voluntary plus involuntary context switches. */
    public long contextSwitches() {
        return contextSwitches;
    }

    /** Page faults that needed I/O. */
    public long majorFaults() {
        return majorFaults;
    }

    /** Page faults served without I/O. */
    public long minorFaults() {
        return minorFaults;
    }

    @Override
    public String toString() {
        return "ThreadUsage[user=" + userMicros + "us, sys=" + systemMicros + "us, ctx=" + contextSwitches + ", majf="
                + majorFaults + ", minf=" + minorFaults + "]";
    }
}
