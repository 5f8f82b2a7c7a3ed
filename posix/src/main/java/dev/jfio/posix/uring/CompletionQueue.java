package dev.jfio.posix.uring;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The completion side of an {@link IoUring}: the CQ ring of 16-byte CQEs (user data, result,
 * flags), read without a system call.
 *
 * <p>Memory ordering: the kernel writes a CQE and then moves the tail with a release store; we
 * load the tail with acquire, so every CQE below it is fully visible. The head is ours: we move
 * it with a release store once we have read the CQEs below it, so the kernel (which loads it with
 * acquire) never overwrites an entry we are still reading.
 *
 * <p>Thread contract: one thread reaps; nothing here is thread-safe. Allocates nothing.
 */
public final class CompletionQueue {
    /** Acquire/release access to the 32-bit ring indices in the mapped memory. */
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private static final int CQE_SIZE = 16;
    private static final int USER_DATA = 0, RES = 8;

    private final ByteBuffer ring;
    private final int headOffset;
    private final int tailOffset;
    private final int cqesOffset;
    private final int overflowOffset;
    private final int mask;
    private final int entries;
    /** Our copy of the head: only we write it. */
    private int head;

    CompletionQueue(ByteBuffer ring, int head, int tail, int mask, int entries, int overflow, int cqes) {
        this.ring = ring;
        this.headOffset = head;
        this.tailOffset = tail;
        this.overflowOffset = overflow;
        this.cqesOffset = cqes;
        this.mask = ring.getInt(mask);
        this.entries = ring.getInt(entries);
        this.head = (int) INT.getAcquire(ring, head);
    }

    /** How many CQEs the ring holds. */
    public int entries() {
        return entries;
    }

    /** How many completions are waiting to be read, without a system call. */
    public int ready() {
        return (int) INT.getAcquire(ring, tailOffset) - head;
    }

    /** The user data of the {@code k}-th waiting completion (0 is the oldest); {@code k < ready()}. */
    public long userData(int k) {
        return ring.getLong(cqesOffset + ((head + k) & mask) * CQE_SIZE + USER_DATA);
    }

    /** The result of the {@code k}-th waiting completion: as the system call's, minus errno on failure. */
    public int result(int k) {
        return ring.getInt(cqesOffset + ((head + k) & mask) * CQE_SIZE + RES);
    }

    /** Consumes the {@code n} oldest waiting completions (a release store of the head). */
    public void advance(int n) {
        head += n;
        INT.setRelease(ring, headOffset, head);
    }

    /** How many completions the kernel had to drop or hold back because the ring was full. */
    public int overflow() {
        return (int) INT.getAcquire(ring, overflowOffset);
    }
}
