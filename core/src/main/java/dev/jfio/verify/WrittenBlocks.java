package dev.jfio.verify;

import java.util.Arrays;

/**
 * What a job wrote, so that its verify phase can read it back: one entry per block, the latest
 * write of a place winning as in fio's tree of written pieces (a write that overlaps earlier
 * blocks replaces them, since their content is no longer what was written).
 *
 * <p>The region of each target is cut into slots of {@code unit} bytes (the smallest block size,
 * or the gcd of the block sizes and alignments); a block owns the slots it touches. All storage is
 * preallocated from the region's slot count, about 44 bytes per slot and target, so
 * {@link #record} never allocates.
 *
 * <p>Iteration is by index, {@code 0 .. size()-1}, in write order (the order of the latest writes;
 * the default) or in offset order (target, then offset) after {@link #orderByOffset()}.
 *
 * <p>Not thread-safe: one instance per job thread.
 */
public final class WrittenBlocks {
    private final long regionStart;
    private final long regionLength;
    private final int unit;
    private final int targets;
    private final int slotsPerTarget;

    private final int[] slotEntry;
    private final long[] offsets;
    private final int[] lengths;
    private final long[] sequences;
    private final int[] targetOf;
    private final int[] prev;
    private final int[] next;
    private final int[] free;
    private final int[] order;
    private int freeTop;
    private int nextUnused;
    private int head = -1;
    private int tail = -1;
    private int live;
    private boolean byOffset;
    private boolean orderValid;

    /** One target; see {@link #WrittenBlocks(int, long, long, int)}. */
    public WrittenBlocks(long regionStart, long regionLength, int unit) {
        this(1, regionStart, regionLength, unit);
    }

    /**
     * @param targets      how many targets (numbered from 0) share the same region
     * @param regionStart  the first byte a block may start at
     * @param regionLength the bytes of the region, from {@code regionStart}
     * @param unit         the slot size
     * @throws IllegalArgumentException when an argument is out of range, or the region has more
     *         slots than can be tracked in memory
     */
    public WrittenBlocks(int targets, long regionStart, long regionLength, int unit) {
        if (targets < 1) {
            throw new IllegalArgumentException("written-block tracking needs at least one target, got " + targets);
        }
        if (unit < 1) {
            throw new IllegalArgumentException("written-block unit must be at least 1 byte, got " + unit);
        }
        if (regionStart < 0 || regionLength < 0) {
            throw new IllegalArgumentException(
                    "written-block region " + regionStart + "+" + regionLength + " is negative");
        }
        long slots = (regionLength + unit - 1) / unit;
        long total = slots * targets;
        if (slots > Integer.MAX_VALUE - 8 || total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot track " + total + " written blocks for verification"
                    + " (region " + regionLength + " bytes in units of " + unit + " on " + targets + " targets)");
        }
        this.regionStart = regionStart;
        this.regionLength = regionLength;
        this.unit = unit;
        this.targets = targets;
        this.slotsPerTarget = (int) slots;
        int n = (int) total;
        slotEntry = new int[n];
        Arrays.fill(slotEntry, -1);
        offsets = new long[n];
        lengths = new int[n];
        sequences = new long[n];
        targetOf = new int[n];
        prev = new int[n];
        next = new int[n];
        free = new int[n];
        order = new int[n];
    }

    /**
     * Records that {@code target} got {@code length} bytes at {@code offset} as write number
     * {@code sequence}, replacing every earlier block it overlaps. Allocates nothing.
     *
     * @throws IllegalArgumentException when the block lies outside the region or the target is unknown
     */
    public void record(int target, long offset, int length, long sequence) {
        if (target < 0
                || target >= targets
                || length < 1
                || offset < regionStart
                || offset - regionStart > regionLength - length) {
            throw new IllegalArgumentException("block " + offset + "+" + length + " of target " + target
                    + " lies outside the verify region " + regionStart + "+" + regionLength + " of " + targets
                    + " target(s)");
        }
        int first = firstSlot(target, offset);
        int last = lastSlot(target, offset, length);
        for (int s = first; s <= last; s++) {
            int e = slotEntry[s];
            if (e >= 0) {
                remove(e);
            }
        }
        int e = freeTop > 0 ? free[--freeTop] : nextUnused++;
        offsets[e] = offset;
        lengths[e] = length;
        sequences[e] = sequence;
        targetOf[e] = target;
        for (int s = first; s <= last; s++) {
            slotEntry[s] = e;
        }
        prev[e] = tail;
        next[e] = -1;
        if (tail >= 0) {
            next[tail] = e;
        } else {
            head = e;
        }
        tail = e;
        live++;
        orderValid = false;
    }

    private int firstSlot(int target, long offset) {
        return target * slotsPerTarget + (int) ((offset - regionStart) / unit);
    }

    private int lastSlot(int target, long offset, int length) {
        return target * slotsPerTarget + (int) ((offset - regionStart + length - 1) / unit);
    }

    private void remove(int e) {
        int first = firstSlot(targetOf[e], offsets[e]);
        int last = lastSlot(targetOf[e], offsets[e], lengths[e]);
        for (int s = first; s <= last; s++) {
            if (slotEntry[s] == e) {
                slotEntry[s] = -1;
            }
        }
        int p = prev[e];
        int n = next[e];
        if (p >= 0) {
            next[p] = n;
        } else {
            head = n;
        }
        if (n >= 0) {
            prev[n] = p;
        } else {
            tail = p;
        }
        free[freeTop++] = e;
        live--;
    }

    /** Iterate in the order of the latest writes (the default). */
    public void orderByWrite() {
        if (byOffset) {
            byOffset = false;
            orderValid = false;
        }
    }

    /** Iterate by target, then offset, as fio verifies what its tree holds. */
    public void orderByOffset() {
        if (!byOffset) {
            byOffset = true;
            orderValid = false;
        }
    }

    /** The number of blocks whose latest content is known. */
    public int size() {
        return live;
    }

    /** The offset of the {@code i}-th block in the current order. */
    public long offsetAt(int i) {
        return offsets[entry(i)];
    }

    /** The length of the {@code i}-th block. */
    public int lengthAt(int i) {
        return lengths[entry(i)];
    }

    /** The sequence number of the write that put the {@code i}-th block's content there. */
    public long sequenceAt(int i) {
        return sequences[entry(i)];
    }

    /** The target of the {@code i}-th block. */
    public int targetAt(int i) {
        return targetOf[entry(i)];
    }

    /** Forgets every block (after a verify_backlog batch, or between loops). Allocates nothing. */
    public void clear() {
        for (int e = head; e >= 0; e = next[e]) {
            int first = firstSlot(targetOf[e], offsets[e]);
            int last = lastSlot(targetOf[e], offsets[e], lengths[e]);
            for (int s = first; s <= last; s++) {
                slotEntry[s] = -1;
            }
        }
        head = -1;
        tail = -1;
        live = 0;
        freeTop = 0;
        nextUnused = 0;
        orderValid = false;
    }

    /**
     * Forgets every block that overlaps {@code length} bytes at {@code offset} of {@code target}
     * (they were trimmed and are not to be verified). Allocates nothing.
     */
    public void forget(int target, long offset, int length) {
        int first = firstSlot(target, offset);
        int last = lastSlot(target, offset, length);
        for (int s = first; s <= last; s++) {
            int e = slotEntry[s];
            if (e >= 0) {
                remove(e);
            }
        }
        orderValid = false;
    }

    /**
     * Forgets the first {@code n} blocks in the current order (verify_backlog_batch: those read
     * back), keeping the rest. Allocates nothing.
     */
    public void removeFirst(int n) {
        if (n < 0 || n > live) {
            throw new IndexOutOfBoundsException("cannot remove " + n + " of " + live + " written blocks");
        }
        if (!orderValid) {
            buildOrder();
        }
        for (int i = 0; i < n; i++) {
            remove(order[i]);
        }
        orderValid = false;
    }

    private int entry(int i) {
        if (i < 0 || i >= live) {
            throw new IndexOutOfBoundsException("written block " + i + " of " + live);
        }
        if (!orderValid) {
            buildOrder();
        }
        return order[i];
    }

    private void buildOrder() {
        int k = 0;
        if (byOffset) {
            for (int s = 0; s < slotEntry.length; s++) {
                int e = slotEntry[s];
                if (e >= 0 && (s == 0 || slotEntry[s - 1] != e)) {
                    order[k++] = e;
                }
            }
        } else {
            for (int e = head; e >= 0; e = next[e]) {
                order[k++] = e;
            }
        }
        orderValid = true;
    }
}
