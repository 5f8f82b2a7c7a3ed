package dev.jfio.posix.aio;

import com.kenai.jffi.MemoryIO;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The completion ring the kernel keeps for an AIO context, read from user space (fio's
 * {@code userspace_reap}). io_setup maps {@code struct aio_ring} into the process at the address
 * that is the context id: a 32-byte header (id, nr, head, tail, magic 0xa10a10a1, compat_features,
 * incompat_features, header_length) followed by {@code nr} {@code struct io_event}s. The kernel
 * appends at {@code tail}; the consumer takes from {@code head} and moves it on, either inside
 * io_getevents or, here, by itself.
 *
 * <p>Memory ordering: the kernel writes an event, then (after {@code smp_wmb}) publishes it by
 * storing {@code tail}, so {@code tail} is read with acquire semantics: the event's bytes read
 * after it are the ones the kernel wrote. The kernel reads {@code head} to learn which slots it
 * may overwrite, so {@code head} is stored with release semantics, after the events have been
 * copied out: a plain store could be reordered (by the JIT or the CPU) before those reads and the
 * kernel could then reuse a slot still being read. The VarHandles over the direct buffer give
 * exactly these orderings; plain {@code ByteBuffer.getInt} gives none.
 *
 * <p>Thread contract: one consumer thread at a time, which must not call io_getevents on the same
 * context concurrently (both move {@code head}). Allocates nothing.
 */
final class AioRing {
    static final int MAGIC = 0xa10a10a1;
    private static final int HEADER = 32;
    private static final int NR = 4;
    private static final int HEAD = 8;
    private static final int TAIL = 12;
    private static final int MAGIC_AT = 16;
    private static final int INCOMPAT_FEATURES = 24;
    private static final int HEADER_LENGTH = 28;
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final ByteBuffer ring;
    private final int nr;

    private AioRing(ByteBuffer ring, int nr) {
        this.ring = ring;
        this.nr = nr;
    }

    /**
     * The ring of context {@code ctx}, or null when what is mapped there is not a ring this code
     * understands (another magic, incompatible features, another header length).
     */
    static AioRing of(long ctx) {
        MemoryIO memory = MemoryIO.getInstance();
        ByteBuffer header = memory.newDirectByteBuffer(ctx, HEADER).order(ByteOrder.nativeOrder());
        if (header.getInt(MAGIC_AT) != MAGIC
                || header.getInt(INCOMPAT_FEATURES) != 0
                || header.getInt(HEADER_LENGTH) != HEADER) {
            return null;
        }
        int nr = header.getInt(NR);
        if (nr <= 0 || nr > (Integer.MAX_VALUE - HEADER) / AioAbi.EVENT_SIZE) {
            return null;
        }
        ByteBuffer ring =
                memory.newDirectByteBuffer(ctx, HEADER + nr * AioAbi.EVENT_SIZE).order(ByteOrder.nativeOrder());
        return new AioRing(ring, nr);
    }

    /** How many events the ring holds (more than io_setup asked for: the kernel rounds up). */
    int capacity() {
        return nr;
    }

    /**
     * Copies up to {@code max} finished events into {@code events} (io_event layout, from index
     * {@code at}) and frees their slots; returns how many.
     */
    int reap(ByteBuffer events, int at, int max) {
        int head = (int) INT.getAcquire(ring, HEAD);
        int tail = (int) INT.getAcquire(ring, TAIL);
        if (Integer.compareUnsigned(head, nr) >= 0 || Integer.compareUnsigned(tail, nr) >= 0) {
            return 0; // not a state the kernel leaves: let io_getevents deal with it
        }
        int n = 0;
        while (head != tail && n < max) {
            int from = HEADER + head * AioAbi.EVENT_SIZE;
            int to = (at + n) * AioAbi.EVENT_SIZE;
            events.putLong(to, ring.getLong(from));
            events.putLong(to + 8, ring.getLong(from + 8));
            events.putLong(to + 16, ring.getLong(from + 16));
            events.putLong(to + 24, ring.getLong(from + 24));
            head = head + 1 == nr ? 0 : head + 1;
            n++;
        }
        if (n > 0) {
            INT.setRelease(ring, HEAD, head);
        }
        return n;
    }
}
