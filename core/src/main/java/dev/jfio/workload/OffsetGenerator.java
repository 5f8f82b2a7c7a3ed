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
 *   <li><b>fio's {@code rw} modifier</b>: a sequential job with {@code holeBytes} leaves that many
 *       bytes between I/Os ({@code rw=read:8k}; negative runs backwards); a random job with
 *       {@code randomEvery} N takes a random offset every N I/Os and in between continues sequentially
 *       ({@code rw_sequencer=sequential}) or repeats the last offset ({@code identical}).</li>
 * </ul>
 *
 * <p>Callers that need to know whether an I/O is random before choosing its size (fio's
 * {@code bs_is_seq_rand}) call {@link #nextKind} and then {@link #next(int, int)}.
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

    private final long holeBytes;
    private final int randomEvery;
    private final boolean identical;

    private final boolean uniformNoMap;
    private final Rng mixRng;
    private final Rng keyRng;
    private final Rng uniformRng;
    private final BlockPermutation permutation;
    private final SkewedIndexGenerator distribution;
    /** fio's zoned random_distribution, or null. */
    private ZonedPicker zones;

    /** Where the next sequential I/O begins, relative to start. */
    private long sequentialPosition;
    /** The random map is used up: the pass has ended until reset() or nextPass(). */
    private boolean mapExhausted;
    /** I/Os left until the next random offset under the rw modifier (fio's td->ddir_seq_nr). */
    private int untilRandom = 1;
    /** Where the last I/O began, relative to start, or -1 before the first. */
    private long lastStart = -1;

    /** {@link #nextKind}: a random offset (the random map, the distribution or a uniform draw). */
    public static final int RANDOM = 0;
    /** {@link #nextKind}: the next sequential offset; a random job's sequential share wraps round. */
    public static final int SEQUENTIAL = 1;
    /** {@link #nextKind}: rw_sequencer=sequential between random offsets; random once the region's end is reached. */
    public static final int FOLLOWING = 2;
    /** {@link #nextKind}: rw_sequencer=identical: the last I/O's offset again. */
    public static final int IDENTICAL = 3;
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
        this(
                start,
                length,
                blockSize,
                random,
                percentageRandom,
                kind,
                param,
                center,
                scatter,
                norandommap,
                seed,
                0,
                1,
                false);
    }

    /**
     * As the constructor above, with fio's {@code rw} modifier and {@code rw_sequencer}.
     *
     * @param holeBytes   sequential: bytes added to each offset after the first ({@code rw=read:8k});
     *                    negative goes backwards, wrapping to the end
     * @param randomEvery random: a new random offset every this many I/Os ({@code rw=randread:8}); 1 for every I/O
     * @param identical   {@code rw_sequencer=identical}: the I/Os between random ones repeat the last offset
     *                    (otherwise they continue sequentially)
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
            long seed,
            long holeBytes,
            int randomEvery,
            boolean identical) {
        if (randomEvery < 1) {
            throw new IllegalArgumentException("the rw modifier's I/O count must be at least 1, got " + randomEvery);
        }
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
        this.holeBytes = holeBytes;
        this.randomEvery = randomEvery;
        this.identical = identical;
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

    /**
     * Random offsets come from fio's zoned distribution: zones of {@link #blocks()} units. Needs the
     * uniform draw without the random map (fio turns the map off for zoned); call before the first I/O.
     */
    public void useZones(ZonedPicker picker) {
        if (random && !uniformNoMap) {
            throw new IllegalStateException("zoned offsets need norandommap's uniform draw");
        }
        this.zones = picker;
    }

    /** The number of {@code blockSize} units in the region: floor(length / blockSize). */
    public long blocks() {
        return blocks;
    }

    /**
     * Block sizes vary (bsrange, bssplit): keeps fio's random map of covered units, so that an I/O
     * longer than one unit does not leave other units unvisited. Call once, before the first
     * {@link #next(int)}; allocates one bit per unit.
     *
     * @throws IllegalStateException when the map would exceed a Java array
     */
    public void trackCoverage() {
        if (usesMap && covered == null) {
            long words = (blocks + 63) >>> 6;
            if (words > Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("a random map of " + blocks + " blocks is too large");
            }
            covered = new long[(int) words];
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
     * or when {@code bs} is larger than the region: {@link #next(int, int)} of {@link #nextKind} with
     * the constructor's {@code percentageRandom}. Allocates nothing.
     */
    public long next(int bs) {
        return next(bs, nextKind(percentageRandom));
    }

    /**
     * What kind of offset the next I/O gets ({@link #RANDOM}, {@link #SEQUENTIAL}, {@link #FOLLOWING}
     * or {@link #IDENTICAL}), as fio decides it before the I/O's block size: counts the rw modifier's
     * I/Os and draws {@code percentage_random}. Allocates nothing.
     *
     * @param percentRandom this I/O's direction's {@code percentage_random}, 0..100
     */
    public int nextKind(int percentRandom) {
        if (!random) {
            return SEQUENTIAL;
        }
        if (randomEvery > 1) {
            if (--untilRandom > 0) {
                return identical ? IDENTICAL : FOLLOWING;
            }
            untilRandom = randomEvery;
        }
        if (percentRandom < 100 && mixRng.nextInt(100) >= percentRandom) {
            return SEQUENTIAL;
        }
        return RANDOM;
    }

    /** Whether an offset of {@code kind} counts as random (fio's is_random, which bs_is_seq_rand follows). */
    public static boolean isRandom(int kind) {
        return kind == RANDOM;
    }

    /**
     * The offset of the next I/O of {@code bs} bytes, of the {@code kind} {@link #nextKind} chose, or
     * -1 when this pass is done or {@code bs} is larger than the region. Allocates nothing.
     */
    public long next(int bs, int kind) {
        lastLength = bs;
        if (bs > length || bs <= 0 || mapExhausted) {
            return -1;
        }
        long relative;
        if (kind == IDENTICAL) {
            relative = lastStart < 0 ? 0 : Math.min(lastStart, (length - bs) / blockSize * blockSize);
            sequentialPosition = relative + bs;
        } else if (!random) {
            relative = holeBytes != 0 ? nextWithHoles(bs) : nextSequential(bs, false);
        } else if (kind == SEQUENTIAL) {
            relative = nextSequential(bs, true);
        } else {
            relative = kind == FOLLOWING ? nextSequential(bs, false) : -1;
            if (relative < 0) {
                relative = nextRandom(bs);
            }
        }
        if (relative < 0) {
            return -1;
        }
        lastStart = relative;
        return start + relative;
    }

    private long nextRandom(int bs) {
        long relative;
        if (uniformNoMap) {
            // Draw only among the aligned offsets where this I/O fits, so the end is not favoured.
            relative = zones != null
                    ? zones.next(uniformRng) * blockSize
                    : uniformRng.nextLong((length - bs) / blockSize + 1) * blockSize;
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
                return relative;
            }
        }
        if (relative > length - bs) {
            relative = (length - bs) / blockSize * blockSize;
        }
        sequentialPosition = relative + bs;
        return relative;
    }

    /**
     * fio's holed sequential I/O (get_next_seq_offset with ddir_seq_add): each I/O after the first
     * begins {@code holeBytes} past the end of the previous one; past the end it wraps to the start
     * (backwards: to the end less the hole). The pass ends once an I/O ends exactly at the region's end.
     */
    private long nextWithHoles(int bs) {
        long position = sequentialPosition;
        if (position >= length) {
            return -1;
        }
        if (position != 0) {
            position += holeBytes;
            if (position < 0 || position >= length) {
                position = holeBytes > 0 ? 0 : length + holeBytes;
            }
        }
        if (position < 0 || position > length - bs) {
            return -1;
        }
        sequentialPosition = position + bs;
        return position;
    }

    /** The next sequential offset relative to start, or -1 at the end (unless {@code wrap}). */
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
                return relative;
            }
            relative = 0;
        }
        sequentialPosition = relative + bs;
        return relative;
    }

    /**
     * Rewinds to the state just after construction: the next pass repeats the same offsets, as fio's
     * loops do (fio re-seeds at every loop).
     */
    public void reset() {
        sequentialPosition = 0;
        mapExhausted = false;
        untilRandom = 1;
        lastStart = -1;
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
        lastStart = -1;
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
