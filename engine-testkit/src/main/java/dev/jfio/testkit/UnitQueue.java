package dev.jfio.testkit;

import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The runner's queue and reap, with the engine's side of the contract checked on every call:
 * the {@code iodepth} units, which of them are in flight, and the order they were submitted in.
 * A broken promise throws an {@link AssertionError} naming it. Nothing here allocates per I/O.
 *
 * <p>Thread contract: not thread-safe; the harness's one thread plays the job thread.
 */
final class UnitQueue {
    private static final int PAGE = 4096;

    private final IoEngine engine;
    private final boolean synchronous;
    private final HarnessUnit[] units;
    private final boolean[] queued;
    private final long[] sequence;
    private final CompletionCollector collector = new CompletionCollector(this);
    private int inFlight;
    private long submitted;
    private PipelineStats stats;

    UnitQueue(IoEngine engine, boolean synchronous, int depth, int bufferSize) {
        this.engine = engine;
        this.synchronous = synchronous;
        this.units = new HarnessUnit[depth];
        this.queued = new boolean[depth];
        this.sequence = new long[depth];
        for (int i = 0; i < depth; i++) {
            units[i] = new HarnessUnit(i, alignedBuffer(bufferSize));
        }
    }

    /** A direct buffer of {@code capacity} bytes starting on a page boundary, as O_DIRECT needs. */
    private static ByteBuffer alignedBuffer(int capacity) {
        int pages = (capacity + PAGE - 1) / PAGE;
        return ByteBuffer.allocateDirect((pages + 1) * PAGE)
                .alignedSlice(PAGE)
                .limit(capacity)
                .slice();
    }

    HarnessUnit[] units() {
        return units;
    }

    int inFlight() {
        return inFlight;
    }

    boolean isFree(int index) {
        return !queued[index];
    }

    /** Completions are counted into {@code run} until it is set back to null. */
    void countInto(PipelineStats run) {
        this.stats = run;
    }

    /** The first unit not in flight. */
    HarnessUnit freeUnit() {
        for (int i = 0; i < units.length; i++) {
            if (!queued[i]) {
                return units[i];
            }
        }
        throw new AssertionError("no free unit: all " + units.length + " are in flight");
    }

    /** Calls {@link IoEngine#queue} and checks its answer; a QUEUED unit counts as in flight. */
    QueueResult queue(IoUnit unit) throws IOException {
        int index = unit.index();
        sequence[index] = submitted++;
        QueueResult result = engine.queue(unit);
        if (result == null) {
            throw new AssertionError("queue() returned null");
        }
        switch (result) {
            case COMPLETED:
                checkResult(unit);
                if (stats != null) {
                    stats.completedInQueue++;
                    stats.record(unit, sequence[index]);
                }
                break;
            case QUEUED:
                if (synchronous) {
                    throw new AssertionError("a SYNCHRONOUS engine returned QUEUED");
                }
                queued[index] = true;
                inFlight++;
                if (stats != null && inFlight > stats.maxInFlight) {
                    stats.maxInFlight = inFlight;
                }
                break;
            case BUSY:
            default:
                if (inFlight == 0) {
                    throw new AssertionError("queue() returned BUSY with nothing in flight: the runner would stall");
                }
                if (stats != null) {
                    stats.busy++;
                }
                break;
        }
        return result;
    }

    /** Queues {@code unit}, reaping whenever the engine answers BUSY; returns COMPLETED or QUEUED. */
    QueueResult queueRetryingBusy(IoUnit unit) throws IOException {
        while (true) {
            QueueResult result = queue(unit);
            if (result != QueueResult.BUSY) {
                return result;
            }
            reap(1, inFlight, -1);
        }
    }

    /**
     * Calls {@link IoEngine#getEvents} with the runner's rules (at least {@code min} units in
     * flight, never on a SYNCHRONOUS engine) and checks the answer. Returns how many came back.
     */
    int reap(int min, int max, long timeoutNanos) throws IOException {
        if (synchronous) {
            throw new AssertionError("the runner never calls getEvents on a SYNCHRONOUS engine");
        }
        if (min > inFlight) {
            throw new AssertionError("reap(min=" + min + ") with only " + inFlight + " units in flight");
        }
        collector.begin(max);
        int returned = engine.getEvents(min, max, timeoutNanos, collector);
        int handed = collector.handed();
        if (returned != handed) {
            throw new AssertionError("getEvents returned " + returned + " but handed " + handed + " units to the sink");
        }
        if (timeoutNanos < 0 && handed < min) {
            throw new AssertionError("getEvents(min=" + min + ", no timeout) handed only " + handed + " units");
        }
        return handed;
    }

    /** Reaps until nothing is in flight. */
    void drain() throws IOException {
        while (inFlight > 0) {
            reap(1, inFlight, -1);
        }
    }

    /** Checks that a unit the engine handed to the sink is one of ours and in flight. */
    void checkHanded(IoUnit unit) {
        int index = unit.index();
        if (index < 0 || index >= units.length || units[index] != unit) {
            throw new AssertionError("getEvents handed a unit the harness does not own: " + unit);
        }
        if (!queued[index]) {
            throw new AssertionError("getEvents handed unit " + index + ", which is not in flight (completed twice?)");
        }
    }

    /** Takes back a unit that {@link #checkHanded} accepted: checks its result and frees it. */
    void release(IoUnit unit) {
        int index = unit.index();
        checkResult(unit);
        queued[index] = false;
        inFlight--;
        if (stats != null) {
            stats.reaped++;
            stats.record(unit, sequence[index]);
        }
    }

    private static void checkResult(IoUnit unit) {
        if (unit.error() == 0 && (unit.result() < 0 || unit.result() > unit.length())) {
            throw new AssertionError("unit " + unit.index() + " completed with result " + unit.result()
                    + " for a length of " + unit.length());
        }
    }

    @Override
    public String toString() {
        return "inFlight=" + inFlight + " queued=" + Arrays.toString(queued);
    }
}
