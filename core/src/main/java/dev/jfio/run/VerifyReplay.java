package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import java.io.IOException;

/**
 * experimental_verify: the verify phase finds what was written by replaying the workload's own
 * sequence of I/Os (a second {@link IoPlanner} on the same seeds), turning each write into a
 * checked read and skipping the rest, until as many bytes were read back as were written since
 * the last verify (fio's do_verify with experimental_verify). Nothing is kept per written block.
 *
 * <p>The replay matches the workload's sequence as long as the file choice replays too: one file,
 * or file_service_type roundrobin or sequential. Job thread only; allocation-free per block.
 */
final class VerifyReplay {
    private final IoPlanner planner;
    private final OpenFiles files;
    private long writtenBytes;
    private long replayedBytes;
    /** A verify phase ran before: the next one replays the next pass. */
    private boolean replayedBefore;
    /** The read-back index the current plan was prepared for, or -1 when none is prepared. */
    private int plannedFor = -1;

    VerifyReplay(JobClone clone, IoTarget[] targets, Seeds seeds, OpenFiles files) throws IOException {
        Pacer pacer = new Pacer(clone.spec, seeds, clone.stop, clone.stats);
        pacer.start(System.nanoTime());
        this.planner = new IoPlanner(clone, targets, seeds, files, pacer);
        this.files = files;
    }

    /** A write of the workload completed with {@code bytes} moved. */
    void written(int bytes) {
        writtenBytes += bytes;
    }

    /**
     * Prepares the {@code k}th read-back of this verify phase (the same {@code k} again after the
     * engine was BUSY gets the same block).
     *
     * @return false when every written byte was read back
     */
    boolean plan(int k) throws IOException {
        if (plannedFor == k) {
            return true;
        }
        if (plannedFor >= 0) {
            replayedBytes += planner.length();
            planner.submitted();
            plannedFor = -1;
        }
        if (replayedBytes >= writtenBytes) {
            return false;
        }
        if (k == 0) {
            beginPhase();
        }
        while (replayedBytes < writtenBytes) {
            if (!planner.planNext()) {
                planner.startNewPass(); // the workload went on past a pass (time_based, io_size)
                if (!planner.planNext()) {
                    return false;
                }
            }
            if (planner.op() == IoOp.WRITE) {
                plannedFor = k;
                return true;
            }
            planner.submitted(); // reads (and trims) of the workload are skipped
        }
        return false;
    }

    int target() {
        return planner.targetIndex();
    }

    long offset() {
        return planner.offset();
    }

    int length() {
        return planner.length();
    }

    /** The verify phase is over: the next one replays the writes made from now on. */
    void verified() {
        writtenBytes = 0;
        replayedBytes = 0;
        plannedFor = -1;
    }

    private void beginPhase() throws IOException {
        if (replayedBefore) {
            planner.startNewPass(); // the workload's next pass, which the main planner started alike
        } else {
            files.restart(); // the file choice starts over as it did for the workload's first pass
        }
        replayedBefore = true;
    }
}
