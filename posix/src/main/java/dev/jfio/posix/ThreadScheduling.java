package dev.jfio.posix;

import dev.jfio.spi.Errno;

/**
 * The calling thread's CPU niceness and I/O priority, for fio's {@code nice}, {@code prio} and
 * {@code prioclass}: Linux keeps both per thread, so a job thread sets its own when it starts
 * (setpriority and ioprio_set on its thread id). x86-64 system call numbers, as {@link Syscalls}.
 *
 * <p>Thread contract: each call concerns the calling thread only; allocates nothing.
 */
public final class ThreadScheduling {
    private static final long SYS_GETPRIORITY = 140;
    private static final long SYS_SETPRIORITY = 141;
    private static final long SYS_GETTID = 186;
    private static final long SYS_IOPRIO_SET = 251;
    private static final long SYS_IOPRIO_GET = 252;
    private static final int PRIO_PROCESS = 0;
    private static final int IOPRIO_WHO_PROCESS = 1;
    private static final int IOPRIO_CLASS_SHIFT = 13;

    /** fio's prioclass values: the kernel's IOPRIO_CLASS_RT, _BE and _IDLE. */
    public static final int CLASS_REALTIME = 1;

    public static final int CLASS_BEST_EFFORT = 2;
    public static final int CLASS_IDLE = 3;

    private ThreadScheduling() {}

    /** Sets the calling thread's nice value (-20..19): 0, or the errno (EACCES/EPERM below the current one without privilege). */
    public static int setNice(int nice) {
        if (!Syscalls.available()) {
            return Errno.ENOSYS;
        }
        long r = Syscalls.call(SYS_SETPRIORITY, PRIO_PROCESS, tid(), nice, 0, 0, 0);
        return r < 0 ? (int) -r : 0;
    }

    /** The calling thread's nice value, or Integer.MIN_VALUE when it cannot be read. */
    public static int nice() {
        if (!Syscalls.available()) {
            return Integer.MIN_VALUE;
        }
        long r = Syscalls.call(SYS_GETPRIORITY, PRIO_PROCESS, tid(), 0, 0, 0, 0);
        return r < 0 ? Integer.MIN_VALUE : (int) (20 - r); // the raw call answers 20 - nice
    }

    /**
     * Sets the calling thread's I/O priority: {@code ioClass} one of the CLASS_ constants,
     * {@code level} 0 (highest) to 7. Returns 0, or the errno (EPERM for the realtime class
     * without CAP_SYS_ADMIN).
     */
    public static int setIoPriority(int ioClass, int level) {
        if (!Syscalls.available()) {
            return Errno.ENOSYS;
        }
        long r = Syscalls.call(
                SYS_IOPRIO_SET, IOPRIO_WHO_PROCESS, tid(), ((long) ioClass << IOPRIO_CLASS_SHIFT) | level, 0, 0, 0);
        return r < 0 ? (int) -r : 0;
    }

    /** The calling thread's I/O priority as {class, level}, or null when it cannot be read. */
    public static int[] ioPriority() {
        if (!Syscalls.available()) {
            return null;
        }
        long r = Syscalls.call(SYS_IOPRIO_GET, IOPRIO_WHO_PROCESS, tid(), 0, 0, 0, 0);
        return r < 0 ? null : new int[] {(int) (r >> IOPRIO_CLASS_SHIFT), (int) (r & 0x1fff)};
    }

    private static long tid() {
        return Syscalls.call(SYS_GETTID, 0, 0, 0, 0, 0, 0);
    }
}
