package dev.jfio.posix;

import dev.jfio.spi.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;

/**
 * The calls of fio's file-operation engines: creating, looking up and deleting files and
 * directories, fallocate's neighbour ftruncate. Paths are passed by the native address of a
 * NUL-terminated string ({@link NativePaths}) and buffers by address, so a call allocates nothing
 * and an engine that reads the clock around one times the system call and little else. Pointers
 * are Java longs, which is right on the LP64 Linux that jfio's native calls need.
 *
 * <p>Thread contract: stateless; any thread. Each result is the call's own (0, a descriptor), or
 * the errno (as a positive number, or negated where the call also returns a value), ENOSYS when
 * native calls are unavailable.
 */
public final class FileOps {
    /** {@code AT_FDCWD}: relative paths are looked up from the working directory. */
    public static final int AT_FDCWD = -100;
    /** {@code STATX_ALL}, the mask fio asks statx for. */
    public static final int STATX_ALL = 0xfff;
    /** Bytes a {@code struct stat} or {@code struct statx} buffer needs (statx's 256 is the larger). */
    public static final int STAT_BUFFER_BYTES = 256;
    /** {@code PATH_MAX}: the size of realpath's result buffer. */
    public static final int PATH_MAX = 4096;

    /** The libc functions, as jnr-ffi maps them; pointers are addresses in Java longs. */
    public interface Api {
        @SaveError
        @Variadic(fixedCount = 2)
        int open(long path, int flags, int mode);

        @SaveError
        int mkdir(long path, int mode);

        @SaveError
        int unlink(long path);

        @SaveError
        int rmdir(long path);

        @SaveError
        int stat(long path, long statBuffer);

        @SaveError
        int lstat(long path, long statBuffer);

        @SaveError
        long realpath(long path, long resolved);

        @SaveError
        int statx(int dirfd, long path, int flags, int mask, long statxBuffer);

        @SaveError
        int ftruncate(int fd, long length);
    }

    private FileOps() {}

    /** Whether the calls reach libc (64-bit Linux through jnr-ffi); the first call links them all. */
    public static boolean available() {
        return Holder.API != null;
    }

    /** {@code open(path, flags, mode)}: a descriptor (0 or more), or minus the errno. */
    public static int open(long path, int flags, int mode) {
        Api libc = Holder.API;
        if (libc == null) {
            return -Errno.ENOSYS;
        }
        int fd = libc.open(path, flags, mode);
        return fd >= 0 ? fd : -NativeLibC.lastErrno();
    }

    /** {@code mkdir(path, mode)}: 0, or the errno. */
    public static int mkdir(long path, int mode) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.mkdir(path, mode));
    }

    /** {@code unlink(path)}: 0, or the errno. */
    public static int unlink(long path) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.unlink(path));
    }

    /** {@code rmdir(path)}: 0, or the errno. */
    public static int rmdir(long path) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.rmdir(path));
    }

    /** {@code stat(path, buffer)} (follows a final symbolic link): 0, or the errno. */
    public static int stat(long path, long statBuffer) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.stat(path, statBuffer));
    }

    /** {@code lstat(path, buffer)} (a final symbolic link itself): 0, or the errno. */
    public static int lstat(long path, long statBuffer) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.lstat(path, statBuffer));
    }

    /**
     * What fio's {@code stat_type=statx} does: {@code realpath(path)} into {@code resolved}
     * ({@link #PATH_MAX} bytes), then {@code statx(-1, resolved, 0, STATX_ALL, buffer)}.
     *
     * @return 0, or the errno of whichever call failed
     */
    public static int statx(long path, long resolved, long statxBuffer) {
        Api libc = Holder.API;
        if (libc == null) {
            return Errno.ENOSYS;
        }
        if (libc.realpath(path, resolved) == 0) {
            return NativeLibC.lastErrno();
        }
        return errno(libc.statx(-1, resolved, 0, STATX_ALL, statxBuffer));
    }

    /** {@code ftruncate(fd, length)}: 0, or the errno. */
    public static int ftruncate(int fd, long length) {
        Api libc = Holder.API;
        return libc == null ? Errno.ENOSYS : errno(libc.ftruncate(fd, length));
    }

    /**
     * Links every call now, if that has not happened yet: jnr-ffi links a function on its first
     * call, which takes milliseconds, so a caller that times its calls calls this first (or
     * {@link #available()}, which does the same). Any thread.
     */
    public static void bind() {
        available();
    }

    private static int errno(int rc) {
        return rc == 0 ? 0 : NativeLibC.lastErrno();
    }

    private static final class Holder {
        static final Api API = load();

        private static Api load() {
            if (NativeLibC.api() == null) {
                return null; // not 64-bit Linux, or no jnr-ffi: NativeLibC says why
            }
            try {
                Api libc = LibraryLoader.create(Api.class).load("c");
                linkAll(libc);
                return libc;
            } catch (RuntimeException | LinkageError e) {
                return null; // a libc without one of them (stat is a symbol since glibc 2.33)
            }
        }

        /**
         * Makes each call once, so that jnr-ffi links them all here rather than in a timed call:
         * with NULL pointers or a bad descriptor, which libc or the kernel refuse at once (EFAULT,
         * EINVAL, EBADF); a missing symbol throws here.
         */
        private static void linkAll(Api libc) {
            libc.open(0, 0, 0);
            libc.mkdir(0, 0);
            libc.unlink(0);
            libc.rmdir(0);
            libc.stat(0, 0);
            libc.lstat(0, 0);
            libc.realpath(0, 0);
            libc.statx(-1, 0, 0, 0, 0);
            libc.ftruncate(-1, 0);
        }
    }
}
