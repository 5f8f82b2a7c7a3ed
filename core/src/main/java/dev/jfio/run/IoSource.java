package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import java.io.IOException;

/**
 * Where the I/O loop's next I/O comes from (fio's get_io_u): the workload generator
 * ({@link IoPlanner}) or a replayed iolog ({@link IologReplay}). It holds the planned I/O, which
 * stays until it is submitted, so an I/O the engine refused (BUSY) or that waits for its time is
 * the one that goes next. Job thread only.
 */
abstract class IoSource {
    protected final IoTarget[] targets;

    /**
     * 0 while an I/O is planned and not yet submitted, else 1: an int, so that the loop can join it
     * to its other rare condition without a branch of its own (IoLoop.step).
     */
    protected int unplanned = 1;

    protected IoOp op;
    /** Index into the targets. */
    protected int target;

    protected long offset;
    protected int length;
    /** When the planned I/O is due under a rate limit or a replay's timestamps, or NO_TIME. */
    protected long due = UnitPool.NO_TIME;

    IoSource(IoTarget[] targets) {
        this.targets = targets;
    }

    /** The source for the clone: its iolog's replay when it replays one, else the workload generator. */
    static IoSource of(JobClone clone, IoTarget[] targets, Seeds seeds, OpenFiles files, Pacer pacer, LoopControl loop)
            throws IOException {
        return clone.replay != null
                ? new IologReplay(clone, targets, files, pacer, loop)
                : new IoPlanner(clone, targets, seeds, files, pacer);
    }

    /**
     * Plans the next I/O.
     *
     * @return false when the pass is done
     */
    abstract boolean planNext() throws IOException;

    /** The planned I/O was queued. */
    abstract void submitted();

    /** Measuring starts after ramp_time. */
    abstract void restartBudget();

    /** A new pass (loops, time_based) starts. */
    abstract void startNewPass() throws IOException;

    /** Whether an I/O is planned and not yet submitted. */
    boolean hasPlan() {
        return unplanned == 0;
    }

    /** 1 when no I/O is planned (a pass is over), else 0: see {@link #unplanned}. */
    final int planMissing() {
        return unplanned;
    }

    final IoOp op() {
        return op;
    }

    final int targetIndex() {
        return target;
    }

    final IoTarget target() {
        return targets[target];
    }

    final long offset() {
        return offset;
    }

    final int length() {
        return length;
    }

    /** When the planned I/O is due, or NO_TIME. */
    final long due() {
        return due;
    }
}
