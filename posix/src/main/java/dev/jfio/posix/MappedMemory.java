package dev.jfio.posix;

import com.kenai.jffi.MemoryIO;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A region mapped with {@code mmap(2)} (made as a raw system call): anonymous memory (huge-page or locked I/O buffers) or a
 * file descriptor's pages (io_uring's rings), seen from Java as a direct {@link ByteBuffer} over
 * the mapped addresses. Unmapped by {@link #close}; the buffer must not be used after that.
 *
 * <p>Thread contract: create and close on one thread; the buffer follows ByteBuffer's rules (for
 * memory shared with the kernel, read and write it through VarHandles with acquire/release
 * ordering where the protocol asks for it).
 */
public final class MappedMemory implements AutoCloseable {
    public static final int PROT_READ = 0x1;
    public static final int PROT_WRITE = 0x2;
    public static final int MAP_SHARED = 0x01;
    public static final int MAP_PRIVATE = 0x02;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_POPULATE = 0x8000;
    public static final int MAP_HUGETLB = 0x40000;

    private final long address;
    private final long length;
    private final ByteBuffer buffer;
    private boolean closed;

    private MappedMemory(long address, long length) {
        this.address = address;
        this.length = length;
        this.buffer = MemoryIO.getInstance()
                .newDirectByteBuffer(address, (int) length)
                .order(ByteOrder.nativeOrder());
    }

    /**
     * {@code mmap(NULL, length, prot, flags, fd, offset)}.
     *
     * @throws IOException naming the errno when the kernel refuses, or when native calls are unavailable
     */
    public static MappedMemory map(long length, int prot, int flags, int fd, long offset) throws IOException {
        if (length <= 0 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mapping length " + length + " is not in 1.." + Integer.MAX_VALUE);
        }
        if (!Syscalls.available()) {
            throw new IOException("mmap: native calls are unavailable here");
        }
        long address = Syscalls.call(Syscalls.SYS_MMAP, 0, length, prot, flags, fd, offset);
        if (address < 0 && address > -4096) {
            int errno = (int) -address;
            throw new IOException(
                    "mmap of " + length + " bytes failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")");
        }
        return new MappedMemory(address, length);
    }

    /** Anonymous, private, read-write memory of {@code length} bytes, zero-filled by the kernel. */
    public static MappedMemory anonymous(long length) throws IOException {
        return map(length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    }

    /**
     * {@code mlock} of the whole mapping: its pages stay in memory until it is unmapped.
     *
     * @throws IOException naming the errno when the kernel refuses (RLIMIT_MEMLOCK, memory)
     */
    public void lock() throws IOException {
        long r = Syscalls.call(Syscalls.SYS_MLOCK, address, length, 0, 0, 0, 0);
        if (r < 0) {
            int errno = (int) -r;
            throw new IOException(
                    "mlock of " + length + " bytes failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")");
        }
    }

    /** The mapping's start address, for system calls that take it. */
    public long address() {
        return address;
    }

    public long length() {
        return length;
    }

    /** The mapped bytes, in native byte order, position 0, limit {@link #length()}. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** {@code munmap}; a second call does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Syscalls.call(Syscalls.SYS_MUNMAP, address, length, 0, 0, 0, 0);
        }
    }
}
