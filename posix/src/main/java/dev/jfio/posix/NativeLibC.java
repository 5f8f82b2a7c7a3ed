package dev.jfio.posix;

import jnr.ffi.LibraryLoader;
import jnr.ffi.Platform;
import jnr.ffi.annotations.In;
import jnr.ffi.annotations.Out;
import jnr.ffi.annotations.SaveError;
import jnr.ffi.annotations.Variadic;

/**
 * The few libc functions jfio calls, loaded once through jnr-ffi. Only 64-bit Linux is supported:
 * the struct layouts and constants below are those of Linux on LP64, where every field of
 * {@code struct rusage} is a 64-bit long.
 */
final class NativeLibC {

    /** The libc functions used, as jnr-ffi maps them (Java long = 64-bit C long / off_t on LP64). */
    public interface Api {
        int getrusage(int who, @Out long[] usage);

        @SaveError
        int posix_fadvise(int fd, long offset, long len, int advice);

        @SaveError
        int fallocate(int fd, int mode, long offset, long len);

        long sysconf(int name);

        @SaveError
        int open(String path, int flags);

        /** {@code open(path, flags, mode)}: the mode is open's variadic argument, used with O_CREAT. */
        @SaveError
        @Variadic(fixedCount = 2)
        int open(String path, int flags, int mode);

        int close(int fd);

        @SaveError
        int fsync(int fd);

        @SaveError
        int fdatasync(int fd);

        @SaveError
        int sync_file_range(int fd, long offset, long nbytes, int flags);

        int posix_fallocate(int fd, long offset, long len);

        int isatty(int fd);

        @SaveError
        int sched_setaffinity(int pid, long cpusetsize, @In long[] mask);

        @SaveError
        int sched_getaffinity(int pid, long cpusetsize, @Out long[] mask);

        /** {@code long syscall(long number, ...)}: six arguments, unused ones 0. */
        @SaveError
        @Variadic(fixedCount = 1)
        long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
    }

    static final int RUSAGE_THREAD = 1;
    static final int SC_PAGESIZE = 30;
    static final int SC_PHYS_PAGES = 85;
    /** {@code struct rusage}: 2 timevals (4 longs) and 14 longs. */
    static final int RUSAGE_LONGS = 18;

    private NativeLibC() {}

    /** libc, or null when it cannot be loaded here; see {@link #unavailableReason()}. */
    static Api api() {
        return Holder.API;
    }

    /** Why {@link #api()} is null, or null when it is not. */
    static String unavailableReason() {
        return Holder.REASON;
    }

    /** jnr-ffi's last errno for the calling thread (after a {@link SaveError} call). */
    static int lastErrno() {
        return jnr.ffi.Runtime.getSystemRuntime().getLastError();
    }

    private static final class Holder {
        static final Api API;
        static final String REASON;

        static {
            Api api = null;
            String reason = null;
            try {
                Platform p = Platform.getNativePlatform();
                int longBits = jnr.ffi.Runtime.getSystemRuntime().longSize() * 8;
                if (p.getOS() != Platform.OS.LINUX || longBits != 64) {
                    reason =
                            "native calls need 64-bit Linux, this is " + p.getOS() + " with " + longBits + "-bit longs";
                } else {
                    api = LibraryLoader.create(Api.class).load("c");
                }
            } catch (Throwable e) {
                api = null;
                reason = "cannot load libc through jnr-ffi: " + e;
            }
            API = api;
            REASON = reason;
        }
    }
}
