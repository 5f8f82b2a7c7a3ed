package dev.jfio.run;

import dev.jfio.posix.CpuAffinity;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoUnit;
import dev.jfio.verify.BlockChecker;
import dev.jfio.verify.VerifyFailure;
import java.nio.ByteBuffer;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * fio's verify_async: verifier threads check the blocks a job reads back, off the job thread.
 *
 * <p>A ring of preallocated slots (a copy of the block and what its check needs) carries the
 * blocks: the job thread copies a completed read into the next free slot and publishes it; a
 * verifier claims it, checks it with a checker of its own and frees it, or, on a mismatch, leaves
 * it to the job thread, which reports the failure as the synchronous check does (the block's data
 * is still there for verify_dump). Each slot's sequence number says whose turn it is: {@code pos}
 * free for the job thread's publication {@code pos}, {@code pos + 1} published, {@code pos +
 * capacity} checked and free again.
 *
 * <p>Thread contract: {@link #submit}, {@link #failures}, {@link #awaitChecked} and {@link #stop}
 * are for the job thread only; the verifier threads run {@link #verify}. Nothing is allocated per
 * block; a mismatch allocates its failure.
 */
final class AsyncVerifier {
    /** Spins before a waiting thread parks; parks are bounded so that a lost wake-up only delays. */
    private static final int SPINS = 200;

    private static final long PARK_NANOS = 1_000_000L;

    /** Tests: told each verifier thread's name and how many blocks it checked, when it ends. */
    static volatile BiConsumer<String, Long> checksPerThread;

    /** What a mismatch found by a verifier becomes on the job thread. */
    interface Failures {
        /**
         * @return the job's failure when it is fatal (verify_fatal), else null
         */
        JobFailedException failed(
                ByteBuffer data, int length, long offset, String target, long expected, VerifyFailure failure);
    }

    private static final class Slot {
        final ByteBuffer data;
        int length;
        long offset;
        String target;
        long expected;
        long pos;
        volatile VerifyFailure failure;

        Slot(int size) {
            data = ByteBuffer.allocate(size);
        }
    }

    private final Slot[] slots;
    private final int mask;
    private final AtomicLongArray sequence;
    /** Job thread only: the next position to publish. */
    private long tail;
    /** Verifiers: the next position to claim. */
    private final AtomicLong head = new AtomicLong();
    /** Blocks checked (passed or failed). */
    private final AtomicLong checked = new AtomicLong();
    /** Mismatches found; {@link #reported} of them handed to the job thread so far. */
    private final AtomicLong failed = new AtomicLong();

    private long reported;
    private final Failures sink;
    private final Thread jobThread;
    private final Thread[] verifiers;
    private final AtomicIntegerArray sleeping;
    private final BitSet cpus;
    private volatile boolean jobWaiting;
    private volatile boolean stopping;
    /** A verifier that could not be placed on verify_async_cpus, or that failed unexpectedly. */
    private volatile JobFailedException broken;

    /**
     * Starts the verifier threads.
     *
     * @param threads   verify_async
     * @param cpus      verify_async_cpus, or null
     * @param depth     the job's iodepth: the ring holds twice as many blocks
     * @param blockSize the largest block the job reads
     * @param checkers  makes one checker per verifier thread
     * @param name      the job's name, in the threads' names
     */
    AsyncVerifier(
            int threads,
            BitSet cpus,
            int depth,
            int blockSize,
            java.util.function.Supplier<BlockChecker> checkers,
            String name,
            Failures sink) {
        int capacity = Integer.highestOneBit(Math.max(2, 2 * depth) * 2 - 1);
        this.slots = new Slot[capacity];
        this.mask = capacity - 1;
        this.sequence = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            slots[i] = new Slot(blockSize);
            sequence.set(i, i);
        }
        this.sink = sink;
        this.cpus = cpus;
        this.jobThread = Thread.currentThread();
        this.verifiers = new Thread[threads];
        this.sleeping = new AtomicIntegerArray(threads);
        for (int t = 0; t < threads; t++) {
            BlockChecker checker = checkers.get();
            int index = t;
            Thread v = new Thread(() -> verify(checker, index), "jfio-verify-" + name + "-" + t);
            v.setDaemon(true);
            verifiers[t] = v;
        }
        for (Thread v : verifiers) {
            v.start();
        }
    }

    /**
     * Copies a completed read into a slot and publishes it, waiting for a free slot when every
     * one is taken.
     *
     * @return a fatal failure reported meanwhile, else null
     */
    JobFailedException submit(IoUnit unit, long expected) {
        JobFailedException fatal = null;
        int i = (int) (tail & mask);
        for (int spins = 0; sequence.get(i) != tail; spins++) {
            if (broken != null) {
                return broken; // no verifier frees the slot: the job fails with why
            }
            JobFailedException f = failures();
            fatal = fatal == null ? f : fatal;
            waitForVerifiers(spins, i, tail);
        }
        Slot s = slots[i];
        int length = unit.result();
        s.data.put(0, unit.buffer(), 0, length);
        s.length = length;
        s.offset = unit.offset();
        s.target = unit.target().name();
        s.expected = expected;
        s.pos = tail;
        sequence.set(i, tail + 1);
        tail++;
        wakeOne();
        JobFailedException f = failures();
        return fatal == null ? f : fatal;
    }

    /**
     * Hands the mismatches the verifiers found since the last call to the job's {@link Failures},
     * oldest block first, and frees their slots.
     *
     * @return the first fatal failure, else null
     */
    JobFailedException failures() {
        JobFailedException fatal = broken;
        while (reported < failed.get()) {
            Slot oldest = null;
            for (Slot s : slots) {
                if (s.failure != null && (oldest == null || s.pos < oldest.pos)) {
                    oldest = s;
                }
            }
            if (oldest == null) {
                break;
            }
            VerifyFailure f = oldest.failure;
            JobFailedException e =
                    sink.failed(oldest.data, oldest.length, oldest.offset, oldest.target, oldest.expected, f);
            fatal = fatal == null ? e : fatal;
            oldest.failure = null;
            reported++;
            sequence.set((int) (oldest.pos & mask), oldest.pos + slots.length);
        }
        return fatal;
    }

    /**
     * Waits until every published block is checked, then reports the mismatches.
     *
     * @return the first fatal failure, else null
     */
    JobFailedException awaitChecked() {
        for (int spins = 0; checked.get() < tail && broken == null; spins++) {
            waitForVerifiers(spins, -1, 0);
        }
        return failures();
    }

    /** Stops the verifier threads (the job is over); blocks not yet checked are not. */
    void stop() {
        stopping = true;
        for (Thread v : verifiers) {
            LockSupport.unpark(v);
        }
        for (Thread v : verifiers) {
            try {
                v.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void waitForVerifiers(int spins, int slot, long free) {
        if (spins < SPINS) {
            Thread.onSpinWait();
            return;
        }
        jobWaiting = true;
        boolean ready = slot < 0 ? checked.get() >= tail : sequence.get(slot) == free;
        if (!ready) {
            LockSupport.parkNanos(this, PARK_NANOS);
        }
        jobWaiting = false;
    }

    private void wakeOne() {
        for (int t = 0; t < verifiers.length; t++) {
            if (sleeping.get(t) == 1 && sleeping.compareAndSet(t, 1, 0)) {
                LockSupport.unpark(verifiers[t]);
                return;
            }
        }
    }

    /** A verifier thread's loop: claims published blocks and checks them until stopped. */
    private void verify(BlockChecker checker, int index) {
        if (cpus != null) {
            int e = CpuAffinity.set(cpus);
            if (e != 0) {
                broken = new JobFailedException(
                        e, "verify_async_cpus: sched_setaffinity to CPUs " + cpus + " failed: " + Errno.nameAndText(e));
            }
        }
        long count = 0;
        try {
            count = claimAndCheck(checker, index);
        } catch (RuntimeException | Error e) {
            broken = new JobFailedException(
                    Errno.EIO, "verify_async: " + Thread.currentThread().getName() + " failed: " + e);
            LockSupport.unpark(jobThread);
        }
        BiConsumer<String, Long> hook = checksPerThread;
        if (hook != null) {
            hook.accept(Thread.currentThread().getName(), count);
        }
    }

    /** @return the blocks this thread checked, once the job is over */
    private long claimAndCheck(BlockChecker checker, int index) {
        long count = 0;
        int idle = 0;
        while (!stopping && jobThread.isAlive()) {
            long pos = head.get();
            int i = (int) (pos & mask);
            long s = sequence.get(i);
            if (s == pos + 1) {
                if (head.compareAndSet(pos, pos + 1)) {
                    check(checker, slots[i], i, pos);
                    count++;
                    idle = 0;
                }
            } else if (s < pos + 1) {
                if (++idle < SPINS) {
                    Thread.onSpinWait();
                } else {
                    sleeping.set(index, 1);
                    if (sequence.get(i) != pos + 1 && !stopping) {
                        LockSupport.parkNanos(this, PARK_NANOS * 10);
                    }
                    sleeping.set(index, 0);
                }
            }
        }
        return count;
    }

    private void check(BlockChecker checker, Slot slot, int i, long pos) {
        VerifyFailure f = checker.check(slot.data, slot.length, slot.offset, slot.expected, slot.target);
        if (f == null) {
            sequence.set(i, pos + slots.length);
        } else {
            slot.failure = f;
            failed.incrementAndGet();
        }
        checked.incrementAndGet();
        if (jobWaiting) {
            LockSupport.unpark(jobThread);
        }
    }
}
