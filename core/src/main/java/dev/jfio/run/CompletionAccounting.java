package dev.jfio.run;

import dev.jfio.log.JobLogs;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.stats.JobStats;

/**
 * Accounts one completed I/O of the loop: its latencies into the job's statistics and logs, its
 * error judged as fio does ({@link IoErrors}), and what max_latency, latency_target and verify make
 * of it. Allocates nothing until the job fails. Job thread only.
 */
final class CompletionAccounting {
    private final UnitPool pool;
    private final RunClock clock;
    private final JobStats stats;
    private final JobLogs logs;
    private final LatencyTarget latency;
    /** Null when the job does not verify. */
    private final VerifyBookkeeping verify;

    private final IoErrors errors;
    /** A TIMED_OPEN engine's I/Os are counted but not timed: its opens are what is measured. */
    private final boolean untimed;

    CompletionAccounting(
            JobClone clone,
            UnitPool pool,
            RunClock clock,
            LatencyTarget latency,
            VerifyBookkeeping verify,
            IoErrors errors) {
        this.pool = pool;
        this.clock = clock;
        this.stats = clone.stats;
        this.logs = clone.logs;
        this.latency = latency;
        this.verify = verify;
        this.errors = errors;
        this.untimed = clone.timedOpenDirection() != null;
    }

    /**
     * Accounts {@code unit}, which completed at {@code end}.
     *
     * @param failure what has failed the job so far, or null
     * @return what fails the job now: {@code failure} when it was not null, else what this completion
     *     failed it with, or null
     */
    JobFailedException account(IoUnit unit, long end, JobFailedException failure) {
        int i = unit.index();
        clock.completedAt(end);
        long lat = end - pool.startNs[i];
        if (unit.op() == IoOp.FLUSH) {
            if (unit.error() != 0) {
                return failure != null ? failure : errors.failure(unit, null);
            }
            stats.recordSync(lat);
            return failure;
        }
        IoOp op = pool.accountedOp[i];
        IoErrors.failIfNothingMoved(unit);
        if (unit.error() != 0) {
            return failure != null ? failure : errors.failure(unit, op);
        }
        long slat = pool.slat(i);
        long clat = pool.clat(i, end);
        long sched = pool.sched(i, end);
        if (failure == null) {
            failure = latency.completed(unit, op, lat); // max_latency, latency_target at depth 1
        }
        JobFailedException fatal = verify == null ? null : verify.completed(unit, op);
        if (failure == null) {
            failure = fatal;
        }
        if (untimed) {
            stats.recordUntimedIo(op, unit.result(), unit.length());
        } else {
            stats.recordIo(op, unit, slat, clat, lat, sched);
            logs.completed(op, unit.result(), unit.offset(), slat, clat, lat, end);
        }
        stats.tick(end);
        return failure;
    }
}
