package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoOp;
import dev.jfio.workload.RatePacer;
import java.util.concurrent.locks.LockSupport;

/** fio's rate limits and thinktime: when the next I/O may go, and the pauses between blocks. Job thread only. */
final class Pacer {
    private static final long SPIN_THRESHOLD_NANOS = 200_000;
    /** The longest a job sleeps (rate, thinktime) without checking for a stop request. */
    private static final long MAX_PARK_NANOS = 50_000_000;

    /** Per data direction, or null where that direction is not rate limited. */
    private final RatePacer[] rates;

    private final long thinkNanos;
    private final long thinkSpinNanos;
    private final int thinkBlocks;
    private int blocksSinceThink;
    private final StopSignal stop;

    Pacer(JobSpec spec, Seeds seeds, StopSignal stop) {
        this.rates = new RatePacer[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            rates[d.ordinal()] = Workloads.pacer(spec, d, seeds.stream(30 + d.ordinal()));
        }
        this.thinkNanos = spec.thinkTime().nanos();
        this.thinkSpinNanos =
                Math.min(spec.thinkTime().spinNanos(), spec.thinkTime().nanos());
        this.thinkBlocks = Math.max(1, spec.thinkTime().blocks());
        this.stop = stop;
    }

    /** The job's I/O starts at {@code now}. */
    void start(long now) {
        for (RatePacer rate : rates) {
            if (rate != null) {
                rate.start(now);
            }
        }
    }

    /** When an I/O of {@code length} bytes in direction {@code op} is due, or NO_TIME when it is not paced. */
    long dueNanos(IoOp op, int length) {
        RatePacer rate = rates[op.ordinal()];
        return rate == null ? UnitPool.NO_TIME : rate.nextDueNanos(System.nanoTime(), length);
    }

    /** Counts a submitted block; true when thinktime is due (every thinktime_blocks blocks). */
    boolean thinkDue() {
        if (thinkNanos > 0 && ++blocksSinceThink >= thinkBlocks) {
            blocksSinceThink = 0;
            return true;
        }
        return false;
    }

    /** fio's thinktime, with nothing in flight: spin for thinktime_spin, sleep the rest. */
    void think() {
        long now = System.nanoTime();
        long spinEnd = now + thinkSpinNanos;
        while (System.nanoTime() < spinEnd && !stop.requested()) {
            Thread.onSpinWait();
        }
        sleepUntil(now + thinkNanos);
    }

    /** Sleeps (parks, then spins the last stretch) until {@code due}, or until the run is asked to stop. */
    void sleepUntil(long due) {
        long remaining = due - System.nanoTime();
        while (remaining > 0 && !stop.requested()) {
            if (remaining > SPIN_THRESHOLD_NANOS) {
                LockSupport.parkNanos(Math.min(remaining - SPIN_THRESHOLD_NANOS / 2, MAX_PARK_NANOS));
            } else {
                Thread.onSpinWait();
            }
            remaining = due - System.nanoTime();
        }
    }
}
