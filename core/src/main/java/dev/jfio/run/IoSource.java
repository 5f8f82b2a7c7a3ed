package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import java.io.IOException;

/**
 * Where the I/O loop's next I/O comes from (fio's get_io_u): the workload generator
 * ({@link IoPlanner}) or a replayed iolog ({@link IologReplay}). A plan stays until it is
 * submitted, so an I/O the engine refused (BUSY) or that waits for its time is the one that goes
 * next. Job thread only.
 */
interface IoSource {
    /** The source for the clone: its iolog's replay when it replays one, else the workload generator. */
    static IoSource of(JobClone clone, IoTarget[] targets, Seeds seeds, OpenFiles files, Pacer pacer, LoopControl loop)
            throws IOException {
        return clone.replay != null
                ? new IologReplay(clone, targets, files, pacer, loop)
                : new IoPlanner(clone, targets, seeds, files, pacer);
    }

    /** Whether an I/O is planned and not yet submitted. */
    boolean hasPlan();

    /**
     * Plans the next I/O.
     *
     * @return false when the pass is done
     */
    boolean planNext() throws IOException;

    IoOp op();

    int targetIndex();

    IoTarget target();

    long offset();

    int length();

    /** When the planned I/O is due, or NO_TIME. */
    long due();

    /** The planned I/O was queued. */
    void submitted();

    /** Measuring starts after ramp_time. */
    void restartBudget();

    /** A new pass (loops, time_based) starts. */
    void startNewPass() throws IOException;
}
