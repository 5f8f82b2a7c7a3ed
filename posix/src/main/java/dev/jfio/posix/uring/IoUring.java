package dev.jfio.posix.uring;

import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.posix.Syscalls;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One io_uring instance: set up with {@code io_uring_setup(2)}, its SQ ring, CQ ring and SQE
 * array mapped into the process ({@code IORING_FEAT_SINGLE_MMAP}: both rings in one mapping),
 * driven by {@code io_uring_enter(2)} and configured with {@code io_uring_register(2)}, all made
 * as raw system calls ({@link Syscalls}). Fill and push entries through {@link #sq()}, hand them
 * to the kernel and wait with {@link #enter}, read completions from {@link #cq()}.
 *
 * <p>Parameters, timeouts and registration arguments live in one page of native memory owned by
 * the ring, so no call here allocates.
 *
 * <p>Thread contract: the thread that creates the ring is its only submitter (rings are set up
 * SINGLE_ISSUER where the kernel has it, and then the kernel refuses enter from any other thread):
 * create, enter, register and reap on that thread. {@link #close} may run on any thread once that
 * thread is done with the ring.
 */
public final class IoUring implements AutoCloseable {
    private static final int PARAMS = 0, PARAMS_SIZE = 120;
    private static final int GETEVENTS_ARG = 128, GETEVENTS_ARG_SIZE = 24;
    private static final int TIMESPEC = 160;
    private static final int RSRC = 192, RSRC_SIZE = 32;
    private static final int IOVEC = 224;
    private static final int FD = 240;
    private static final int PROBE = 1024, PROBE_OPS = 256, PROBE_SIZE = 16 + PROBE_OPS * 8;
    private static final int SCRATCH_SIZE = 4096;
    private static final int REGISTER_FILES2 = 13;
    private static final int IO_URING_OP_SUPPORTED = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int fd;
    private final int setupFlags;
    private final int features;
    private final MappedMemory sqRing;
    private final MappedMemory cqRing;
    private final MappedMemory sqeArray;
    private final MappedMemory scratch;
    private final ByteBuffer arg;
    private final SubmissionQueue sq;
    private final CompletionQueue cq;
    private boolean closed;

    private IoUring(int fd, MappedMemory scratch, MappedMemory sqRing, MappedMemory cqRing, MappedMemory sqeArray) {
        this.fd = fd;
        this.scratch = scratch;
        this.arg = scratch.buffer();
        this.setupFlags = arg.getInt(PARAMS + 8);
        this.features = arg.getInt(PARAMS + 20);
        this.sqRing = sqRing;
        this.cqRing = cqRing;
        this.sqeArray = sqeArray;
        this.sq = new SubmissionQueue(
                sqRing.buffer(),
                sqeArray.buffer(),
                arg.getInt(PARAMS + 40),
                arg.getInt(PARAMS + 44),
                arg.getInt(PARAMS + 48),
                arg.getInt(PARAMS + 52),
                arg.getInt(PARAMS + 56),
                arg.getInt(PARAMS + 64));
        this.cq = new CompletionQueue(
                cqRing.buffer(),
                arg.getInt(PARAMS + 80),
                arg.getInt(PARAMS + 84),
                arg.getInt(PARAMS + 88),
                arg.getInt(PARAMS + 92),
                arg.getInt(PARAMS + 96),
                arg.getInt(PARAMS + 100));
    }

    /**
     * Sets up a ring of at least {@code entries} SQEs (rounded up to a power of two) and as many
     * CQEs, maps it, and asks for single-issuer, deferred task running and cooperative task running
     * where the kernel has them (as fio does; each is dropped in turn when the kernel answers
     * EINVAL, as older kernels do).
     *
     * @param flags Uring.SETUP_* flags the caller needs (IOPOLL, SQPOLL, SQ_AFF)
     * @param sqThreadCpu the CPU of the SQPOLL thread, with {@link Uring#SETUP_SQ_AFF}
     * @throws IoUringException naming io_uring_setup (or the mmap) and the errno the kernel answered
     * @throws IOException when native calls are unavailable here
     */
    public static IoUring create(int entries, int flags, int sqThreadCpu) throws IOException {
        if (!Syscalls.available()) {
            throw new IoUringException("io_uring_setup", Errno.ENOSYS);
        }
        int size = Integer.highestOneBit(Math.max(1, entries) * 2 - 1);
        if (entries > Uring.MAX_ENTRIES) {
            throw new IllegalArgumentException(
                    "io_uring takes at most " + Uring.MAX_ENTRIES + " entries, not " + entries);
        }
        MappedMemory scratch = MappedMemory.anonymous(SCRATCH_SIZE);
        int wanted = flags | Uring.SETUP_CQSIZE | Uring.SETUP_COOP_TASKRUN;
        if ((flags & Uring.SETUP_SQPOLL) == 0) {
            wanted |= Uring.SETUP_SINGLE_ISSUER | Uring.SETUP_DEFER_TASKRUN;
        }
        ByteBuffer b = scratch.buffer();
        long fd;
        while (true) {
            for (int i = 0; i < PARAMS_SIZE; i += Long.BYTES) {
                b.putLong(PARAMS + i, 0);
            }
            b.putInt(PARAMS + 4, size); // cq_entries: as many as SQEs, no more are ever in flight
            b.putInt(PARAMS + 8, wanted);
            b.putInt(PARAMS + 12, sqThreadCpu);
            fd = Syscalls.call(Syscalls.SYS_IO_URING_SETUP, size, scratch.address() + PARAMS, 0, 0, 0, 0);
            if (fd != -Errno.EINVAL) {
                break;
            }
            int optional = (wanted & Uring.SETUP_DEFER_TASKRUN) != 0
                    ? Uring.SETUP_DEFER_TASKRUN | Uring.SETUP_SINGLE_ISSUER
                    : (wanted & Uring.SETUP_COOP_TASKRUN) != 0
                            ? Uring.SETUP_COOP_TASKRUN
                            : (wanted & Uring.SETUP_CQSIZE) != 0 ? Uring.SETUP_CQSIZE : 0;
            if (optional == 0) {
                break;
            }
            wanted &= ~optional;
        }
        if (fd < 0) {
            scratch.close();
            throw new IoUringException("io_uring_setup", (int) -fd);
        }
        return map((int) fd, scratch);
    }

    private static IoUring map(int fd, MappedMemory scratch) throws IOException {
        ByteBuffer p = scratch.buffer();
        int sqEntries = p.getInt(PARAMS);
        int cqEntries = p.getInt(PARAMS + 4);
        boolean singleMmap = (p.getInt(PARAMS + 20) & Uring.FEAT_SINGLE_MMAP) != 0;
        long sqSize = p.getInt(PARAMS + 64) + (long) sqEntries * Integer.BYTES;
        long cqSize = p.getInt(PARAMS + 100) + (long) cqEntries * 16;
        int prot = MappedMemory.PROT_READ | MappedMemory.PROT_WRITE;
        int share = MappedMemory.MAP_SHARED | MappedMemory.MAP_POPULATE;
        MappedMemory sqRing = null;
        MappedMemory cqRing = null;
        try {
            sqRing = MappedMemory.map(singleMmap ? Math.max(sqSize, cqSize) : sqSize, prot, share, fd, Uring.OFF_SQ_RING);
            cqRing = singleMmap ? sqRing : MappedMemory.map(cqSize, prot, share, fd, Uring.OFF_CQ_RING);
            MappedMemory sqes = MappedMemory.map(
                    (long) sqEntries * SubmissionQueue.SQE_SIZE, prot, share, fd, Uring.OFF_SQES);
            return new IoUring(fd, scratch, sqRing, cqRing, sqes);
        } catch (IOException | RuntimeException e) {
            if (cqRing != null && cqRing != sqRing) {
                cqRing.close();
            }
            if (sqRing != null) {
                sqRing.close();
            }
            Posix.close(fd);
            scratch.close();
            throw e;
        }
    }

    /** The submission queue: fill and push entries here. */
    public SubmissionQueue sq() {
        return sq;
    }

    /** The completion queue: read completions here without a system call. */
    public CompletionQueue cq() {
        return cq;
    }

    /** The ring's file descriptor. */
    public int fd() {
        return fd;
    }

    /** The Uring.SETUP_* flags the ring was set up with (what the kernel accepted). */
    public int setupFlags() {
        return setupFlags;
    }

    /** The Uring.FEAT_* flags the kernel reported. */
    public int features() {
        return features;
    }

    /**
     * {@code io_uring_enter(fd, toSubmit, minComplete, flags)}: submits up to {@code toSubmit}
     * pushed entries and, with {@link Uring#ENTER_GETEVENTS}, waits until {@code minComplete}
     * completions are in the CQ ring. With {@code timeoutNanos >= 0} (and GETEVENTS) the wait ends
     * after that long (the kernel's EXT_ARG timespec; it then answers ETIME); a negative timeout
     * waits without a limit.
     *
     * @return how many entries the kernel consumed (0 or more), or minus the errno (EINTR, EAGAIN,
     *     EBUSY and ETIME are worth retrying or expected)
     */
    public int enter(int toSubmit, int minComplete, int flags, long timeoutNanos) {
        long argp = 0;
        long argSize = 0;
        if (timeoutNanos >= 0 && (flags & Uring.ENTER_GETEVENTS) != 0 && (features & Uring.FEAT_EXT_ARG) != 0) {
            arg.putLong(TIMESPEC, timeoutNanos / NANOS_PER_SECOND);
            arg.putLong(TIMESPEC + 8, timeoutNanos % NANOS_PER_SECOND);
            arg.putLong(GETEVENTS_ARG, 0); // no signal mask
            arg.putInt(GETEVENTS_ARG + 8, 0);
            arg.putInt(GETEVENTS_ARG + 12, 0); // min_wait_usec
            arg.putLong(GETEVENTS_ARG + 16, scratch.address() + TIMESPEC);
            flags |= Uring.ENTER_EXT_ARG;
            argp = scratch.address() + GETEVENTS_ARG;
            argSize = GETEVENTS_ARG_SIZE;
        }
        return (int) Syscalls.call(Syscalls.SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, argp, argSize);
    }

    /** Whether {@link #enter} can bound its wait (IORING_FEAT_EXT_ARG, Linux 5.11). */
    public boolean canTimeOut() {
        return (features & Uring.FEAT_EXT_ARG) != 0;
    }

    /** Whether the kernel supports opcode {@code op} (IORING_REGISTER_PROBE); false if it cannot say. */
    public boolean supports(int op) {
        for (int i = 0; i < PROBE_SIZE; i += Long.BYTES) {
            arg.putLong(PROBE + i, 0);
        }
        if (register(Uring.REGISTER_PROBE, scratch.address() + PROBE, PROBE_OPS) < 0) {
            return false;
        }
        int opsLen = arg.get(PROBE + 1) & 0xff;
        return op < opsLen && (arg.getShort(PROBE + 16 + op * 8 + 2) & IO_URING_OP_SUPPORTED) != 0;
    }

    /** Registers an empty table of {@code count} files, filled by {@link #updateFile}: 0 or minus the errno. */
    public int registerFiles(int count) {
        return register(REGISTER_FILES2, sparseTable(count), RSRC_SIZE);
    }

    /** Puts {@code fileFd} (or -1 to empty it) in slot {@code slot} of the file table: 1, or minus the errno. */
    public int updateFile(int slot, int fileFd) {
        arg.putInt(FD, fileFd);
        arg.putInt(RSRC, slot);
        arg.putInt(RSRC + 4, 0);
        arg.putLong(RSRC + 8, scratch.address() + FD);
        return register(Uring.REGISTER_FILES_UPDATE, scratch.address() + RSRC, 1);
    }

    /** Registers an empty table of {@code count} buffers, filled by {@link #updateBuffer}: 0 or minus the errno. */
    public int registerBuffers(int count) {
        return register(Uring.REGISTER_BUFFERS2, sparseTable(count), RSRC_SIZE);
    }

    /**
     * Registers {@code length} bytes at {@code address} as buffer {@code slot} (pinned, and counted
     * against RLIMIT_MEMLOCK without CAP_IPC_LOCK): 1, or minus the errno (ENOMEM over the limit).
     */
    public int updateBuffer(int slot, long address, long length) {
        arg.putLong(IOVEC, address);
        arg.putLong(IOVEC + 8, length);
        arg.putInt(RSRC, slot);
        arg.putInt(RSRC + 4, 0);
        arg.putLong(RSRC + 8, scratch.address() + IOVEC);
        arg.putLong(RSRC + 16, 0);
        arg.putInt(RSRC + 24, 1);
        arg.putInt(RSRC + 28, 0);
        return register(Uring.REGISTER_BUFFERS_UPDATE, scratch.address() + RSRC, RSRC_SIZE);
    }

    private long sparseTable(int count) {
        arg.putInt(RSRC, count);
        arg.putInt(RSRC + 4, Uring.RSRC_REGISTER_SPARSE);
        arg.putLong(RSRC + 8, 0);
        arg.putLong(RSRC + 16, 0);
        arg.putLong(RSRC + 24, 0);
        return scratch.address() + RSRC;
    }

    private int register(int opcode, long address, int count) {
        return (int) Syscalls.call(Syscalls.SYS_IO_URING_REGISTER, fd, opcode, address, count, 0, 0);
    }

    /**
     * Unmaps the rings and closes the ring's descriptor; the kernel then cancels what is still in
     * flight. A second call does nothing.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        sqeArray.close();
        if (cqRing != sqRing) {
            cqRing.close();
        }
        sqRing.close();
        Posix.close(fd);
        scratch.close();
    }
}
