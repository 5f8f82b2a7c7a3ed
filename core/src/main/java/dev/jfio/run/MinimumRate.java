package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.Rate;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobStats;

/**
 * fio's {@code rate_min} and {@code rate_iops_min} (backend.c {@code check_min_rate}): after a
 * 2 s settling period, each direction's completed bytes or I/Os over every {@code rate_cycle}
 * must reach the minimum, or the job fails with EIO naming the rate it got. Not checked during
 * ramp_time: it starts when measuring does. Job thread only; allocates nothing unless the job fails.
 */
final class MinimumRate {
    private static final long SETTLE_NANOS = 2_000_000_000L;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long[] minBytes;
    private final long[] minIops;
    private final long cycle;
    private final long[] lastBytes = new long[3];
    private final long[] lastIos = new long[3];
    private final long[] lastTime = new long[3];
    private final boolean[] baseline = new boolean[3];
    private long nextCheck;

    /** The check of {@code rate}, or null when the job sets no minimum. */
    static MinimumRate of(Rate rate, long startNanos) {
        return rate.hasMinimum() ? new MinimumRate(rate, startNanos) : null;
    }

    private MinimumRate(Rate rate, long startNanos) {
        this.minBytes = rate.minBytes();
        this.minIops = rate.minIops();
        this.cycle = rate.cycleNanos();
        this.nextCheck = startNanos + SETTLE_NANOS;
    }

    /** Whether a check is due at {@code now}: one comparison, for the loop's every turn. */
    boolean due(long now) {
        return now - nextCheck >= 0;
    }

    /**
     * Checks each direction whose cycle has passed.
     *
     * @return the job's failure when a minimum was missed, else null
     */
    JobFailedException check(long now, JobStats stats) {
        nextCheck = now + Math.max(1_000_000L, cycle / 8);
        for (IoOp d : IoOps.DATA) {
            int i = d.ordinal();
            if (minBytes[i] == 0 && minIops[i] == 0) {
                continue;
            }
            long bytes = stats.liveBytes(d);
            long ios = stats.liveIos(d);
            if (ios == 0) {
                continue; // as fio: only directions that have done I/O (rate_min=1m covers all three)
            }
            if (baseline[i]) {
                long spent = now - lastTime[i];
                if (spent < cycle) {
                    continue;
                }
                if (minBytes[i] > 0) {
                    long got = (long) ((bytes - lastBytes[i]) * (double) NANOS_PER_SECOND / spent);
                    if (got < minBytes[i]) {
                        return new JobFailedException(
                                Errno.EIO, "rate_min=" + minBytes[i] + "B/s not met, got " + got + "B/s");
                    }
                } else {
                    long got = (long) ((ios - lastIos[i]) * (double) NANOS_PER_SECOND / spent);
                    if (got < minIops[i]) {
                        return new JobFailedException(
                                Errno.EIO, "rate_iops_min=" + minIops[i] + " not met, got " + got + " IOPS");
                    }
                }
            }
            baseline[i] = true;
            lastBytes[i] = bytes;
            lastIos[i] = ios;
            lastTime[i] = now;
        }
        return null;
    }
}
