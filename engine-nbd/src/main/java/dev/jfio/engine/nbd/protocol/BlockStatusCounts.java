package dev.jfio.engine.nbd.protocol;

/**
 * What the NBD_REPLY_TYPE_BLOCK_STATUS chunk of each slot's request reported for
 * {@code base:allocation}: the extents, and the bytes of the request they cover by kind (data:
 * NBD_STATE_HOLE clear; hole: set; zero: NBD_STATE_ZERO set, whether hole or not). Bytes are
 * clipped to the request: a last extent that reaches past it counts only up to its end.
 *
 * <p>Allocates nothing after construction. Thread contract: not thread-safe; the job thread.
 */
final class BlockStatusCounts {
    private final int[] chunks;
    private final int[] extents;
    private final long[] dataBytes;
    private final long[] holeBytes;
    private final long[] zeroBytes;

    BlockStatusCounts(int slots) {
        chunks = new int[slots];
        extents = new int[slots];
        dataBytes = new long[slots];
        holeBytes = new long[slots];
        zeroBytes = new long[slots];
    }

    /** Forgets the counts of the slot's previous request. */
    void clear(int slot) {
        chunks[slot] = 0;
        extents[slot] = 0;
        dataBytes[slot] = 0;
        holeBytes[slot] = 0;
        zeroBytes[slot] = 0;
    }

    /** A block-status chunk arrived for the slot; returns how many have, this one included. */
    int chunk(int slot) {
        return ++chunks[slot];
    }

    /** Counts one extent with {@code flags} of which {@code bytes} lie inside the request. */
    void extent(int slot, int flags, long bytes) {
        extents[slot]++;
        if ((flags & Nbd.STATE_HOLE) != 0) {
            holeBytes[slot] += bytes;
        } else {
            dataBytes[slot] += bytes;
        }
        if ((flags & Nbd.STATE_ZERO) != 0) {
            zeroBytes[slot] += bytes;
        }
    }

    int chunks(int slot) {
        return chunks[slot];
    }

    int extents(int slot) {
        return extents[slot];
    }

    long dataBytes(int slot) {
        return dataBytes[slot];
    }

    long holeBytes(int slot) {
        return holeBytes[slot];
    }

    long zeroBytes(int slot) {
        return zeroBytes[slot];
    }
}
