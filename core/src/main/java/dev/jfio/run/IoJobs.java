package dev.jfio.run;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many of a run's job clones that do I/O (engines not flagged
 * {@link dev.jfio.spi.EngineFlag#NO_IO}) have not finished yet: fio's
 * {@code fio_running_or_pending_io_threads}, which cpuio's {@code exit_on_io_done} watches.
 * Thread-safe: clones are counted on the main thread before any starts, and each job thread
 * counts its own end.
 */
final class IoJobs {
    private final AtomicInteger unfinished = new AtomicInteger();
    private volatile boolean any;

    /** One more clone that does I/O. Main thread, before the run starts. */
    void add() {
        any = true;
        unfinished.incrementAndGet();
    }

    /** A clone counted by {@link #add} has finished. Its job thread. */
    void finished() {
        unfinished.decrementAndGet();
    }

    /** Whether the run had clones that do I/O and all of them have finished. */
    boolean allFinished() {
        return any && unfinished.get() <= 0;
    }
}
