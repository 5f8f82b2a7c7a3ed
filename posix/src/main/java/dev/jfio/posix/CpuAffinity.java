package dev.jfio.posix;

import dev.jfio.spi.Errno;
import java.util.BitSet;

/**
 * The calling thread's CPU affinity ({@code sched_getaffinity} / {@code sched_setaffinity} with
 * pid 0, which Linux applies to the calling thread), for fio's {@code cpus_allowed} and
 * {@code cpumask}: a job thread pins itself when it starts.
 *
 * <p>Thread contract: each call concerns the calling thread only; allocates its result.
 */
public final class CpuAffinity {
    /** Room for 1024 CPUs, glibc's {@code cpu_set_t}. */
    private static final int MASK_LONGS = 16;

    private CpuAffinity() {}

    /**
     * The CPUs the calling thread may run on.
     *
     * @throws IllegalStateException naming the errno when the kernel refuses or native calls are unavailable
     */
    public static BitSet get() {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            throw new IllegalStateException("sched_getaffinity: " + NativeLibC.unavailableReason());
        }
        long[] mask = new long[MASK_LONGS];
        if (libc.sched_getaffinity(0, MASK_LONGS * 8L, mask) != 0) {
            throw new IllegalStateException("sched_getaffinity failed: " + Errno.name(NativeLibC.lastErrno()));
        }
        return BitSet.valueOf(mask);
    }

    /**
     * Restricts the calling thread to {@code cpus}: 0 on success, or the errno (EINVAL when none
     * of them is online, ENOSYS without native calls).
     */
    public static int set(BitSet cpus) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return Errno.ENOSYS;
        }
        long[] words = cpus.toLongArray();
        if (words.length > MASK_LONGS) {
            return Errno.EINVAL;
        }
        long[] mask = new long[MASK_LONGS];
        System.arraycopy(words, 0, mask, 0, words.length);
        return libc.sched_setaffinity(0, MASK_LONGS * 8L, mask) == 0 ? 0 : NativeLibC.lastErrno();
    }
}
