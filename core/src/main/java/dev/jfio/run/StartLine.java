package dev.jfio.run;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The line the run's first jobs wait at, ready to do I/O, until a {@link Rendezvous} says all ranks
 * may start: their runtime and ramp_time count from the release. The job threads {@link #arrive}
 * (or {@link #leave} when they end without doing I/O); the last of them meets the other ranks on
 * its own thread, so that it starts its I/O without waiting to be woken, and then releases the
 * others. The starting thread {@link #await}s the release. Thread-safe.
 */
final class StartLine {
    private final Rendezvous rendezvous;
    private final AtomicInteger waiting;
    private final CountDownLatch go = new CountDownLatch(1);
    private final StopSignal stop;
    private final PrintStream err;
    private volatile String failure;
    private volatile long targetWallNanos = -1;
    private volatile boolean met;
    /** Whether the starting thread has awaited the release (it does so once). */
    private boolean awaited;

    /** @param clones how many job threads wait at the line (the first wave: before any stonewall or wait_for) */
    StartLine(Rendezvous rendezvous, int clones, StopSignal stop, PrintStream err) {
        this.rendezvous = rendezvous;
        this.waiting = new AtomicInteger(clones);
        this.stop = stop;
        this.err = err;
    }

    /** How many clones from the first start together: those before the first stonewall or wait_for. */
    static int firstWave(List<JobClone> clones) {
        for (int i = 1; i < clones.size(); i++) {
            JobClone c = clones.get(i);
            if ((c.cloneIndex == 0 && c.spec.stonewall()) || c.spec.waitFor() != null) {
                return i;
            }
        }
        return clones.size();
    }

    /**
     * A job thread is ready: the last one meets the other ranks, the others wait for the release.
     *
     * @throws JobFailedException when the ranks could not start together
     */
    void arrive() throws JobFailedException {
        if (waiting.decrementAndGet() == 0) {
            meet();
        } else {
            boolean interrupted = false;
            while (true) {
                try {
                    go.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // a stop interrupts stragglers; the release still comes
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            throw new JobFailedException(dev.jfio.spi.Errno.ECANCELED, failure);
        }
    }

    /** A job thread that will not {@link #arrive} (it failed or was stopped before its I/O). */
    void leave() {
        if (waiting.decrementAndGet() == 0) {
            meet();
        }
    }

    private void meet() {
        try {
            if (!stop.requested()) {
                targetWallNanos = rendezvous.meet();
                met = true;
            }
        } catch (IOException e) {
            failure = e.getMessage();
            err.println("jfio: " + failure);
            stop.request(failure);
        } finally {
            go.countDown();
        }
    }

    /**
     * The starting thread: waits for the release (or releases the jobs itself when the run is
     * stopped before they all arrived), then lets the rendezvous tidy up. Once; later calls return at once.
     */
    void await() {
        if (awaited) {
            return;
        }
        awaited = true;
        try {
            while (!go.await(50, TimeUnit.MILLISECONDS)) {
                if (stop.requested() && waiting.get() > 0) {
                    go.countDown(); // a job thread that never arrives must not hold the others
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request("interrupted");
            go.countDown();
            return;
        }
        if (met) {
            try {
                rendezvous.released();
            } catch (IOException e) {
                err.println("jfio: " + e.getMessage());
            }
        }
    }

    /** The failure's message, or null. */
    String failure() {
        return failure;
    }

    /** The common start on the wall clock (epoch ns) the rendezvous gave, or -1. */
    long targetWallNanos() {
        return targetWallNanos;
    }
}
