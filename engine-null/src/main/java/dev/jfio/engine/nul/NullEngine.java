package dev.jfio.engine.nul;

import dev.jfio.spi.Completions;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.List;

/**
 * One job clone of engine {@code null}. In sync mode {@link #queue} completes each unit; in async
 * mode it keeps the unit in a ring and {@link #getEvents} hands it back, as fio's null engine
 * queues and completes on getevents. Allocates nothing per I/O.
 *
 * <p>Thread contract: as {@link IoEngine}; no locking.
 */
final class NullEngine implements IoEngine {
    private final JobView job;
    private final boolean async;
    private final IoUnit[] ring;
    private int head;
    private int count;

    NullEngine(JobView job, boolean async) {
        this.job = job;
        this.async = async;
        this.ring = new IoUnit[async ? Math.max(1, job.iodepth()) : 0];
    }

    /** Whether units complete in getEvents rather than in queue. */
    boolean isAsync() {
        return async;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        long size = job.size();
        // without a size the target's size stays unknown, and the runner asks the job for size=
        setup.setTargets(List.of(
                size == IoTarget.UNKNOWN_SIZE ? new IoTarget("null") : new IoTarget("null", job.offset() + size)));
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        if (!async) {
            unit.complete(unit.length());
            return QueueResult.COMPLETED;
        }
        if (count == ring.length) {
            return QueueResult.BUSY;
        }
        int tail = head + count;
        ring[tail >= ring.length ? tail - ring.length : tail] = unit;
        count++;
        return QueueResult.QUEUED;
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
        int n = Math.min(count, max);
        for (int i = 0; i < n; i++) {
            IoUnit unit = ring[head];
            ring[head] = null;
            head = head + 1 == ring.length ? 0 : head + 1;
            count--;
            unit.complete(unit.length());
            sink.completed(unit);
        }
        return n;
    }

    @Override
    public void cleanup() {
        for (int i = 0; i < ring.length; i++) {
            ring[i] = null;
        }
        count = 0;
    }
}
