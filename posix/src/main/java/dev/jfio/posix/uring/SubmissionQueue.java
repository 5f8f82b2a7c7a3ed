package dev.jfio.posix.uring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The submission side of an {@link IoUring}: the SQE array, which the caller fills entry by entry
 * (an entry's index is the caller's choice, for example its request slot, so a request always
 * reuses its own entry), and the SQ ring, through which filled entries are handed to the kernel
 * in order ({@link #push}).
 *
 * <p>Memory ordering: the ring's head and tail are shared with the kernel, which may read them
 * on another CPU (an SQPOLL thread) or while we write. The tail is ours: it is published with a
 * release store, so that the kernel, which loads it with acquire, sees every SQE field and array
 * slot written before it. The head is the kernel's: it is loaded with acquire, so that entries it
 * says are consumed really are (their SQEs may then be rewritten). The SQ flags word is read after
 * a full fence: the kernel sets NEED_WAKEUP and then re-checks our tail, so the store of the tail
 * and the load of the flags must not be reordered (liburing's {@code io_uring_smp_mb}).
 *
 * <p>Thread contract: one thread (the ring's submitter) fills, pushes and submits; nothing here is
 * thread-safe. Allocates nothing.
 */
public final class SubmissionQueue {
    /** Acquire/release access to the 32-bit ring indices in the mapped memory. */
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    static final int SQE_SIZE = 64;
    private static final int OPCODE = 0, FLAGS = 1, IOPRIO = 2, FD = 4, OFF = 8, ADDR = 16, LEN = 24;
    private static final int OP_FLAGS = 28, USER_DATA = 32, BUF_INDEX = 40, PERSONALITY = 42, FILE_INDEX = 44;
    private static final int ADDR3 = 48, PAD2 = 56;

    private final ByteBuffer ring;
    private final ByteBuffer sqes;
    private final int headOffset;
    private final int tailOffset;
    private final int flagsOffset;
    private final int arrayOffset;
    private final int mask;
    private final int entries;
    /** Our copy of the tail: only we write it. */
    private int tail;

    SubmissionQueue(ByteBuffer ring, ByteBuffer sqes, int head, int tail, int mask, int entries, int flags, int array) {
        this.ring = ring;
        this.sqes = sqes;
        this.headOffset = head;
        this.tailOffset = tail;
        this.flagsOffset = flags;
        this.arrayOffset = array;
        this.mask = ring.getInt(mask);
        this.entries = ring.getInt(entries);
        this.tail = (int) INT.getAcquire(ring, tail);
    }

    /** How many SQEs there are: valid entry indices are 0 to entries-1. */
    public int entries() {
        return entries;
    }

    /**
     * Fills SQE {@code index} with a read or write: {@link Uring#OP_READ}, {@link Uring#OP_WRITE}
     * (buffer address and length), {@link Uring#OP_READV}, {@link Uring#OP_WRITEV} (address of
     * {@code len} iovecs), {@link Uring#OP_READ_FIXED}, {@link Uring#OP_WRITE_FIXED} (a registered
     * buffer's {@code bufIndex}).
     *
     * @param fd a file descriptor, or with {@link Uring#SQE_FIXED_FILE} in {@code sqeFlags} a
     *     registered file's index
     * @param rwFlags RWF_* flags (0 for none)
     * @param userData returned in the completion
     */
    public void prepareRw(
            int index,
            int opcode,
            int fd,
            int sqeFlags,
            long offset,
            long addr,
            int len,
            int rwFlags,
            int bufIndex,
            long userData) {
        int base = index * SQE_SIZE;
        header(base, opcode, sqeFlags, fd);
        sqes.putLong(base + OFF, offset);
        sqes.putLong(base + ADDR, addr);
        sqes.putInt(base + LEN, len);
        sqes.putInt(base + OP_FLAGS, rwFlags);
        trailer(base, userData, bufIndex);
    }

    /** Fills SQE {@code index} with an fsync of the whole file, or fdatasync when {@code datasync}. */
    public void prepareFsync(int index, int fd, int sqeFlags, boolean datasync, long userData) {
        int base = index * SQE_SIZE;
        header(base, Uring.OP_FSYNC, sqeFlags, fd);
        sqes.putLong(base + OFF, 0);
        sqes.putLong(base + ADDR, 0);
        sqes.putInt(base + LEN, 0);
        sqes.putInt(base + OP_FLAGS, datasync ? Uring.FSYNC_DATASYNC : 0);
        trailer(base, userData, 0);
    }

    /** Fills SQE {@code index} with {@code fallocate(fd, mode, offset, length)}. */
    public void prepareFallocate(int index, int fd, int sqeFlags, int mode, long offset, long length, long userData) {
        int base = index * SQE_SIZE;
        header(base, Uring.OP_FALLOCATE, sqeFlags, fd);
        sqes.putLong(base + OFF, offset);
        sqes.putLong(base + ADDR, length); // fallocate's length travels in addr, its mode in len
        sqes.putInt(base + LEN, mode);
        sqes.putInt(base + OP_FLAGS, 0);
        trailer(base, userData, 0);
    }

    /**
     * Fills SQE {@code index} with a timer (IORING_OP_TIMEOUT counting no completions): it
     * completes with -ETIME when the {@code struct __kernel_timespec} at {@code timespec} (copied
     * at submission) is reached, absolute on CLOCK_MONOTONIC with {@link Uring#TIMEOUT_ABS}.
     */
    public void prepareTimeout(int index, long timespec, int timeoutFlags, long userData) {
        int base = index * SQE_SIZE;
        header(base, Uring.OP_TIMEOUT, 0, -1);
        sqes.putLong(base + OFF, 0);
        sqes.putLong(base + ADDR, timespec);
        sqes.putInt(base + LEN, 1);
        sqes.putInt(base + OP_FLAGS, timeoutFlags);
        trailer(base, userData, 0);
    }

    /**
     * Fills SQE {@code index} with a move of the pending timer whose user data is {@code timer} to
     * the time at {@code timespec} (IORING_OP_TIMEOUT_REMOVE with {@link Uring#TIMEOUT_UPDATE}).
     */
    public void prepareTimeoutUpdate(int index, long timer, long timespec, int timeoutFlags, long userData) {
        int base = index * SQE_SIZE;
        header(base, Uring.OP_TIMEOUT_REMOVE, 0, -1);
        sqes.putLong(base + OFF, timespec);
        sqes.putLong(base + ADDR, timer);
        sqes.putInt(base + LEN, 0);
        sqes.putInt(base + OP_FLAGS, Uring.TIMEOUT_UPDATE | timeoutFlags);
        trailer(base, userData, 0);
    }

    /** Fills SQE {@code index} with a no-op, which completes with result 0. */
    public void prepareNop(int index, long userData) {
        int base = index * SQE_SIZE;
        header(base, Uring.OP_NOP, 0, -1);
        sqes.putLong(base + OFF, 0);
        sqes.putLong(base + ADDR, 0);
        sqes.putInt(base + LEN, 0);
        sqes.putInt(base + OP_FLAGS, 0);
        trailer(base, userData, 0);
    }

    /** Gives prepared SQE {@code index} the I/O priority {@code ioprio} ({@code class << 13 | level}). */
    public void setIoprio(int index, int ioprio) {
        sqes.putShort(index * SQE_SIZE + IOPRIO, (short) ioprio);
    }

    private void header(int base, int opcode, int sqeFlags, int fd) {
        sqes.put(base + OPCODE, (byte) opcode);
        sqes.put(base + FLAGS, (byte) sqeFlags);
        sqes.putShort(base + IOPRIO, (short) 0);
        sqes.putInt(base + FD, fd);
    }

    private void trailer(int base, long userData, int bufIndex) {
        sqes.putLong(base + USER_DATA, userData);
        sqes.putShort(base + BUF_INDEX, (short) bufIndex);
        sqes.putShort(base + PERSONALITY, (short) 0);
        sqes.putInt(base + FILE_INDEX, 0);
        sqes.putLong(base + ADDR3, 0);
        sqes.putLong(base + PAD2, 0);
    }

    /**
     * Hands filled SQE {@code index} to the kernel: it goes into the next ring slot and the tail
     * moves on (a release store, see the class comment). The kernel takes it at the next
     * {@link IoUring#enter} (or at once with SQPOLL).
     *
     * @return false when the ring is full (nothing was pushed)
     */
    public boolean push(int index) {
        if (tail - head() >= entries) {
            return false;
        }
        ring.putInt(arrayOffset + (tail & mask) * Integer.BYTES, index);
        tail++;
        INT.setRelease(ring, tailOffset, tail);
        return true;
    }

    /** How many pushed entries the kernel has not consumed yet. */
    public int pending() {
        return tail - head();
    }

    /**
     * With SQPOLL: whether the kernel's polling thread went to sleep and needs
     * {@link Uring#ENTER_SQ_WAKEUP} to see what was pushed.
     */
    public boolean needsWakeup() {
        VarHandle.fullFence(); // the tail store above must be visible before the flag is read
        return ((int) INT.getVolatile(ring, flagsOffset) & Uring.SQ_NEED_WAKEUP) != 0;
    }

    private int head() {
        return (int) INT.getAcquire(ring, headOffset);
    }
}
