package dev.jfio.workload;

/**
 * Chooses the size of each I/O for one data direction, as fio's {@code bs}, {@code bsrange},
 * {@code bssplit} and {@code blockalign} describe.
 *
 * <ul>
 *   <li>Fixed ({@code min == max}, no split): always that size.</li>
 *   <li>Range: uniform over the multiples of the alignment (default: {@code min}, fio's
 *       {@code blockalign} default) that lie in [min, max].</li>
 *   <li>Split: size i with probability percent<sub>i</sub>/100, by fio's cumulative-percentage scan:
 *       draw r in [0, 100), take the first size whose running percentage exceeds r. Sizes with 0%
 *       are never chosen; if the percentages add up to less than 100, the remainder goes to the
 *       last size with a non-zero share, as fio's scan falls through to it. (fio's parser shares out
 *       any unstated remainder among entries without a percentage before this point; that is the
 *       job parser's work, not this class's.)</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per job thread and direction. {@link #next()} allocates nothing.
 */
public final class BlockSizeGenerator {

    private final int min;
    private final int max;
    private final int firstAligned;
    private final int choices;
    private final int align;
    private final int[] splitSizes;
    private final int[] cumulativePercents;
    private final int splitCount;
    private final long seed;
    private final Rng rng;

    /**
     * A generator aligned to {@code min}.
     *
     * @param min           smallest size in bytes (bs, or bsrange's low end)
     * @param max           largest size in bytes (equal to min for a fixed size)
     * @param splitSizes    bssplit's sizes, or {@code null} / empty for none (then min and max apply)
     * @param splitPercents bssplit's percentages, same length as splitSizes, each 0..100, adding up to at most 100
     * @param seed          the seed, e.g. {@link Rng#seedFor}(..., {@link Rng#STREAM_BLOCK_SIZE})
     * @throws IllegalArgumentException with a one-line message for inconsistent parameters
     */
    public BlockSizeGenerator(int min, int max, int[] splitSizes, int[] splitPercents, long seed) {
        this(min, max, min, splitSizes, splitPercents, seed);
    }

    /**
     * As the shorter constructor, with an explicit alignment for ranges (fio's {@code blockalign}).
     *
     * @param align range sizes are multiples of this; positive
     */
    public BlockSizeGenerator(int min, int max, int align, int[] splitSizes, int[] splitPercents, long seed) {
        this.seed = seed;
        this.rng = new Rng(seed);
        int n = splitSizes == null ? 0 : splitSizes.length;
        if (n > 0) {
            if (splitPercents == null || splitPercents.length != n) {
                throw new IllegalArgumentException("bssplit needs one percentage per block size");
            }
            this.splitSizes = splitSizes.clone();
            this.cumulativePercents = new int[n];
            int sum = 0;
            int last = -1;
            for (int i = 0; i < n; i++) {
                if (splitSizes[i] <= 0) {
                    throw new IllegalArgumentException("bssplit block size must be positive, got " + splitSizes[i]);
                }
                if (splitPercents[i] < 0 || splitPercents[i] > 100) {
                    throw new IllegalArgumentException(
                            "bssplit percentage must be between 0 and 100, got " + splitPercents[i]);
                }
                sum += splitPercents[i];
                cumulativePercents[i] = sum;
                if (splitPercents[i] > 0) {
                    last = i;
                }
            }
            if (sum > 100) {
                throw new IllegalArgumentException("bssplit percentages add up to " + sum + ", more than 100");
            }
            if (last < 0) {
                throw new IllegalArgumentException("bssplit gives every block size 0 percent");
            }
            // Fall-through share: everything from the last non-zero entry on goes to it.
            cumulativePercents[last] = 100;
            this.splitCount = last + 1;
            int lo = Integer.MAX_VALUE;
            int hi = 0;
            for (int i = 0; i < splitCount; i++) {
                if (splitPercents[i] > 0) {
                    lo = Math.min(lo, splitSizes[i]);
                    hi = Math.max(hi, splitSizes[i]);
                }
            }
            this.min = lo;
            this.max = hi;
            this.align = lo;
            this.firstAligned = lo;
            this.choices = 1;
            return;
        }
        if (min <= 0) {
            throw new IllegalArgumentException("block size must be positive, got " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException(
                    "block size range " + min + "-" + max + " has its maximum below its minimum");
        }
        if (align <= 0) {
            throw new IllegalArgumentException("blockalign must be positive, got " + align);
        }
        long first = ((long) min + align - 1) / align * align;
        long lastAligned = (long) max / align * align;
        if (first > lastAligned) {
            throw new IllegalArgumentException(
                    "no multiple of blockalign " + align + " lies in the block size range " + min + "-" + max);
        }
        this.splitSizes = null;
        this.cumulativePercents = null;
        this.splitCount = 0;
        this.min = min;
        this.max = max;
        this.align = align;
        this.firstAligned = (int) first;
        this.choices = (int) ((lastAligned - first) / align + 1);
    }

    /** The smallest size {@link #next()} can return. */
    public int min() {
        return splitCount > 0 ? min : firstAligned;
    }

    /** The largest size {@link #next()} can return. */
    public int max() {
        return splitCount > 0 ? max : firstAligned + (choices - 1) * align;
    }

    /** The size of the next I/O in bytes. Allocates nothing. */
    public int next() {
        if (splitCount > 0) {
            int r = rng.nextInt(100);
            for (int i = 0; i < splitCount; i++) {
                if (r < cumulativePercents[i]) {
                    return splitSizes[i];
                }
            }
            return splitSizes[splitCount - 1];
        }
        if (choices == 1) {
            return firstAligned;
        }
        return firstAligned + rng.nextInt(choices) * align;
    }

    /** Rewinds to the state just after construction (fio re-seeds at every loop). */
    public void reset() {
        rng.setSeed(seed);
    }
}
