package dev.jfio.testkit;

import dev.jfio.spi.IoUnit;

/**
 * What one {@link EngineHarness#pipeline} run saw. Counting a completion allocates nothing.
 *
 * <p>Thread contract: filled by the harness's thread, read after the run.
 */
public final class PipelineStats {
    /** Units that finished, with or without error. */
    public int completed;
    /** Units that finished with an error. */
    public int errors;
    /** Units whose result was not their length (short I/O). */
    public int shortIos;
    /** Units that finished inside queue (COMPLETED). */
    public int completedInQueue;
    /** Units that came back through getEvents. */
    public int reaped;
    /** BUSY answers. */
    public int busy;
    /** The most units in flight at once. */
    public int maxInFlight;
    /** Units that came back before a unit submitted earlier. */
    public int outOfOrder;
    /** READ units whose data differed from {@link DataPattern} (only when verifying). */
    public int mismatches;
    /** The first error message seen, or null. */
    public String firstError;

    private final boolean verify;
    private long lastSequence = -1;

    PipelineStats(boolean verify) {
        this.verify = verify;
    }

    /** {@link #completedInQueue} + {@link #reaped}: equals {@link #completed} when nothing was lost or doubled. */
    public int completedInQueueOrReaped() {
        return completedInQueue + reaped;
    }

    /** Counts one finished unit, submitted as number {@code sequence} of the harness. */
    void record(IoUnit unit, long sequence) {
        completed++;
        if (sequence < lastSequence) {
            outOfOrder++;
        } else {
            lastSequence = sequence;
        }
        if (unit.error() != 0) {
            errors++;
            if (firstError == null) {
                firstError = "errno " + unit.error() + " (" + unit.errorMessage() + ")";
            }
            return;
        }
        if (unit.result() != unit.length()) {
            shortIos++;
        }
        if (verify && !DataPattern.matches(unit.buffer(), unit.offset(), unit.result())) {
            mismatches++;
        }
    }

    @Override
    public String toString() {
        return "completed=" + completed + " errors=" + errors + " short=" + shortIos + " inQueue=" + completedInQueue
                + " reaped=" + reaped + " busy=" + busy + " maxInFlight=" + maxInFlight
                + " outOfOrder=" + outOfOrder + " mismatches=" + mismatches + " firstError=" + firstError;
    }
}
