package dev.jfio.run;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The line the run's first jobs wait at, ready to do I/O, until a {@link Rendezvous} says all ranks
 * may start: their runtime and ramp_time count from the release. The job threads {@link #arrive}
 * (or {@link #leave} when they end without doing I/O); the starting thread {@link #meet}s once all
 * have, then releases them together. Thread-safe: any number of job threads and one starting thread.
 */
final class StartLine {
    private final Rendezvous rendezvous;
    private final CountDownLatch ready;
    private final CountDownLatch go = new CountDownLatch(1);
    private final StopSignal stop;
    private volatile String failure;
    private volatile long targetWallNanos = -1;
    private boolean met;

    /** @param clones how many job threads wait at the line (the first wave: before any stonewall or wait_for) */
    StartLine(Rendezvous rendezvous, int clones, StopSignal stop) {
        this.rendezvous = rendezvous;
        this.ready = new CountDownLatch(clones);
        this.stop = stop;
    }

    /**
     * A job thread is ready: waits for the release.
     *
     * @throws JobFailedException when the ranks could not start together
     */
    void arrive() throws JobFailedException {
        ready.countDown();
        boolean interrupted = false;
        while (true) {
            try {
                go.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // a stop interrupts stragglers; the starting thread still releases
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new JobFailedException(dev.jfio.spi.Errno.ECANCELED, failure);
        }
    }

    /** A job thread that will not {@link #arrive} (it failed or was stopped before its I/O): not waited for. */
    void leave() {
        ready.countDown();
    }

    /**
     * The starting thread: waits until every job thread has arrived or left, then meets the other
     * ranks and releases the jobs; a failure is said in one line on {@code err}. Once; later calls
     * return at once.
     */
    void meet(java.io.PrintStream err) {
        if (met) {
            return;
        }
        met = true;
        try {
            while (!ready.await(50, TimeUnit.MILLISECONDS)) {
                if (stop.requested()) {
                    return; // stopping: the jobs are released (finally) and end at once
                }
            }
            if (!stop.requested()) {
                targetWallNanos = rendezvous.meet();
            }
        } catch (IOException e) {
            failure = e.getMessage();
            err.println("jfio: " + failure);
            stop.request(failure);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.request("interrupted");
        } finally {
            go.countDown();
        }
    }

    /** How many clones from the first start together: those before the first stonewall or wait_for. */
    static int firstWave(java.util.List<JobClone> clones) {
        for (int i = 1; i < clones.size(); i++) {
            JobClone c = clones.get(i);
            if ((c.cloneIndex == 0 && c.spec.stonewall()) || c.spec.waitFor() != null) {
                return i;
            }
        }
        return clones.size();
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
