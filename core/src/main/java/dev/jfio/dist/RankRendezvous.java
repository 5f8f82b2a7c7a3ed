package dev.jfio.dist;

import dev.jfio.run.Rendezvous;
import dev.jfio.run.StopSignal;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.locks.LockSupport;

/**
 * The common start of the ranks: first the barrier (when {@code --barrier-dir} is given), then the
 * wall-clock time (when {@code --start-at} is given). The common start is the start-at time, else
 * the barrier's release (set {@link FileBarrier#RELEASE_LEAD_NANOS} ahead, waited for on this rank's clock). Called once, from the thread that starts the jobs.
 */
public final class RankRendezvous implements Rendezvous {
    /** The last stretch before the start-at time is spun rather than slept: parking overshoots by ~50-100 µs. */
    private static final long SPIN_NANOS = 200_000L;

    private final FileBarrier barrier;
    private final long startAtWallNanos;
    private final StopSignal stop;
    private final PrintStream err;
    private boolean barrierMet;

    /**
     * @param barrier          the barrier, or null
     * @param startAtWallNanos {@code --start-at} in epoch ns, or -1
     * @param stop             the run's stop signal: a stop ends the wait
     * @param err              where a late start is noted
     */
    public RankRendezvous(FileBarrier barrier, long startAtWallNanos, StopSignal stop, PrintStream err) {
        this.barrier = barrier;
        this.startAtWallNanos = startAtWallNanos;
        this.stop = stop;
        this.err = err;
    }

    @Override
    public void released() throws IOException {
        if (barrier != null && barrierMet) {
            barrier.leave();
        }
    }

    @Override
    public long meet() throws IOException {
        long target = -1;
        if (barrier != null) {
            target = barrier.await();
            if (target < 0) {
                return -1;
            }
            barrierMet = true;
        }
        if (startAtWallNanos < 0) {
            if (target >= 0) {
                // the release is set ahead; a clock far behind the releaser's waits no longer than that
                long now = StartAt.nowWallNanos();
                return waitUntil(Math.min(target, now + FileBarrier.RELEASE_LEAD_NANOS)) ? target : -1;
            }
            return target;
        }
        long late = StartAt.nowWallNanos() - startAtWallNanos;
        if (late > 0) {
            err.printf(
                    "jfio: --start-at passed %.1f ms before this rank's jobs were ready: starting now%n", late / 1e6);
            return startAtWallNanos;
        }
        return waitUntil(startAtWallNanos) ? startAtWallNanos : -1;
    }

    /** Waits until the wall clock reads {@code wallNanos}; false when the run was stopped first. */
    private boolean waitUntil(long wallNanos) {
        long remaining;
        while ((remaining = wallNanos - StartAt.nowWallNanos()) > SPIN_NANOS) {
            if (stop.requested()) {
                return false;
            }
            LockSupport.parkNanos(Math.min(remaining - SPIN_NANOS, 50_000_000L));
        }
        while (StartAt.nowWallNanos() < wallNanos) {
            Thread.onSpinWait();
        }
        return true;
    }
}
