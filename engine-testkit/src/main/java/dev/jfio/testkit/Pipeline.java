package dev.jfio.testkit;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.QueueResult;
import java.io.IOException;

/**
 * Runs many I/Os as the runner's loop does: fill every free unit, commit, reap at least one,
 * repeat. Apart from the one {@link PipelineStats} per run it allocates nothing, so an
 * allocation probe around it measures the engine alone.
 *
 * <p>Thread contract: runs on the harness's one thread.
 */
final class Pipeline {
    private final IoEngine engine;
    private final UnitQueue queue;

    Pipeline(IoEngine engine, UnitQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    /**
     * Runs {@code count} I/Os of {@code length} bytes on {@code target}: at {@code offsets} in
     * order when given, otherwise sequentially from {@code base}, wrapping within {@code span}.
     * WRITE units carry the {@link DataPattern}; with {@code verify}, READ units are checked against it.
     */
    PipelineStats run(
            IoTarget target, IoOp op, long[] offsets, int count, long base, long span, int length, boolean verify)
            throws IOException {
        if (queue.inFlight() != 0) {
            throw new IllegalStateException("pipeline needs every unit free");
        }
        PipelineStats run = new PipelineStats(verify && op == IoOp.READ);
        HarnessUnit[] units = queue.units();
        queue.countInto(run);
        int next = 0;
        try {
            while (run.completed < count) {
                boolean queued = false;
                for (int i = 0; i < units.length && next < count; i++) {
                    if (!queue.isFree(i)) {
                        continue;
                    }
                    long offset = offsets != null ? offsets[next] : base + (long) next * length % span;
                    HarnessUnit unit = units[i];
                    if (op == IoOp.WRITE) {
                        DataPattern.fill(unit.buffer(), offset, length);
                    }
                    unit.set(op, target, offset, length, 0);
                    if (queue.queue(unit) == QueueResult.BUSY) {
                        break;
                    }
                    queued = true;
                    next++;
                }
                if (queued) {
                    engine.commit();
                }
                if (queue.inFlight() > 0) {
                    queue.reap(1, queue.inFlight(), -1);
                }
            }
        } finally {
            queue.countInto(null);
        }
        return run;
    }
}
