package dev.jfio.run;

import dev.jfio.job.IoOps;
import dev.jfio.job.JobSpec;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobStats;
import dev.jfio.workload.RatePacer;
import java.util.concurrent.locks.LockSupport;

/**
 * fio's rate limits and thinktime: when the next I/O may go, and the pauses between blocks. Think
 * time is due (backend.c handle_thinktime) once thinktime_blocks I/Os completed since the last
 * pause (or were issued, with thinktime_blocks_type=issue), or once thinktime_iotime plus the
 * thinktime passed since the last pause began; with rate_ignore_thinktime the rate's schedule slides
 * by the pause instead of catching up. Job thread only.
 */
final class Pacer {
    private static final long SPIN_THRESHOLD_NANOS = 200_000;
    /** The longest a job sleeps (rate, thinktime) without checking for a stop request. */
    private static final long MAX_PARK_NANOS = 50_000_000;

    /** Per data direction, or null where that direction is not rate limited. */
    private final RatePacer[] rates;

    private final long thinkNanos;
    private final long thinkSpinNanos;
    private final int thinkBlocks;
    private final boolean countBlocks;
    private final boolean issueSide;
    private final long thinkIotime;
    private final boolean rateIgnoresThink;
    /** Completions counted here, for thinktime_blocks_type=complete. */
    private final JobStats stats;

    private long issued;
    private long blocksAtThink;
    private long lastThinkStart;
    private long thinkBlocksSeen;
    private long thinkNow;
    private IoOp lastOp = IoOp.READ;
    private int lastLength;
    private final StopSignal stop;

    Pacer(JobSpec spec, Seeds seeds, StopSignal stop, JobStats stats) {
        this.rates = new RatePacer[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            rates[d.ordinal()] = Workloads.pacer(spec, d, seeds.stream(30 + d.ordinal()));
        }
        this.thinkNanos = spec.thinkTime().nanos();
        this.thinkSpinNanos =
                Math.min(spec.thinkTime().spinNanos(), spec.thinkTime().nanos());
        this.thinkBlocks = Math.max(1, spec.thinkTime().blocks());
        // fio: with thinktime_iotime and no thinktime_blocks set, only the time counts
        this.countBlocks =
                spec.thinkTime().iotimeNanos() == 0 || spec.thinkTime().blocksSet();
        this.issueSide = spec.thinkTime().issueSide();
        this.thinkIotime = spec.thinkTime().iotimeNanos();
        this.rateIgnoresThink = spec.thinkTime().rateIgnores();
        this.stats = stats;
        this.stop = stop;
    }

    /** The job's I/O starts at {@code now}. */
    void start(long now) {
        lastThinkStart = now;
        for (RatePacer rate : rates) {
            if (rate != null) {
                rate.start(now);
            }
        }
    }

    /** When an I/O of {@code length} bytes in direction {@code op} is due, or NO_TIME when it is not paced. */
    long dueNanos(IoOp op, int length) {
        lastOp = op;
        lastLength = length;
        RatePacer rate = rates[op.ordinal()];
        return rate == null ? UnitPool.NO_TIME : rate.nextDueNanos(System.nanoTime(), length);
    }

    /** Counts a submitted block; true when thinktime is due. */
    boolean thinkDue() {
        if (thinkNanos == 0) {
            return false;
        }
        issued++;
        boolean due = false;
        if (thinkIotime > 0) {
            thinkNow = System.nanoTime();
            due = thinkNow - lastThinkStart >= thinkIotime + thinkNanos;
        }
        if (countBlocks) {
            thinkBlocksSeen = issueSide ? issued : completed();
            due |= thinkBlocksSeen >= blocksAtThink + thinkBlocks;
        }
        return due;
    }

    private long completed() {
        long n = 0;
        for (IoOp d : IoOps.DATA) {
            n += stats.liveIos(d);
        }
        return n;
    }

    /** fio's thinktime, with nothing in flight: spin for thinktime_spin, sleep the rest. */
    void think() {
        long now = System.nanoTime();
        long spinEnd = now + thinkSpinNanos;
        while (System.nanoTime() < spinEnd && !stop.requested()) {
            Thread.onSpinWait();
        }
        sleepUntil(now + thinkNanos);
        RatePacer rate = rates[lastOp.ordinal()];
        if (rateIgnoresThink && rate != null) {
            rate.skip(System.nanoTime() - now, lastLength);
        }
        // as fio: the blocks counted when the pause was decided (completions during the drain count
        // towards the next one), and the time when it was decided
        blocksAtThink = thinkBlocksSeen;
        if (thinkIotime > 0) {
            lastThinkStart = thinkNow;
        }
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
