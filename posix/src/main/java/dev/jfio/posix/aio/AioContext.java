package dev.jfio.posix.aio;

import dev.jfio.posix.Posix;
import dev.jfio.posix.Syscalls;
import dev.jfio.spi.Errno;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One kernel AIO context (io_setup) with everything an engine needs to drive it at a fixed depth,
 * preallocated in native memory: {@code depth} iocbs (one per slot, the slot being the engine's
 * request index, which comes back as the event's {@code aio_data}), the pointer array io_submit
 * takes (the batch waiting to be submitted, in queue order), the io_event array io_getevents
 * fills, and the timespec of its timeout. The kernel's completion ring can also be read without a
 * system call ({@link #reapRing}, fio's {@code userspace_reap}).
 *
 * <p>Each call returns what the kernel answered (a count, or minus the errno); deciding what a
 * failure means is the caller's business. The context counts the iocbs waiting to be submitted
 * ({@link #pending}) and those the kernel holds ({@link #inKernel}).
 *
 * <p>Thread contract: one thread at a time (the job thread), no locking; {@link #close} on the
 * same thread. Nothing here allocates after {@link #setup}.
 */
public final class AioContext implements AutoCloseable {
    private static final int POINTER = 8;

    private final int depth;
    private final long ctx;
    private final ByteBuffer iocbs;
    private final long iocbsAddress;
    private final ByteBuffer pointers;
    private final long pointersAddress;
    private final ByteBuffer events;
    private final long eventsAddress;
    private final ByteBuffer timespec;
    private final long timespecAddress;
    /** Null when the ring mapped at the context id is not one this code can read. */
    private final AioRing ring;

    private int pending;
    private int inKernel;
    private boolean destroyed;

    private AioContext(int depth, long ctx) {
        this.depth = depth;
        this.ctx = ctx;
        this.iocbs = nativeBuffer(depth * AioAbi.IOCB_SIZE);
        this.iocbsAddress = Posix.address(iocbs);
        this.pointers = nativeBuffer(depth * POINTER);
        this.pointersAddress = Posix.address(pointers);
        this.events = nativeBuffer(depth * AioAbi.EVENT_SIZE);
        this.eventsAddress = Posix.address(events);
        this.timespec = nativeBuffer(16);
        this.timespecAddress = Posix.address(timespec);
        this.ring = AioRing.of(ctx);
    }

    /**
     * {@code io_setup(depth)}: a context for up to {@code depth} iocbs in flight at once.
     *
     * @throws AioSetupException when the kernel refuses (EAGAIN: /proc/sys/fs/aio-max-nr; ENOSYS,
     *     EPERM: no AIO here), with a one-line message naming the cause and the remedy
     * @throws IllegalArgumentException when {@code depth} is not in 1..65536
     */
    public static AioContext setup(int depth) throws AioSetupException {
        if (depth < 1 || depth > 65536) {
            throw new IllegalArgumentException("AIO depth " + depth + " is not in 1..65536");
        }
        if (!Syscalls.available()) {
            throw new AioSetupException(Errno.ENOSYS, depth);
        }
        ByteBuffer id = nativeBuffer(8); // aio_context_t, which must be 0 going in
        long r = Syscalls.fast(Syscalls.SYS_IO_SETUP, depth, Posix.address(id), 0, 0, 0);
        long ctx = id.getLong(0);
        Reference.reachabilityFence(id);
        if (r < 0) {
            throw new AioSetupException((int) -r, depth);
        }
        return new AioContext(depth, ctx);
    }

    private static ByteBuffer nativeBuffer(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    /** How many iocbs the context was set up for: slots are 0 to depth-1. Any thread. */
    public int depth() {
        return depth;
    }

    /**
     * Fills slot {@code slot}'s iocb for a transfer ({@link AioAbi#IOCB_CMD_PREAD} or
     * {@link AioAbi#IOCB_CMD_PWRITE}) of {@code nbytes} between native address {@code buffer}
     * and {@code offset} of {@code fd}, with {@code rwFlags} (RWF_*) for this I/O alone. The slot
     * must not be pending or in the kernel. Job thread.
     */
    public void prepareTransfer(int slot, int opcode, int fd, long buffer, long nbytes, long offset, int rwFlags) {
        int at = slot * AioAbi.IOCB_SIZE;
        iocbs.putLong(at + AioAbi.IOCB_DATA, slot);
        iocbs.putLong(at + AioAbi.IOCB_KEY_RW_FLAGS, (long) rwFlags << 32); // aio_key 0
        iocbs.putLong(at + AioAbi.IOCB_OPCODE_PRIO_FD, opcode | (long) fd << 32); // aio_reqprio 0
        iocbs.putLong(at + AioAbi.IOCB_BUF, buffer);
        iocbs.putLong(at + AioAbi.IOCB_NBYTES, nbytes);
        iocbs.putLong(at + AioAbi.IOCB_OFFSET, offset);
        iocbs.putLong(at + AioAbi.IOCB_RESERVED2, 0);
        iocbs.putLong(at + AioAbi.IOCB_FLAGS_RESFD, 0);
    }

    /**
     * Gives prepared slot {@code slot}'s iocb the I/O priority {@code ioprio} ({@code class << 13 |
     * level}): aio_reqprio with {@link AioAbi#IOCB_FLAG_IOPRIO}. Job thread.
     */
    public void setIoprio(int slot, int ioprio) {
        int at = slot * AioAbi.IOCB_SIZE;
        iocbs.putShort(at + AioAbi.IOCB_OPCODE_PRIO_FD + 2, (short) ioprio);
        iocbs.putInt(
                at + AioAbi.IOCB_FLAGS_RESFD, iocbs.getInt(at + AioAbi.IOCB_FLAGS_RESFD) | AioAbi.IOCB_FLAG_IOPRIO);
    }

    /** Fills slot {@code slot}'s iocb for an fsync of {@code fd} (fdatasync when {@code dataOnly}). Job thread. */
    public void prepareSync(int slot, int fd, boolean dataOnly) {
        prepareTransfer(slot, dataOnly ? AioAbi.IOCB_CMD_FDSYNC : AioAbi.IOCB_CMD_FSYNC, fd, 0, 0, 0, 0);
    }

    /**
     * Adds slot {@code slot}'s prepared iocb to the batch the next {@link #submit} sends. Job thread.
     *
     * @throws IllegalStateException when {@code depth} iocbs are already pending
     */
    public void enqueue(int slot) {
        if (pending == depth) {
            throw new IllegalStateException("more than " + depth + " iocbs pending");
        }
        pointers.putLong(pending * POINTER, iocbsAddress + (long) slot * AioAbi.IOCB_SIZE);
        pending++;
    }

    /** The iocbs enqueued and not yet taken by the kernel. Job thread. */
    public int pending() {
        return pending;
    }

    /** The iocbs the kernel took and that have not been reaped yet. Job thread. */
    public int inKernel() {
        return inKernel;
    }

    /**
     * One {@code io_submit} of every pending iocb, in order. The kernel may take only the first
     * few (it answers how many); the rest stay pending. Job thread.
     *
     * @return how many the kernel took (0 when none were pending), or minus the errno when it took
     *     none: EAGAIN or ENOMEM (no room now: reap, then retry), EINTR (retry), or an error of the
     *     first pending iocb (EBADF, EINVAL for a command the file does not support, ...), which
     *     {@link #dropFirstPending} then removes
     */
    public long submit() {
        if (pending == 0) {
            return 0;
        }
        long r = Syscalls.fast(Syscalls.SYS_IO_SUBMIT, ctx, pending, pointersAddress, 0, 0);
        if (r > 0) {
            int taken = (int) r;
            inKernel += taken;
            shift(taken);
        }
        return r;
    }

    /** The slot of the first pending iocb, the one a failed {@link #submit} refers to; -1 when none. Job thread. */
    public int firstPending() {
        if (pending == 0) {
            return -1;
        }
        return (int) ((pointers.getLong(0) - iocbsAddress) / AioAbi.IOCB_SIZE);
    }

    /**
     * Removes the first pending iocb (after {@link #submit} failed on it) and returns its slot; -1
     * when none. Job thread.
     */
    public int dropFirstPending() {
        int slot = firstPending();
        if (slot >= 0) {
            shift(1);
        }
        return slot;
    }

    private void shift(int taken) {
        for (int i = taken; i < pending; i++) {
            pointers.putLong((i - taken) * POINTER, pointers.getLong(i * POINTER));
        }
        pending -= taken;
    }

    /**
     * {@code io_getevents(min, max)}: waits until at least {@code min} iocbs have completed or
     * {@code timeoutNanos} has passed ({@code < 0}: no limit), and stores up to {@code max} of
     * them for {@link #eventSlot} and {@link #eventResult}. Job thread.
     *
     * @return how many events were stored (fewer than {@code min} when the time ran out), or
     *     minus the errno (EINTR: a signal interrupted the wait)
     */
    public long getEvents(int min, int max, long timeoutNanos) {
        int n = Math.min(max, depth);
        long timeout = 0;
        if (timeoutNanos >= 0) {
            timespec.putLong(0, timeoutNanos / 1_000_000_000L);
            timespec.putLong(8, timeoutNanos % 1_000_000_000L);
            timeout = timespecAddress;
        }
        long r = Syscalls.fast(Syscalls.SYS_IO_GETEVENTS, ctx, Math.min(min, n), n, eventsAddress, timeout);
        if (r > 0) {
            inKernel -= (int) r;
        }
        return r;
    }

    /** Whether {@link #reapRing} can read the kernel's completion ring here. Any thread. */
    public boolean hasUserRing() {
        return ring != null;
    }

    /**
     * Takes up to {@code max} completed events straight from the kernel's ring, without a system
     * call (fio's {@code userspace_reap}); they are read as after {@link #getEvents}. Returns at
     * once with 0 when none has completed, or when the ring is not readable here. Job thread.
     */
    public int reapRing(int max) {
        if (ring == null || destroyed) {
            return 0; // after io_destroy the ring is unmapped
        }
        int n = ring.reap(events, 0, Math.min(max, depth));
        inKernel -= n;
        return n;
    }

    /** The slot of the {@code i}th event of the last {@link #getEvents} or {@link #reapRing}. Job thread. */
    public int eventSlot(int i) {
        return (int) events.getLong(i * AioAbi.EVENT_SIZE + AioAbi.EVENT_DATA);
    }

    /** The {@code i}th event's result: bytes transferred (0 for a sync), or minus the errno. Job thread. */
    public long eventResult(int i) {
        return events.getLong(i * AioAbi.EVENT_SIZE + AioAbi.EVENT_RES);
    }

    /**
     * {@code io_destroy}: the kernel waits for the iocbs it still holds to complete, then frees the
     * context and unmaps its ring, so no I/O buffer is touched after this returns. A second call
     * does nothing. Job thread (or the thread cleaning up after it).
     */
    @Override
    public void close() {
        if (!destroyed) {
            destroyed = true;
            Syscalls.fast(Syscalls.SYS_IO_DESTROY, ctx, 0, 0, 0, 0);
            pending = 0;
            inKernel = 0;
        }
    }
}
