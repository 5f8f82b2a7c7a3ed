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
 * <p>The caller owns SQE indices 0 to {@link #slots()}-1 (each request can keep its own entry);
 * the ring keeps two more for its timer ({@link #armTimer}), which bounds a wait in {@link #enter}
 * without the allocating six-argument system call of EXT_ARG. Its completions carry negative user
 * data ({@link #isTimer}) and go back to {@link #timerCompleted}.
 *
 * <p>Parameters, timespecs and registration arguments live in one page of native memory owned by
 * the ring, and the hot calls (enter without a timeout, register) go through a fixed-arity
 * binding of {@code syscall}, so no call here allocates except {@link #enter(int, int, int, long)}
 * and {@link #create} (setup and cleanup only).
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
    private static final int TIMER_TIMESPEC = 256, UPDATE_TIMESPEC = 272;
    private static final int PROBE = 1024, PROBE_OPS = 256, PROBE_SIZE = 16 + PROBE_OPS * 8;
    private static final int SCRATCH_SIZE = 4096;
    private static final int REGISTER_FILES2 = 13;
    private static final int IO_URING_OP_SUPPORTED = 1;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** SQE indices the ring keeps for its timer: the TIMEOUT and its update. */
    private static final int RESERVED = 2;
    /** User data of the timer's and the update's completions: negative, unlike any slot index. */
    private static final long TIMER = Long.MIN_VALUE | 1, UPDATE = Long.MIN_VALUE | 2;
    /** A timer up to this late is left alone rather than moved (a move costs an SQE and a CQE). */
    private static final long TIMER_SLACK_NANOS = 100_000;

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
    private final int slots;
    private boolean timerArmed;
    private long timerDeadline;
    private boolean closed;

    private IoUring(
            int fd, int slots, MappedMemory scratch, MappedMemory sqRing, MappedMemory cqRing, MappedMemory sqeArray) {
        this.fd = fd;
        this.slots = slots;
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
     * Sets up a ring with SQE indices 0 to {@code slots}-1 for the caller (the ring has a power of
     * two of entries, at least {@code slots} + 2) and as many CQEs, maps it, and asks for single-issuer, deferred task running and cooperative task running
     * where the kernel has them (as fio does; each is dropped in turn when the kernel answers
     * EINVAL, as older kernels do).
     *
     * @param flags Uring.SETUP_* flags the caller needs (IOPOLL, SQPOLL, SQ_AFF)
     * @param sqThreadCpu the CPU of the SQPOLL thread, with {@link Uring#SETUP_SQ_AFF}
     * @throws IoUringException naming io_uring_setup (or the mmap) and the errno the kernel answered
     * @throws IOException when native calls are unavailable here
     */
    public static IoUring create(int slots, int flags, int sqThreadCpu) throws IOException {
        if (slots < 1 || slots > Uring.MAX_ENTRIES - RESERVED) {
            throw new IllegalArgumentException(
                    "an io_uring has 1 to " + (Uring.MAX_ENTRIES - RESERVED) + " slots, not " + slots);
        }
        if (!Syscalls.available()) {
            throw new IoUringException("io_uring_setup", Errno.ENOSYS);
        }
        int size = Integer.highestOneBit((slots + RESERVED) * 2 - 1);
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
        return map((int) fd, slots, scratch);
    }

    private static IoUring map(int fd, int slots, MappedMemory scratch) throws IOException {
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
            sqRing = MappedMemory.map(
                    singleMmap ? Math.max(sqSize, cqSize) : sqSize, prot, share, fd, Uring.OFF_SQ_RING);
            cqRing = singleMmap ? sqRing : MappedMemory.map(cqSize, prot, share, fd, Uring.OFF_CQ_RING);
            MappedMemory sqes =
                    MappedMemory.map((long) sqEntries * SubmissionQueue.SQE_SIZE, prot, share, fd, Uring.OFF_SQES);
            return new IoUring(fd, slots, scratch, sqRing, cqRing, sqes);
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

    /** How many SQE indices the caller owns: 0 to slots-1. */
    public int slots() {
        return slots;
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
     * completions are in the CQ ring, or until the ring's timer fires ({@link #armTimer}), which
     * ends any wait. Allocates nothing.
     *
     * @return how many entries the kernel consumed (0 or more), or minus the errno (EINTR, EAGAIN
     *     and EBUSY are worth retrying)
     */
    public int enter(int toSubmit, int minComplete, int flags) {
        return (int) Syscalls.fast(Syscalls.SYS_IO_URING_ENTER, fd, toSubmit, minComplete, flags, 0);
    }

    /**
     * {@link #enter(int, int, int)} with a time limit: with {@code timeoutNanos >= 0} (and
     * GETEVENTS) the wait ends after that long (EXT_ARG's timespec; the kernel then answers ETIME).
     * Its six-argument system call allocates: for setup and cleanup, not for the I/O loop.
     */
    public int enter(int toSubmit, int minComplete, int flags, long timeoutNanos) {
        if (timeoutNanos < 0 || (flags & Uring.ENTER_GETEVENTS) == 0 || (features & Uring.FEAT_EXT_ARG) == 0) {
            return enter(toSubmit, minComplete, flags);
        }
        arg.putLong(TIMESPEC, timeoutNanos / NANOS_PER_SECOND);
        arg.putLong(TIMESPEC + 8, timeoutNanos % NANOS_PER_SECOND);
        arg.putLong(GETEVENTS_ARG, 0); // no signal mask
        arg.putInt(GETEVENTS_ARG + 8, 0);
        arg.putInt(GETEVENTS_ARG + 12, 0); // min_wait_usec
        arg.putLong(GETEVENTS_ARG + 16, scratch.address() + TIMESPEC);
        return (int) Syscalls.call(
                Syscalls.SYS_IO_URING_ENTER,
                fd,
                toSubmit,
                minComplete,
                flags | Uring.ENTER_EXT_ARG,
                scratch.address() + GETEVENTS_ARG,
                GETEVENTS_ARG_SIZE);
    }

    /**
     * Makes sure the ring's timer fires by {@code deadlineNanos} (a {@link System#nanoTime()}
     * value, which is CLOCK_MONOTONIC on Linux): pushes a TIMEOUT when none is pending, or moves the
     * pending one earlier when it would fire more than 100 µs late; a timer that fires earlier is
     * left alone (the waiter wakes early and arms again). What it pushes goes to the kernel with
     * the next {@link #enter}, which must follow before the next call. Not for IOPOLL rings, which
     * take no timers.
     */
    public void armTimer(long deadlineNanos) {
        if (!timerArmed) {
            timespec(TIMER_TIMESPEC, deadlineNanos);
            sq.prepareTimeout(slots, scratch.address() + TIMER_TIMESPEC, Uring.TIMEOUT_ABS, TIMER);
            sq.push(slots);
            timerArmed = true;
            timerDeadline = deadlineNanos;
        } else if (timerDeadline - deadlineNanos > TIMER_SLACK_NANOS) {
            timespec(UPDATE_TIMESPEC, deadlineNanos);
            sq.prepareTimeoutUpdate(slots + 1, TIMER, scratch.address() + UPDATE_TIMESPEC, Uring.TIMEOUT_ABS, UPDATE);
            sq.push(slots + 1);
            timerDeadline = deadlineNanos;
        }
    }

    private void timespec(int at, long nanos) {
        arg.putLong(at, nanos / NANOS_PER_SECOND);
        arg.putLong(at + 8, nanos % NANOS_PER_SECOND);
    }

    /** Whether a completion's user data is the ring's own (its timer's), not a caller's slot. */
    public static boolean isTimer(long userData) {
        return userData < 0;
    }

    /** Takes back a completion of the ring's own ({@link #isTimer}): a fired timer is no longer pending. */
    public void timerCompleted(long userData, int result) {
        if (userData == TIMER) {
            timerArmed = false;
        }
    }

    /**
     * One NOP through an empty ring (SQE 0) and back, waiting up to a second: links the ring's
     * memory accesses and system calls, so that the first real I/O pays no one-off costs (and
     * allocates nothing). Call before any other entry is pushed.
     *
     * @return 0, or minus the errno of the enter
     */
    public int warmUp() {
        sq.prepareNop(0, 0);
        sq.push(0);
        int wake = (setupFlags & Uring.SETUP_SQPOLL) != 0 ? Uring.ENTER_SQ_WAKEUP : 0;
        int r = enter(1, 1, Uring.ENTER_GETEVENTS | wake, NANOS_PER_SECOND);
        if (r >= 0) {
            r = enter(0, 0, Uring.ENTER_GETEVENTS | wake);
        }
        int ready = cq.ready();
        for (int k = 0; k < ready; k++) {
            if (isTimer(cq.userData(k))) {
                timerCompleted(cq.userData(k), cq.result(k));
            }
        }
        cq.advance(ready);
        sq.pending();
        return Math.min(r, 0);
    }

    /** Whether {@link #enter(int, int, int, long)} can bound its wait (IORING_FEAT_EXT_ARG, Linux 5.11). */
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
        return (int) Syscalls.fast(Syscalls.SYS_IO_URING_REGISTER, fd, opcode, address, count, 0);
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
