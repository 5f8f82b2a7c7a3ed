package dev.jfio.workload;

/**
 * A keyed pseudo-random permutation of [0, n), walked one element at a time in O(1) memory.
 *
 * <p>A balanced Feistel network permutes [0, 2<sup>b</sup>) with b even and 2<sup>b</sup> &ge; n
 * (at most 4n). Walking a counter through that domain and skipping images &ge; n yields every
 * value of [0, n) exactly once, so a pass has exactly n elements and then ends. This replaces fio's
 * random map bitmap (axmap) and its {@code random_generator=lfsr} without any per-block memory.
 *
 * <p>Not thread-safe; allocates nothing after construction.
 */
final class BlockPermutation {

    private static final int ROUNDS = 4;

    private final long n;
    private final long domain;
    private final int halfBits;
    private final long halfMask;
    private final long[] keys = new long[ROUNDS];
    private long counter;

    /** A permutation of [0, n) keyed by the next values of {@code keySource}. */
    BlockPermutation(long n, Rng keySource) {
        if (n <= 0) {
            throw new IllegalArgumentException("a permutation needs at least one element, got " + n);
        }
        int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
        if ((bits & 1) != 0) {
            bits++;
        }
        if (bits > 62) {
            throw new IllegalArgumentException("too many blocks for a random pass: " + n);
        }
        this.n = n;
        this.domain = 1L << bits;
        this.halfBits = bits / 2;
        this.halfMask = (1L << halfBits) - 1;
        rekey(keySource);
    }

    /** Draws new round keys (a different order) and starts the walk again. */
    void rekey(Rng keySource) {
        for (int i = 0; i < ROUNDS; i++) {
            keys[i] = keySource.nextLong();
        }
        counter = 0;
    }

    /** Restarts the walk over the same order. */
    void restart() {
        counter = 0;
    }

    /** The next element of this pass, or -1 once all n have been returned. */
    long next() {
        while (counter < domain) {
            long v = permute(counter++);
            if (v < n) {
                return v;
            }
        }
        return -1;
    }

    /** The number of elements in one pass, n. */
    long size() {
        return n;
    }

    private long permute(long x) {
        long left = x >>> halfBits;
        long right = x & halfMask;
        for (int i = 0; i < ROUNDS; i++) {
            long f = Rng.mix64(right + keys[i]) & halfMask;
            long newRight = left ^ f;
            left = right;
            right = newRight;
        }
        return (left << halfBits) | right;
    }
}
