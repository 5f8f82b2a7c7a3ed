package dev.jfio.posix;

import com.kenai.jffi.MemoryIO;
import dev.jfio.spi.Errno;
import jnr.ffi.LibraryLoader;
import jnr.ffi.annotations.SaveError;

/**
 * The data-transfer system calls of fio's synchronous file engines, on native addresses (a direct
 * buffer's {@link Posix#address}, a mapping's address, an iovec array in native memory), never on
 * Java arrays: read/write after lseek, pread/pwrite, readv/writev, preadv/pwritev,
 * preadv2/pwritev2 with RWF flags, and for the mmap engine mmap, munmap, msync, madvise and a
 * memory copy. Each call returns what the kernel returned (bytes, an offset, an address, 0) or
 * minus the errno when it failed (minus ENOSYS without native calls); none throws.
 *
 * <p>Thread contract: stateless; any thread. Each call is one JNI transition through jnr-ffi and
 * allocates nothing, so engines make them on the I/O path.
 */
public final class FileCalls {
    /** lseek whence: from the start of the file. */
    public static final int SEEK_SET = 0;
    /** lseek whence: from the end of the file (the size of a file or block device). */
    public static final int SEEK_END = 2;

    /** preadv2/pwritev2 flag: poll for completion (high priority); Linux 4.6. */
    public static final int RWF_HIPRI = 0x01;
    /** preadv2/pwritev2 flag: fail with EAGAIN rather than block; Linux 4.14. */
    public static final int RWF_NOWAIT = 0x08;
    /** preadv2/pwritev2 flag: drop the pages from the page cache once the I/O is done; Linux 6.14. */
    public static final int RWF_DONTCACHE = 0x80;

    /** Bytes of one {@code struct iovec} (base pointer and length). */
    public static final int IOVEC_BYTES = 16;
    /** Linux's IOV_MAX: most vectors one readv/writev call takes. */
    public static final int IOV_MAX = 1024;

    /** msync flag: write back and wait. */
    public static final int MS_SYNC = 4;
    /** posix_madvise advice values (the same numbers as madvise's). */
    public static final int MADV_NORMAL = 0, MADV_RANDOM = 1, MADV_SEQUENTIAL = 2, MADV_DONTNEED = 4;
    /** madvise advice: back the range with transparent huge pages. */
    public static final int MADV_HUGEPAGE = 14;

    /** The libc functions, as jnr-ffi maps them; pointers and size_t are Java longs (LP64). */
    public interface Api {
        @SaveError
        long read(int fd, long buf, long count);

        @SaveError
        long write(int fd, long buf, long count);

        @SaveError
        long pread64(int fd, long buf, long count, long offset);

        @SaveError
        long pwrite64(int fd, long buf, long count, long offset);

        @SaveError
        long lseek(int fd, long offset, int whence);

        @SaveError
        long readv(int fd, long iov, int iovcnt);

        @SaveError
        long writev(int fd, long iov, int iovcnt);

        @SaveError
        long preadv(int fd, long iov, int iovcnt, long offset);

        @SaveError
        long pwritev(int fd, long iov, int iovcnt, long offset);

        @SaveError
        long preadv2(int fd, long iov, int iovcnt, long offset, int flags);

        @SaveError
        long pwritev2(int fd, long iov, int iovcnt, long offset, int flags);

        @SaveError
        int ftruncate(int fd, long length);

        @SaveError
        int msync(long addr, long length, int flags);

        @SaveError
        int madvise(long addr, long length, int advice);

        @SaveError
        int mincore(long addr, long length, long vec);

        @SaveError
        int statx(int dirfd, String path, int flags, int mask, long statxbuf);
    }

    private static final int AT_FDCWD = -100;
    private static final int STATX_TYPE = 0x1;
    private static final int STATX_DIOALIGN = 0x2000;
    private static final int STATX_BYTES = 256;
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private FileCalls() {}

    /** Whether the calls reach libc (64-bit Linux); without them every call answers minus ENOSYS. */
    public static boolean available() {
        return Holder.API != null;
    }

    /** {@code read(fd, buf, count)} at the file position: bytes read (0 at the end), or minus the errno. */
    public static long read(int fd, long buf, long count) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.read(fd, buf, count));
    }

    /** {@code write(fd, buf, count)} at the file position: bytes written, or minus the errno. */
    public static long write(int fd, long buf, long count) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.write(fd, buf, count));
    }

    /** {@code pread(fd, buf, count, offset)}: bytes read (0 at the end), or minus the errno. */
    public static long pread(int fd, long buf, long count, long offset) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.pread64(fd, buf, count, offset));
    }

    /** {@code pwrite(fd, buf, count, offset)}: bytes written, or minus the errno. */
    public static long pwrite(int fd, long buf, long count, long offset) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.pwrite64(fd, buf, count, offset));
    }

    /** {@code lseek(fd, offset, whence)}: the new file position, or minus the errno. */
    public static long lseek(int fd, long offset, int whence) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.lseek(fd, offset, whence));
    }

    /** {@code readv(fd, iov, iovcnt)} at the file position: bytes read, or minus the errno. */
    public static long readv(int fd, long iov, int iovcnt) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.readv(fd, iov, iovcnt));
    }

    /** {@code writev(fd, iov, iovcnt)} at the file position: bytes written, or minus the errno. */
    public static long writev(int fd, long iov, int iovcnt) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.writev(fd, iov, iovcnt));
    }

    /** {@code preadv(fd, iov, iovcnt, offset)}: bytes read, or minus the errno. */
    public static long preadv(int fd, long iov, int iovcnt, long offset) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.preadv(fd, iov, iovcnt, offset));
    }

    /** {@code pwritev(fd, iov, iovcnt, offset)}: bytes written, or minus the errno. */
    public static long pwritev(int fd, long iov, int iovcnt, long offset) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.pwritev(fd, iov, iovcnt, offset));
    }

    /**
     * {@code preadv2(fd, iov, iovcnt, offset, flags)} with {@code RWF_*} flags: bytes read, or
     * minus the errno (EOPNOTSUPP for a flag this kernel or file system does not know).
     */
    public static long preadv2(int fd, long iov, int iovcnt, long offset, int flags) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.preadv2(fd, iov, iovcnt, offset, flags));
    }

    /** {@code pwritev2(fd, iov, iovcnt, offset, flags)}: bytes written, or minus the errno. */
    public static long pwritev2(int fd, long iov, int iovcnt, long offset, int flags) {
        Api c = Holder.API;
        return c == null ? -Errno.ENOSYS : result(c.pwritev2(fd, iov, iovcnt, offset, flags));
    }

    /** fcntl commands of a file's write life time hint (Linux 4.13). */
    private static final int F_GET_RW_HINT = 1035, F_SET_RW_HINT = 1036;

    /**
     * {@code fcntl(fd, F_SET_RW_HINT, &hint)}: the expected life time of the data written to the
     * file's inode (1 none, 2 short, 3 medium, 4 long, 5 extreme): 0, or the errno. Allocates a
     * few bytes of native memory; for opening a file, not for the I/O path.
     */
    public static int setWriteHint(int fd, long hint) {
        if (!Syscalls.available()) {
            return Errno.ENOSYS;
        }
        long address = MemoryIO.getInstance().allocateMemory(8, true);
        try {
            MemoryIO.getInstance().putLong(address, hint);
            return (int) -Math.min(0, Syscalls.call(Syscalls.SYS_FCNTL, fd, F_SET_RW_HINT, address, 0, 0, 0));
        } finally {
            MemoryIO.getInstance().freeMemory(address);
        }
    }

    /** {@code fcntl(fd, F_GET_RW_HINT, &hint)}: the inode's write life time hint, or minus the errno. */
    public static long writeHint(int fd) {
        if (!Syscalls.available()) {
            return -Errno.ENOSYS;
        }
        long address = MemoryIO.getInstance().allocateMemory(8, true);
        try {
            long rc = Syscalls.call(Syscalls.SYS_FCNTL, fd, F_GET_RW_HINT, address, 0, 0, 0);
            return rc < 0 ? rc : MemoryIO.getInstance().getLong(address);
        } finally {
            MemoryIO.getInstance().freeMemory(address);
        }
    }

    /** {@code ftruncate(fd, length)}: 0, or the errno. */
    public static int ftruncate(int fd, long length) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.ftruncate(fd, length) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /**
     * {@code mmap(NULL, length, prot, flags, fd, offset)} ({@link MappedMemory}'s PROT_ and MAP_
     * values): the mapping's address, or minus the errno. Unlike {@link MappedMemory} it makes no
     * object, so an engine may remap on the I/O path; {@code offset} must be a multiple of the page
     * size. A raw system call, as {@link MappedMemory} makes it: libc's six-argument mmap bound
     * through jnr-ffi 2.3.4 answered EINVAL to the same arguments here.
     */
    public static long mmap(long length, int prot, int flags, int fd, long offset) {
        return Syscalls.call(Syscalls.SYS_MMAP, 0, length, prot, flags, fd, offset);
    }

    /** {@code munmap(addr, length)}: 0, or the errno. */
    public static int munmap(long addr, long length) {
        return (int) -Syscalls.call(Syscalls.SYS_MUNMAP, addr, length, 0, 0, 0, 0);
    }

    /** {@code msync(addr, length, flags)} ({@code addr} page-aligned): 0, or the errno. */
    public static int msync(long addr, long length, int flags) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.msync(addr, length, flags) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /** {@code madvise(addr, length, advice)} ({@code addr} page-aligned): 0, or the errno. */
    public static int madvise(long addr, long length, int advice) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.madvise(addr, length, advice) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /**
     * {@code mincore(addr, length, vec)} ({@code addr} page-aligned): fills {@code vec} with one
     * byte per page of the range, bit 0 set where the page is resident (for a file mapping: in the
     * page cache); 0, or the errno. Mapping a file and asking does not fault its pages in, so this is
     * how to learn whether a block is cached without changing the answer.
     */
    public static int mincore(long addr, long length, long vec) {
        Api c = Holder.API;
        if (c == null) {
            return Errno.ENOSYS;
        }
        return c.mincore(addr, length, vec) == 0 ? 0 : NativeLibC.lastErrno();
    }

    /**
     * What O_DIRECT needs of file offsets and lengths on {@code path}, from statx(STATX_DIOALIGN)
     * (Linux 6.1): the alignment in bytes; 0 when the kernel says the file allows no direct I/O;
     * -1 when it does not say (an older kernel, a directory, a file system that does not report it,
     * no native calls). Not for the I/O path: it allocates.
     */
    public static int directIoAlignment(String path) {
        long[] statx = statx(path, STATX_DIOALIGN);
        if (statx == null || (statx[0] & STATX_DIOALIGN) == 0) {
            return -1;
        }
        return (int) statx[2];
    }

    /**
     * The block device behind {@code path}, as {@code major << 32 | minor}: the device itself for
     * a block device node, else the device of the file system holding it; -1 when unknown. Not for
     * the I/O path.
     */
    public static long blockDeviceOf(String path) {
        long[] statx = statx(path, STATX_TYPE);
        if (statx == null) {
            return -1;
        }
        return (statx[1] & S_IFMT) == S_IFBLK ? statx[3] : statx[4];
    }

    /** statx: {mask, mode, dio offset alignment, rdev, dev}, or null when it failed. */
    private static long[] statx(String path, int mask) {
        Api c = Holder.API;
        if (c == null) {
            return null;
        }
        try (MappedMemory buffer = MappedMemory.anonymous(STATX_BYTES)) {
            if (c.statx(AT_FDCWD, path, 0, mask, buffer.address()) != 0) {
                return null;
            }
            java.nio.ByteBuffer b = buffer.buffer();
            long rdev = ((long) b.getInt(0x80) << 32) | (b.getInt(0x84) & 0xFFFFFFFFL);
            long dev = ((long) b.getInt(0x88) << 32) | (b.getInt(0x8c) & 0xFFFFFFFFL);
            return new long[] {
                b.getInt(0) & 0xFFFFFFFFL, b.getShort(0x1c) & 0xFFFF, b.getInt(0x9c) & 0xFFFFFFFFL, rdev, dev
            };
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Copies {@code length} bytes between native addresses (memcpy); the ranges must not overlap. */
    public static void copy(long from, long to, long length) {
        MemoryIO.getInstance().copyMemory(from, to, length);
    }

    /** Writes one {@code struct iovec} {@code {base, length}} at native address {@code at}. */
    public static void putIovec(long at, long base, long length) {
        MemoryIO io = MemoryIO.getInstance();
        io.putLong(at, base);
        io.putLong(at + 8, length);
    }

    private static long result(long r) {
        return r == -1 ? -NativeLibC.lastErrno() : r;
    }

    private static final class Holder {
        static final Api API = load();

        private static Api load() {
            if (NativeLibC.api() == null) {
                return null; // not 64-bit Linux, or no libc: NativeLibC says why
            }
            try {
                return LibraryLoader.create(Api.class).load("c");
            } catch (Throwable e) {
                return null;
            }
        }
    }
}
