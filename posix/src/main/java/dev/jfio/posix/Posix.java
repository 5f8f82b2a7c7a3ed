package dev.jfio.posix;

import dev.jfio.spi.Errno;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

/**
 * POSIX and Linux calls the JDK does not offer, through jnr-ffi. Each returns 0 on success or a
 * positive errno (ENOSYS where native calls are unavailable); none throws. Getting a file
 * descriptor out of a {@code FileChannel} is the caller's business. Thread-safe.
 */
public final class Posix {

    public static final int POSIX_FADV_NORMAL = 0;
    public static final int POSIX_FADV_RANDOM = 1;
    public static final int POSIX_FADV_SEQUENTIAL = 2;
    public static final int POSIX_FADV_WILLNEED = 3;
    public static final int POSIX_FADV_DONTNEED = 4;
    public static final int POSIX_FADV_NOREUSE = 5;

    /** fallocate mode: keep the file size (allocate beyond EOF without growing it). */
    public static final int FALLOC_FL_KEEP_SIZE = 0x01;
    /** fallocate mode: deallocate the range (with KEEP_SIZE). */
    public static final int FALLOC_FL_PUNCH_HOLE = 0x02;

    /** open(2) flags (Linux x86-64 and aarch64 values). */
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
    /** More open(2) flags, the values of Linux on x86-64 (the only platform with native calls here). */
    public static final int O_CREAT = 0100, O_TRUNC = 01000, O_APPEND = 02000, O_NONBLOCK = 04000;

    public static final int O_DSYNC = 010000, O_DIRECT = 040000, O_NOATIME = 01000000, O_SYNC = 04010000;

    private static final int FALLBACK_PAGE_SIZE = 4096;

    private Posix() {}

    /** {@code posix_fadvise(fd, off, len, advice)}: 0, or the errno it returned. */
    public static int posixFadvise(int fd, long off, long len, int advice) {
        NativeLibC.Api libc = NativeLibC.api();
        return libc == null ? Errno.ENOSYS : libc.posix_fadvise(fd, off, len, advice);
    }

    /** {@code fallocate(fd, mode, off, len)}: 0, or errno when it failed. */
    public static int fallocate(int fd, int mode, long off, long len) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return Errno.ENOSYS;
        }
        return libc.fallocate(fd, mode, off, len) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /**
     * {@code posix_fallocate(fd, off, len)}: 0, or the errno it returned (glibc falls back to
     * writing zeros where the file system cannot allocate).
     */
    public static int posixFallocate(int fd, long off, long len) {
        NativeLibC.Api libc = NativeLibC.api();
        return libc == null ? Errno.ENOSYS : libc.posix_fallocate(fd, off, len);
    }

    /**
     * {@code open(path, flags)} without O_CREAT: a file descriptor (0 or more), or minus the errno.
     * For the calls above, on a file that a {@code FileChannel} does its I/O on.
     */
    public static int open(String path, int flags) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return -Errno.ENOSYS;
        }
        int fd = libc.open(path, flags);
        return fd >= 0 ? fd : -NativeLibC.lastErrno();
    }

    /**
     * {@code open(path, flags, mode)}: a file descriptor (0 or more), or minus the errno (minus
     * ENOSYS without native calls). The mode applies when {@code flags} has O_CREAT.
     */
    public static int open(String path, int flags, int mode) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return -Errno.ENOSYS;
        }
        int fd = libc.open(path, flags, mode);
        return fd >= 0 ? fd : -NativeLibC.lastErrno();
    }

    /** {@code fsync(fd)}, or {@code fdatasync(fd)} when {@code dataOnly}: 0, or the errno. */
    public static int fsync(int fd, boolean dataOnly) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return Errno.ENOSYS;
        }
        int rc = dataOnly ? libc.fdatasync(fd) : libc.fsync(fd);
        return rc == 0 ? 0 : NativeLibC.lastErrno();
    }

    /** {@code sync_file_range(fd, off, nbytes, flags)} (Linux; nbytes 0: to the end of the file): 0, or the errno. */
    public static int syncFileRange(int fd, long off, long nbytes, int flags) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return Errno.ENOSYS;
        }
        return libc.sync_file_range(fd, off, nbytes, flags) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /**
     * The native address of a direct buffer's first byte (not its position), for system calls that
     * take a pointer. Any thread; allocates nothing.
     */
    public static long address(ByteBuffer direct) {
        if (!direct.isDirect()) {
            throw new IllegalArgumentException("not a direct buffer");
        }
        return com.kenai.jffi.MemoryIO.getInstance().getDirectBufferAddress(direct);
    }

    /** {@code close(fd)}; errors are ignored, as nothing can be done about them. */
    public static void close(int fd) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc != null && fd >= 0) {
            libc.close(fd);
        }
    }

    /** The system page size in bytes ({@code sysconf(_SC_PAGESIZE)}); 4096 without native calls. */
    public static int pageSize() {
        NativeLibC.Api libc = NativeLibC.api();
        long v = libc == null ? -1 : libc.sysconf(NativeLibC.SC_PAGESIZE);
        return v > 0 ? (int) v : FALLBACK_PAGE_SIZE;
    }

    /** Installed physical memory in bytes (fio's $mb_memory is this over 1 MiB). */
    public static long physicalMemoryBytes() {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc != null) {
            long pages = libc.sysconf(NativeLibC.SC_PHYS_PAGES);
            if (pages > 0) {
                return pages * pageSize();
            }
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
    }

    /**
     * Whether a file descriptor is a terminal ({@code isatty}). Without native calls: whether the
     * JVM has a console, for descriptors 0 to 2, else false.
     */
    public static boolean isatty(int fd) {
        NativeLibC.Api libc = NativeLibC.api();
        if (libc == null) {
            return fd >= 0 && fd <= 2 && System.console() != null;
        }
        return libc.isatty(fd) == 1;
    }

    /** True when the calls above reach libc; false when they fall back. */
    public static boolean isNative() {
        return NativeLibC.api() != null;
    }
}
