package dev.jfio.example.ramdisk;

import dev.jfio.spi.Completions;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;

import java.io.IOException;
import java.util.List;

/**
 * One job clone's in-memory disk, driven asynchronously as a real device would be: {@link #queue}
 * only takes a request into a submission queue of {@link #QUEUE_SLOTS} slots and answers
 * {@link QueueResult#QUEUED}; {@link #getEvents} does the queued I/O and hands the finished units
 * to the runner. When every slot is taken, queue answers {@link QueueResult#BUSY} and the runner
 * reaps before it offers the unit again.
 *
 * <p>Thread contract: as {@link IoEngine}: setup on the runner's main thread, everything else on
 * the job's thread, never two calls at once, so no locking.
 */
final class RamdiskEngine implements IoEngine {
    /** Slots in the submission queue; a deeper iodepth meets BUSY, which the runner handles. */
    static final int QUEUE_SLOTS = 16;
    private static final String BEYOND_END = "I/O beyond the end of the ramdisk";

    private final JobView job;
    private RamdiskStore store;
    /** The submission queue: a ring of units queued and not yet handed back, allocated once in init. */
    private IoUnit[] ring;
    private int head;
    private int queued;

    RamdiskEngine(JobView job) {
        this.job = job;
    }

    /** Runner's main thread, before any job thread: fix the one target's size. */
    @Override
    public void setup(SetupContext setup) throws IOException {
        long size = job.get(RamdiskEngineProvider.RAMDISK_SIZE);
        if (size <= 0) {
            if (job.size() == IoTarget.UNKNOWN_SIZE) {
                throw new IOException("ioengine=ramdisk needs size= or ramdisk_size=");
            }
            size = job.offset() + job.size();
        }
        store = RamdiskStore.of(size);
        IoTarget target = new IoTarget("ramdisk");
        target.fixSize(size);
        setup.setTargets(List.of(target));
    }

    /** Job thread, once: everything the I/O loop needs is allocated here, never per I/O. */
    @Override
    public void init() {
        ring = new IoUnit[Math.min(QUEUE_SLOTS, job.iodepth())];
    }

    /**
     * Job thread. Takes the unit into the submission queue (QUEUED): its I/O happens later, in
     * getEvents. A full queue answers BUSY without touching the unit; the runner only does that
     * while units are in flight, so a reap always frees a slot. A request that can never succeed
     * fails at once: an asynchronous engine may still complete a unit in queue (COMPLETED).
     */
    @Override
    public QueueResult queue(IoUnit unit) {
        if (unit.offset() < 0 || unit.offset() + unit.length() > store.size()) {
            unit.fail(Errno.EINVAL, BEYOND_END);
            return QueueResult.COMPLETED;
        }
        if (queued == ring.length) {
            return QueueResult.BUSY;
        }
        ring[(head + queued) % ring.length] = unit;
        queued++;
        return QueueResult.QUEUED;
    }

    /*
     * commit() keeps the SPI's default, which does nothing: queue() needs no batching to be
     * pushed out, because the "device" picks requests up in getEvents.
     */

    /**
     * Job thread, only while at least {@code min} units are in flight. Memory answers at once, so
     * this never waits for {@code timeoutNanos}: it does up to {@code max} queued I/Os, oldest
     * first, and hands each to the sink exactly once. Handing all it can (never fewer than
     * {@code min}, since at least {@code min} are queued) satisfies every {@code min}.
     */
    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
        int handed = 0;
        while (handed < max && queued > 0) {
            IoUnit unit = ring[head];
            ring[head] = null;
            head = (head + 1) % ring.length;
            queued--;
            execute(unit);
            sink.completed(unit);
            handed++;
        }
        return handed;
    }

    /** Does one unit's I/O and sets its result; data lies at index 0 of the unit's buffer. */
    private void execute(IoUnit unit) {
        switch (unit.op()) {
            case READ:
                store.read(unit.buffer(), unit.offset(), unit.length());
                unit.complete(unit.length());
                break;
            case WRITE:
                store.write(unit.buffer(), unit.offset(), unit.length());
                unit.complete(unit.length());
                break;
            case TRIM:
                store.zero(unit.offset(), unit.length());
                unit.complete(unit.length());
                break;
            case FLUSH:
            default:
                unit.complete(0);
                break;
        }
    }

    /** Job thread (or main thread if init never ran), last; must cope with a failed setup and not throw. */
    @Override
    public void cleanup() {
        ring = null;
        queued = 0;
        store = null;
    }
}
