package dev.jfio.run;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The job's {@code iodepth} I/O units, allocated once, and what the loop remembers about each
 * one while it is out: per-unit facts live in arrays indexed by {@link RunnerUnit#index()}. Job
 * thread only.
 */
final class UnitPool {
    /** A timestamp that was not taken. */
    static final long NO_TIME = Long.MIN_VALUE;

    /** Every unit by index: an engine hands back the runner's unit as an {@link IoUnit}. */
    private final RunnerUnit[] all;

    private final RunnerUnit[] free;
    private int freeCount;
    /** Which units are out of the pool, by index. */
    private final boolean[] isOut;
    /** serialize_overlap: an I/O that overlaps one out of the pool waits for it. */
    private final boolean serializeOverlap;
    /** When each unit was handed to the engine's queue(). */
    final long[] startNs;
    /** When each unit's batch was committed, or {@link #NO_TIME} when queue() completed it. */
    final long[] issueNs;
    /** Each unit's scheduled time under a rate limit, or {@link #NO_TIME}. */
    final long[] dueNs;
    /** The direction each unit's I/O is accounted under (a verify read is a READ); null for a FLUSH. */
    final IoOp[] accountedOp;

    UnitPool(int depth, IoMemory memory, BufferFill fill) {
        this(depth, memory, fill, false);
    }

    /** @param serializeOverlap whether {@link #overlapsInFlight} checks (fio's serialize_overlap) */
    UnitPool(int depth, IoMemory memory, BufferFill fill, boolean serializeOverlap) {
        this.serializeOverlap = serializeOverlap;
        this.isOut = new boolean[depth];
        this.all = new RunnerUnit[depth];
        this.free = new RunnerUnit[depth];
        this.startNs = new long[depth];
        this.issueNs = new long[depth];
        this.dueNs = new long[depth];
        this.accountedOp = new IoOp[depth];
        for (int i = 0; i < depth; i++) {
            ByteBuffer buffer = memory.buffer(i);
            fill.initial(buffer);
            all[i] = new RunnerUnit(i, buffer);
            free[freeCount++] = all[i];
        }
    }

    /** fio's slat of unit {@code i}: from queue() to its commit; -1 when queue() completed it. */
    long slat(int i) {
        return issueNs[i] == NO_TIME ? -1 : issueNs[i] - startNs[i];
    }

    /** fio's clat of unit {@code i} completed at {@code end}: from its commit (or queue() when that completed it). */
    long clat(int i, long end) {
        return end - (issueNs[i] == NO_TIME ? startNs[i] : issueNs[i]);
    }

    /** How late unit {@code i} completed at {@code end} against its rate schedule; -1 when it had none. */
    long sched(int i, long end) {
        return dueNs[i] == NO_TIME ? -1 : end - dueNs[i];
    }

    /** A free unit; the caller knows one is free (fewer than iodepth in flight). */
    RunnerUnit take() {
        RunnerUnit unit = free[--freeCount];
        isOut[unit.index()] = true;
        return unit;
    }

    /** Returns a unit that completed, or that the engine did not take. */
    void give(IoUnit unit) {
        isOut[unit.index()] = false;
        free[freeCount++] = all[unit.index()];
    }

    /**
     * serialize_overlap (backend.c in_flight_overlap): whether {@code unit}, taken and set up, would
     * overlap the range of another unit out of the pool. As fio, only offsets are compared, whatever
     * the files. Always false without serialize_overlap. Allocation-free.
     */
    boolean overlapsInFlight(IoUnit unit) {
        if (!serializeOverlap) {
            return false;
        }
        long lo = unit.offset();
        long hi = lo + unit.length();
        for (int i = 0; i < all.length; i++) {
            RunnerUnit other = all[i];
            if (isOut[i] && i != unit.index() && lo < other.offset() + other.length() && other.offset() < hi) {
                return true;
            }
        }
        return false;
    }

    /** The units out of the pool now (held by the engine), in index order; allocates: not for the hot path. */
    List<IoUnit> out() {
        boolean[] isFree = new boolean[all.length];
        for (int k = 0; k < freeCount; k++) {
            isFree[free[k].index()] = true;
        }
        List<IoUnit> out = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            if (!isFree[i]) {
                out.add(all[i]);
            }
        }
        return out;
    }
}
