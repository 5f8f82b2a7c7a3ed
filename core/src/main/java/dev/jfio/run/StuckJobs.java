package dev.jfio.run;

import dev.jfio.job.Timing;
import dev.jfio.spi.Errno;
import java.util.List;

/**
 * Keeps a job thread that is blocked where nothing can wake it (open(2) of a device that blocks,
 * a read from a terminal, an engine stuck in a system call) from holding up the report. A job is
 * due to have ended at its time limit ({@code startdelay + ramp_time + runtime} after it started,
 * plus {@code drain_timeout}) or, once a stop is requested (a signal, exitall), a
 * {@code drain_timeout} after the stop. One second past that its thread is interrupted; one more
 * second and it is abandoned: the job fails with ETIMEDOUT, naming what it was blocked in, and
 * the report is built from what it did. The abandoned thread is a daemon and dies with the JVM.
 *
 * <p>Thread contract: the runner's main thread only, from its join loop.
 */
final class StuckJobs {
    private static final long GRACE_NANOS = 1_000_000_000L;

    private final List<JobClone> clones;
    private final StopSignal stop;
    private long stopSeenNanos;

    StuckJobs(List<JobClone> clones, StopSignal stop) {
        this.clones = clones;
        this.stop = stop;
    }

    /** Interrupts or abandons the clones overdue at {@code now}. */
    void check(long now) {
        if (stop.requested() && stopSeenNanos == 0) {
            stopSeenNanos = now;
        }
        for (JobClone clone : clones) {
            Thread thread = clone.thread;
            if (thread == null || !thread.isAlive() || clone.abandoned || clone.startNanos == 0) {
                continue;
            }
            long due = dueNanos(clone);
            if (due == Long.MAX_VALUE || now - due < GRACE_NANOS) {
                continue;
            }
            if (!clone.interruptedAsStuck) {
                clone.interruptedAsStuck = true;
                thread.interrupt();
            } else if (now - due >= 2 * GRACE_NANOS) {
                String activity = clone.activity();
                clone.abandon(
                        Errno.ETIMEDOUT,
                        (activity == null ? "the job thread" : activity) + " did not return "
                                + (stopSeenNanos != 0 && stopSeenNanos <= due
                                        ? "after the stop (" + stop.reason() + ")"
                                        : "by the job's time limit (runtime plus drain_timeout)")
                                + "; the job was abandoned");
            }
        }
    }

    /** When the clone should have ended, or Long.MAX_VALUE when nothing bounds it yet. */
    private long dueNanos(JobClone clone) {
        Timing timing = clone.spec.timing();
        long due = Long.MAX_VALUE;
        if (timing.hasDeadline()) {
            due = clone.startNanos
                    + timing.startDelayNanos()
                    + timing.rampTimeNanos()
                    + timing.runtimeNanos()
                    + timing.drainTimeoutNanos();
        }
        if (stopSeenNanos != 0) {
            due = Math.min(due, stopSeenNanos + timing.drainTimeoutNanos());
        }
        return due;
    }
}
