package dev.jfio.run;

import dev.jfio.job.RwMode;

/**
 * Where one job clone is, for fio's ETA line (the CLI formats it, as fio's {@code thread_eta} and
 * run string do): its phase, what it does and how far it is.
 *
 * @param phase what the clone is doing
 * @param rw the job's rw mode
 * @param rwmixread the percentage of reads in a mixed workload
 * @param filesOpen targets open now
 * @param phaseNanos time spent in the phase so far (for RUNNING: since measuring began)
 * @param bytesDone bytes completed since measuring began
 * @param bytesTotal bytes the job is to do (io_size or size, times loops; doubled when verifying
 *     writes), 0 when not known
 * @param timeBased whether the job runs for its runtime whatever its size
 * @param runtimeNanos runtime, 0 when none
 * @param rampNanos ramp_time
 * @param startDelayNanos startdelay
 * @param rateBytes the job's rate limit in bytes per second, directions added; 0 when none
 * @param rateIops the job's rate limit in IOPS, directions added; 0 when none
 * @param stonewall whether the job waits for the jobs before it
 */
public record CloneProgress(
        Phase phase,
        RwMode rw,
        int rwmixread,
        int filesOpen,
        long phaseNanos,
        long bytesDone,
        long bytesTotal,
        boolean timeBased,
        long runtimeNanos,
        long rampNanos,
        long startDelayNanos,
        long rateBytes,
        long rateIops,
        boolean stonewall) {

    /** A clone's phase, as fio's thread states. */
    public enum Phase {
        /** Not started yet (fio's P). */
        PENDING,
        /** Started, its engine not yet running I/O (fio's I: setting up). */
        STARTING,
        /** Running I/O during ramp_time (fio's /). */
        RAMP,
        /** Running measured I/O. */
        RUNNING,
        /** Ended without an error (fio's _). */
        DONE,
        /** Ended with an error (fio's X). */
        FAILED
    }
}
