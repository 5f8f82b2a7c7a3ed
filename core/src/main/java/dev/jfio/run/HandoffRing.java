package dev.jfio.run;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded single-producer single-consumer queue that hands objects from one thread to another
 * without allocating: the consumer spins briefly, then parks; the producer unparks it. One thread
 * offers, one other thread polls and takes; the ring's slots and counters publish the objects
 * (everything the producer wrote before {@link #offer} is visible to the consumer after it takes).
 */
final class HandoffRing<T> {
    private static final int SPINS = 200;
    /** A parked consumer looks again at least this often, whatever it was told. */
    private static final long MAX_PARK_NANOS = 1_000_000L;

    private final Object[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();
    private volatile Thread waiter;
    private volatile boolean woken;

    /** @param capacity at least this many objects fit (rounded up to a power of two) */
    HandoffRing(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
        this.slots = new Object[size];
        this.mask = size - 1;
    }

    /** Producer: adds {@code x}; false when the ring is full. */
    boolean offer(T x) {
        long t = tail.get();
        if (t - head.get() == slots.length) {
            return false;
        }
        slots[(int) (t & mask)] = x;
        tail.set(t + 1); // a volatile write, ordered before the read of waiter below
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        return true;
    }

    /** Consumer: the oldest object, or null when empty. */
    @SuppressWarnings("unchecked")
    T poll() {
        long h = head.get();
        if (h == tail.get()) {
            return null;
        }
        int i = (int) (h & mask);
        T x = (T) slots[i];
        slots[i] = null;
        head.lazySet(h + 1);
        return x;
    }

    /**
     * Consumer: the oldest object, waiting for one until {@code deadline} ({@link System#nanoTime()}
     * scale; {@link Long#MAX_VALUE} for no limit) or until {@link #wake} is called.
     *
     * @return the object, or null when the deadline passed or the ring was woken empty
     */
    T take(long deadline) {
        for (int i = 0; i < SPINS; i++) {
            T x = poll();
            if (x != null) {
                return x;
            }
            Thread.onSpinWait();
        }
        waiter = Thread.currentThread();
        try {
            while (true) {
                T x = poll();
                if (x != null) {
                    return x;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return null;
                }
                LockSupport.parkNanos(this, Math.min(left, MAX_PARK_NANOS));
                if (woken) {
                    woken = false;
                    return poll();
                }
            }
        } finally {
            waiter = null;
        }
    }

    /** Any thread: makes a waiting {@link #take} return (null when still empty). */
    void wake() {
        woken = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }
}
