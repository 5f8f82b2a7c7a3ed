package dev.jfio.posix;

import com.kenai.jffi.MemoryIO;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A private System V shared memory segment ({@code shmget(IPC_PRIVATE)}, {@code shmat}), as fio's
 * {@code mem=shm} and {@code mem=shmhuge} allocate I/O buffers, seen as a direct {@link ByteBuffer}.
 * {@link #close} detaches it and removes the segment.
 *
 * <p>Thread contract: create and close on one thread; the buffer follows ByteBuffer's rules.
 */
public final class SharedMemory implements AutoCloseable {
    private static final int IPC_CREAT = 01000;
    private static final int IPC_RMID = 0;
    private static final int SHM_HUGETLB = 04000;
    private static final int MODE = 0600;

    private final int id;
    private final long address;
    private final ByteBuffer buffer;
    private boolean closed;

    private SharedMemory(int id, long address, long length) {
        this.id = id;
        this.address = address;
        this.buffer = MemoryIO.getInstance().newDirectByteBuffer(address, (int) length);
    }

    /**
     * A new segment of {@code length} bytes, attached.
     *
     * @param huge backed by huge pages ({@code SHM_HUGETLB}); {@code length} must be a multiple of their size
     * @throws IOException naming the errno when the kernel refuses (no huge pages: ENOMEM)
     */
    public static SharedMemory create(long length, boolean huge) throws IOException {
        if (length <= 0 || length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("segment length " + length + " is not in 1.." + Integer.MAX_VALUE);
        }
        if (!Syscalls.available()) {
            throw new IOException("shmget: native calls are unavailable here");
        }
        long id = Syscalls.call(Syscalls.SYS_SHMGET, 0, length, IPC_CREAT | MODE | (huge ? SHM_HUGETLB : 0), 0, 0, 0);
        if (id < 0) {
            throw failure("shmget", length, (int) -id);
        }
        long address = Syscalls.call(Syscalls.SYS_SHMAT, id, 0, 0, 0, 0, 0);
        if (address < 0 && address > -4096) {
            Syscalls.call(Syscalls.SYS_SHMCTL, id, IPC_RMID, 0, 0, 0, 0);
            throw failure("shmat", length, (int) -address);
        }
        return new SharedMemory((int) id, address, length);
    }

    private static IOException failure(String call, long length, int errno) {
        return new IOException(
                call + " of " + length + " bytes failed: " + Errno.describe(errno) + " (" + Errno.name(errno) + ")");
    }

    /** The segment's id, as {@code ipcs -m} lists it. */
    public int id() {
        return id;
    }

    /** The attached bytes, position 0, limit the segment's length. */
    public ByteBuffer buffer() {
        return buffer;
    }

    /** Detaches and removes the segment; a second call does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Syscalls.call(Syscalls.SYS_SHMDT, address, 0, 0, 0, 0, 0);
            Syscalls.call(Syscalls.SYS_SHMCTL, id, IPC_RMID, 0, 0, 0, 0);
        }
    }
}
