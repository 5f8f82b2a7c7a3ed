package dev.jfio.posix;

import dev.jfio.spi.Errno;

/**
 * Raw Linux system calls through libc's {@code syscall(2)}, for the calls libc has no wrapper for
 * (io_uring_setup, io_uring_enter, io_uring_register; io_setup, io_submit, io_getevents,
 * io_destroy): the asynchronous file engines make them. Numbers are those of x86-64.
 *
 * <p>Thread contract: stateless; any thread. A call costs one JNI transition through jnr-ffi and
 * allocates nothing.
 */
public final class Syscalls {
    public static final long SYS_MMAP = 9;
    public static final long SYS_MUNMAP = 11;
    public static final long SYS_GETPID = 39;
    public static final long SYS_IO_SETUP = 206;
    public static final long SYS_IO_DESTROY = 207;
    public static final long SYS_IO_GETEVENTS = 208;
    public static final long SYS_IO_SUBMIT = 209;
    public static final long SYS_IO_URING_SETUP = 425;
    public static final long SYS_IO_URING_ENTER = 426;
    public static final long SYS_IO_URING_REGISTER = 427;

    private Syscalls() {}

    /**
     * {@code syscall(number, a1, ..., a6)}: the call's result (0 or more), or minus the errno
     * when it failed (minus ENOSYS without native calls), as the kernel itself answers.
     */
    public static long call(long number, long a1, long a2, long a3, long a4, long a5, long a6) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return -Errno.ENOSYS;
        }
        long result = libc.syscall(number, a1, a2, a3, a4, a5, a6);
        return result == -1 ? -NativeLibC.lastErrno() : result;
    }

    /** Whether the calls reach the kernel (64-bit Linux on x86-64). */
    public static boolean available() {
        return NativeLibC.api() != null && "amd64".equals(System.getProperty("os.arch"));
    }
}
