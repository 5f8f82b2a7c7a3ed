package dev.jfio.workload;

import java.util.Arrays;

/**
 * Chooses the offset of each I/O within one region [start, start + length) of one target, as fio's
 * {@code rw}, {@code percentage_random}, {@code random_distribution} and {@code norandommap} describe.
 *
 * <p>Offsets are aligned to the unit {@code blockSize} (the job's smallest block size) relative to
 * {@code start}, and every I/O lies wholly inside the region. The region holds {@link #blocks()} =
 * floor(length / blockSize) units.
 *
 * <h2>Modes</h2>
 * <ul>
 *   <li><b>Sequential</b> ({@code random == false}, or {@code percentageRandom == 0}): start,
 *       start + bs, ... each I/O begins where the previous one ended. {@code next(bs)} returns -1 while
 *       an I/O of {@code bs} bytes would not fit before the end (a smaller one may still fit).</li>
 *   <li><b>Random, uniform, with the random map</b> (fio's default): each pass visits every unit
 *       exactly once, in a seeded pseudo-random order, then returns -1. fio keeps a bitmap for this;
 *       here a keyed permutation (a Feistel network over the next even power of two, skipping values
 *       past the end) does it in O(1) memory. With block sizes larger than the unit, a pass still
 *       consists of exactly {@code blocks()} I/Os, one starting at each unit; an I/O whose unit lies
 *       too close to the end is moved back to the last aligned offset where it fits. I/Os can
 *       therefore overlap (fio instead marks every unit an I/O covers and skips them); the pass
 *       always terminates.</li>
 *   <li><b>Random with {@code norandommap}</b>: a fresh uniform draw among the aligned offsets where
 *       the I/O fits, each time; never returns -1 (the runner stops on size, io_size or runtime).</li>
 *   <li><b>zipf, pareto, normal</b>: drawn by {@link SkewedIndexGenerator} over the {@link #blocks()}
 *       units; like fio, these never use the random map and never return -1. An I/O whose unit lies
 *       too close to the end is moved back to the last aligned offset where it fits.</li>
 *   <li><b>{@code percentageRandom} between 1 and 99</b>: each I/O is random with that probability,
 *       otherwise it continues sequentially from the end of the previous I/O (random or not), wrapping
 *       to start when it would run past the end. With the random map, the pass ends when the random
 *       share has visited every unit once; from then on every call returns -1 until the next pass.</li>
 * </ul>
 *
 * <h2>Passes</h2>
 * {@link #reset()} rewinds to the state just after construction, so the next pass repeats the
 * first pass's offsets exactly: fio re-seeds its generators at the start of every {@code loops}
 * iteration. {@link #nextPass()} instead starts a pass with a new random order continuing the seeded
 * stream, which is what fio does when a {@code time_based} job runs out of blocks and wraps around.
 *
 * <p>Not thread-safe: one instance per job thread. {@link #next(int)} allocates nothing.
 */
public final class OffsetGenerator {

    private final long start;
    private final long length;
    private final int blockSize;
    private final long blocks;
    private final boolean random;
    private final int percentageRandom;
    private final boolean usesMap;
    private final long seed;

    private final boolean uniformNoMap;
    private final Rng mixRng;
    private final Rng keyRng;
    private final Rng uniformRng;
    private final BlockPermutation permutation;
    private final SkewedIndexGenerator distribution;

    /** Where the next sequential I/O begins, relative to start. */
    private long sequentialPosition;
    /** The random map is used up: the pass has ended until reset() or nextPass(). */
    private boolean mapExhausted;
    /**
     * With block sizes that vary, fio's random map (axmap) of the units already covered this pass:
     * a unit a longer I/O covered is skipped, and an I/O is cut short at the first covered unit, so
     * every unit is used exactly once. Null when block sizes are fixed (the permutation suffices).
     */
    private long[] covered;
    /** The length the I/O last planned by {@link #next(int)} may have: its bs, or less at an end. */
    private int lastLength;

    /**
     * The generator fio's options describe, with fio's defaults for the distribution's centre and
     * hashing (see {@link SkewedIndexGenerator}).
     *
     * @param start            first byte of the region
     * @param length           length of the region in bytes
     * @param blockSize        the alignment unit: the job's minimum block size
     * @param random           whether the job's {@code rw} is a random one
     * @param percentageRandom 0..100: the share of random I/Os when {@code random} (fio's percentage_random)
     * @param kind             the random distribution
     * @param param            the distribution's parameter (θ, h or deviation percent); ignored for uniform
     * @param norandommap      fio's norandommap: uniform random I/Os may repeat and passes never end
     * @param seed             the seed, e.g. {@link Rng#seedFor}(randseed, job, clone, {@link Rng#STREAM_OFFSET})
     * @throws IllegalArgumentException with a one-line message if the parameters are inconsistent
     */
    public OffsetGenerator(
            long start,
            long length,
            int blockSize,
            boolean random,
            int percentageRandom,
            DistributionKind kind,
            double param,
            boolean norandommap,
            long seed) {
        this(start, length, blockSize, random, percentageRandom, kind, param, -1, true, norandommap, seed);
    }

    /**
     * As the shorter constructor, also choosing fio's {@code random_center} and whether skewed ranks are
     * scattered over the region.
     *
     * @param center  fio's random_center in [0, 1], or negative for fio's default
     * @param scatter spread hot blocks with fio's hash (fio always does); {@code false} keeps ranks
     *                contiguous, e.g. so that normal's peak really sits at {@code center}
     */
    public OffsetGenerator(
            long start,
            long length,
            int blockSize,
            boolean random,
            int percentageRandom,
            DistributionKind kind,
            double param,
            double center,
            boolean scatter,
            boolean norandommap,
            long seed) {
        if (start < 0) {
            throw new IllegalArgumentException("offset must not be negative, got " + start);
        }
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + blockSize);
        }
        if (length < blockSize) {
            throw new IllegalArgumentException(
                    "region of " + length + " bytes is smaller than the block size " + blockSize);
        }
        if (percentageRandom < 0 || percentageRandom > 100) {
            throw new IllegalArgumentException("percentage_random must be between 0 and 100, got " + percentageRandom);
        }
        if (start > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("region end overflows: offset " + start + " + size " + length);
        }
        DistributionKind k = kind == null ? DistributionKind.RANDOM : kind;
        this.start = start;
        this.length = length;
        this.blockSize = blockSize;
        this.blocks = length / blockSize;
        this.random = random && percentageRandom > 0;
        this.percentageRandom = percentageRandom;
        this.seed = seed;
        this.usesMap = this.random && k == DistributionKind.RANDOM && !norandommap;
        this.uniformNoMap = this.random && k == DistributionKind.RANDOM && norandommap;

        this.mixRng = new Rng(subSeed(1));
        this.keyRng = new Rng(subSeed(2));
        this.uniformRng = new Rng(subSeed(4));
        this.permutation = usesMap ? new BlockPermutation(blocks, keyRng) : null;
        this.distribution = this.random && k != DistributionKind.RANDOM
                ? new SkewedIndexGenerator(k, blocks, param, center, scatter, subSeed(3))
                : null;
    }

    /** The number of {@code blockSize} units in the region: floor(length / blockSize). */
    public long blocks() {
        return blocks;
    }

    /**
     * Block sizes vary (bsrange, bssplit): keeps fio's random map of covered units, so that an I/O
     * longer than one unit does not leave other units unvisited. Call once, before the first
     * {@link #next(int)}; allocates one bit per unit.
     */
    public void trackCoverage() {
        if (usesMap && covered == null) {
            covered = new long[(int) ((blocks + 63) >>> 6)];
        }
    }

    /**
     * The length the I/O whose offset {@link #next(int)} returned last may have: the bs asked for,
     * or less where only that fits, as fio's {@code get_next_buflen} and {@code mark_random_map}
     * shorten it (the region's end, or a unit a longer I/O already covered).
     */
    public int lastLength() {
        return lastLength;
    }

    /** Whether random passes end after visiting every unit once (random, uniform, no norandommap). */
    public boolean usesRandomMap() {
        return usesMap;
    }

    /**
     * The offset of the next I/O of {@code bs} bytes, in [start, start + length - bs], or -1 when this
     * pass is done (sequential: the I/O would run past the end; random map: every unit has been used)
     * or when {@code bs} is larger than the region. Allocates nothing.
     */
    public long next(int bs) {
        lastLength = bs;
        if (bs > length || bs <= 0 || mapExhausted) {
            return -1;
        }
        if (!random) {
            return nextSequential(bs, false);
        }
        if (percentageRandom < 100 && mixRng.nextInt(100) >= percentageRandom) {
            return nextSequential(bs, true);
        }
        long relative;
        if (uniformNoMap) {
            // Draw only among the aligned offsets where this I/O fits, so the end is not favoured.
            relative = uniformRng.nextLong((length - bs) / blockSize + 1) * blockSize;
        } else {
            long unit = usesMap ? permutation.next() : distribution.next();
            while (covered != null && unit >= 0 && isCovered(unit)) {
                unit = permutation.next();
            }
            if (unit < 0) {
                mapExhausted = true;
                return -1;
            }
            relative = unit * blockSize;
            if (covered != null) {
                lastLength = cover(unit, (int) Math.min(bs, (length - relative) / blockSize * blockSize));
                sequentialPosition = relative + lastLength;
                return start + relative;
            }
        }
        if (relative > length - bs) {
            relative = (length - bs) / blockSize * blockSize;
        }
        sequentialPosition = relative + bs;
        return start + relative;
    }

    private long nextSequential(int bs, boolean wrap) {
        long relative = sequentialPosition;
        if (relative > length - bs) {
            if (!wrap) {
                if (relative > length - blockSize) {
                    return -1;
                }
                // as fio's get_next_buflen: the pass's last I/O is as long as still fits
                lastLength = (int) ((length - relative) / blockSize * blockSize);
                sequentialPosition = relative + lastLength;
                return start + relative;
            }
            relative = 0;
        }
        sequentialPosition = relative + bs;
        return start + relative;
    }

    /**
     * Rewinds to the state just after construction: the next pass repeats the same offsets, as fio's
     * loops do (fio re-seeds at every loop).
     */
    public void reset() {
        sequentialPosition = 0;
        mapExhausted = false;
        clearCoverage();
        mixRng.setSeed(subSeed(1));
        keyRng.setSeed(subSeed(2));
        uniformRng.setSeed(subSeed(4));
        if (permutation != null) {
            permutation.rekey(keyRng);
        }
        if (distribution != null) {
            distribution.setSeed(subSeed(3));
        }
    }

    /**
     * Starts a new pass that continues the seeded random stream: sequential restarts at start, the
     * random map is cleared and the units come in a new order (fio's time_based wrap-around).
     */
    public void nextPass() {
        sequentialPosition = 0;
        mapExhausted = false;
        clearCoverage();
        if (permutation != null) {
            permutation.rekey(keyRng);
        }
    }

    private boolean isCovered(long unit) {
        return (covered[(int) (unit >>> 6)] & (1L << unit)) != 0;
    }

    /** Marks the free units from {@code unit} that {@code len} bytes span; returns the length they allow. */
    private int cover(long unit, int len) {
        long n = (len + blockSize - 1) / blockSize;
        long marked = 0;
        while (marked < n && unit + marked < blocks && !isCovered(unit + marked)) {
            long u = unit + marked;
            covered[(int) (u >>> 6)] |= 1L << u;
            marked++;
        }
        return (int) Math.min(len, marked * blockSize);
    }

    private void clearCoverage() {
        if (covered != null) {
            Arrays.fill(covered, 0);
        }
    }

    private long subSeed(int purpose) {
        return Rng.mix64(seed + purpose * 0x9e3779b97f4a7c15L);
    }
}
