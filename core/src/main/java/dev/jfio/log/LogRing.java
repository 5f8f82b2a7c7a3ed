package dev.jfio.log;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer single-consumer queue of fixed-width records of longs, preallocated.
 * The job thread {@link #claim claims} a slot, fills it and {@link #publish publishes} it; the
 * writer thread reads published slots and {@link #release releases} them. When the ring is full a
 * claim fails and the caller counts a dropped entry: nothing waits and nothing grows.
 *
 * <p>Thread contract: {@link #claim} and {@link #publish} from one producer thread;
 * {@link #available}, {@link #slot} and {@link #release} from one consumer thread. Allocation-free.
 */
final class LogRing {
    /** Longs per record. */
    static final int WIDTH = 8;

    private final long[] data;
    private final int mask;
    /** Next record to publish; written by the producer. */
    private final AtomicLong head = new AtomicLong();
    /** Next record to read; written by the consumer. */
    private final AtomicLong tail = new AtomicLong();

    private long producerHead;
    private long cachedTail;

    /** @param capacity records, rounded up to a power of two */
    LogRing(int capacity) {
        int c = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
        data = new long[c * WIDTH];
        mask = c - 1;
    }

    /** Producer: the index in {@link #data()} of a free record's first long, or -1 when full. */
    int claim() {
        if (producerHead - cachedTail > mask) {
            cachedTail = tail.get();
            if (producerHead - cachedTail > mask) {
                return -1;
            }
        }
        return (int) (producerHead & mask) * WIDTH;
    }

    /** Producer: makes the record last claimed visible to the consumer. */
    void publish() {
        producerHead++;
        head.lazySet(producerHead);
    }

    /** The backing array: records at {@code index .. index + WIDTH}. */
    long[] data() {
        return data;
    }

    /** Consumer: how many records are published and not yet released. */
    long available(long consumed) {
        return head.get() - consumed;
    }

    /** Consumer: the index of record number {@code n} (counting from the ring's start). */
    int slot(long n) {
        return (int) (n & mask) * WIDTH;
    }

    /** Consumer: every record before {@code n} may be reused. */
    void release(long n) {
        tail.lazySet(n);
    }

    /** Consumer: the first record not yet released. */
    long consumed() {
        return tail.get();
    }
}
