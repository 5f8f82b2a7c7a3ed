package dev.jfio.workload;

/**
 * Draws block indexes in [0, n) from one of fio's random distributions, with fio's algorithms
 * (fio's lib/zipf.c and lib/gauss.c), driven by a jfio {@link Rng}.
 *
 * <ul>
 *   <li>{@link DistributionKind#RANDOM}: uniform.</li>
 *   <li>{@link DistributionKind#ZIPF} θ: a rank from Gray et al.'s quick Zipf approximation, which fio
 *       uses for any θ ≠ 1. The zeta normalisation is summed over at most {@link #ZETA_TERMS_MAX}
 *       terms, as fio caps it, so construction stays well under a second for any n.</li>
 *   <li>{@link DistributionKind#PARETO} h: rank = (n - 1) · u<sup>log(h)/log(1-h)</sup>.</li>
 *   <li>{@link DistributionKind#NORMAL} dev: fio's approximation: the mean of 12 uniform draws over
 *       [0, n] (so the spread is about n/12 even for dev 0), plus a uniform term whose width is
 *       dev percent of n (at most n/2).</li>
 * </ul>
 *
 * <p>With {@code scatter} (fio's behaviour for offsets) the rank is multiplied by fio's 64-bit golden
 * ratio prime before the modulo, so the hot blocks are spread over the region instead of sitting
 * together at its start (or, for normal, its middle); as in fio, some blocks may then share a rank and
 * others get none. The result is then shifted by an offset: {@code center} in [0, 1] puts rank 0
 * there (normal: puts the peak there); a negative {@code center} means fio's default, a seeded random
 * shift for zipf and pareto and no shift (peak in the middle) for normal.
 *
 * <p>Not thread-safe: one instance per job thread. {@link #next()} allocates nothing.
 */
public final class SkewedIndexGenerator {

    /** fio's cap on the terms of the Zipf zeta sum (ZIPF_MAX_GEN). */
    public static final long ZETA_TERMS_MAX = 10_000_000L;

    /** fio's 64-bit hash multiplier (GR_PRIME_64 in fio's hash.h). */
    private static final long GOLDEN_RATIO_PRIME_64 = 0x9e37fffffffc0001L;

    private static final int GAUSS_ITERS = 12;

    private final DistributionKind kind;
    private final long n;
    private final double center;
    private final boolean scatter;
    private final Rng rng;

    // zipf
    private final double zetan;
    private final double zipfAlpha;
    private final double zipfEta;
    private final double zipfSecondThreshold;
    // pareto
    private final double paretoPow;
    // normal
    private final long gaussWidth;

    private long shift;

    /**
     * @param kind    the distribution
     * @param n       the number of blocks, at least 1
     * @param param   θ for zipf, h for pareto, deviation percent for normal; ignored for uniform
     * @param center  where rank 0 (normal: the peak) goes, in [0, 1]; negative for fio's default
     * @param scatter spread ranks over the region with fio's hash (fio always does this for offsets)
     * @param seed    the seed; same seed and parameters, same sequence
     * @throws IllegalArgumentException with a one-line message if a parameter is out of range
     */
    public SkewedIndexGenerator(
            DistributionKind kind, long n, double param, double center, boolean scatter, long seed) {
        if (kind == null) {
            throw new IllegalArgumentException("random distribution must be given");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("a random distribution needs at least one block, got " + n);
        }
        if (center > 1 || Double.isNaN(center)) {
            throw new IllegalArgumentException("random_center must be between 0.0 and 1.0, got " + center);
        }
        this.kind = kind;
        this.n = n;
        this.center = center;
        this.scatter = scatter;
        this.rng = new Rng(seed);

        double zeta = 0;
        double alpha = 0;
        double eta = 0;
        double second = 0;
        double pow = 0;
        long width = 0;
        switch (kind) {
            case ZIPF:
                if (!(param > 0) || param == 1.0 || Double.isInfinite(param)) {
                    throw new IllegalArgumentException("zipf theta must be positive and not 1.0, got " + param);
                }
                long terms = Math.min(n, ZETA_TERMS_MAX);
                for (long i = 1; i <= terms; i++) {
                    zeta += Math.pow(1.0 / i, param);
                }
                double zeta2 = 1.0 + Math.pow(0.5, param);
                alpha = 1.0 / (1.0 - param);
                eta = (1.0 - Math.pow(2.0 / n, 1.0 - param)) / (1.0 - zeta2 / zeta);
                second = 1.0 + Math.pow(0.5, param);
                break;
            case PARETO:
                if (!(param > 0 && param < 1)) {
                    throw new IllegalArgumentException("pareto h must be between 0 and 1 (exclusive), got " + param);
                }
                pow = Math.log(param) / Math.log(1.0 - param);
                break;
            case NORMAL:
                if (!(param >= 0 && param <= 100)) {
                    throw new IllegalArgumentException(
                            "normal deviation must be between 0 and 100 (percent), got " + param);
                }
                if (param != 0) {
                    width = Math.min((long) Math.ceil(n * param / 100.0), n / 2);
                }
                break;
            case RANDOM:
            default:
                break;
        }
        this.zetan = zeta;
        this.zipfAlpha = alpha;
        this.zipfEta = eta;
        this.zipfSecondThreshold = second;
        this.paretoPow = pow;
        this.gaussWidth = width;
        this.shift = initialShift();
    }

    /** The number of blocks, n. */
    public long blocks() {
        return n;
    }

    /** Restarts the sequence as if constructed with {@code seed}. */
    public void setSeed(long seed) {
        rng.setSeed(seed);
        shift = initialShift();
    }

    /** The next block index, in [0, n). Allocates nothing. */
    public long next() {
        long rank;
        switch (kind) {
            case ZIPF:
                rank = zipfRank();
                break;
            case PARETO:
                rank = (long) ((n - 1) * Math.pow(rng.nextDouble(), paretoPow));
                break;
            case NORMAL:
                rank = gaussRank();
                break;
            case RANDOM:
            default:
                return rng.nextLong(n);
        }
        if (scatter) {
            return Long.remainderUnsigned(rank * GOLDEN_RATIO_PRIME_64 + shift, n);
        }
        if (rank >= n) {
            rank = n - 1;
        }
        return (rank + shift) % n;
    }

    private long zipfRank() {
        double u = rng.nextDouble();
        double z = u * zetan;
        if (z < 1.0) {
            return 0;
        }
        if (z < zipfSecondThreshold) {
            return 1;
        }
        // Gray et al. give ranks 1..n (rarely n + 1 at the very edge); fio subtracts one.
        return (long) (n * Math.pow(zipfEta * u - zipfEta + 1.0, zipfAlpha));
    }

    private long gaussRank() {
        long sum = 0;
        for (int i = 0; i < GAUSS_ITERS; i++) {
            sum += rng.nextLong(n + 1);
        }
        sum = (sum + GAUSS_ITERS - 1) / GAUSS_ITERS;
        if (sum >= n) {
            // fio can loop forever here when the mean lands on n; keep it a valid index instead.
            sum = n - 1;
        }
        if (gaussWidth != 0) {
            long dev = (long) (gaussWidth * rng.nextDouble()) - gaussWidth / 2;
            while (sum + dev >= n || sum + dev < 0) {
                dev /= 2;
            }
            sum += dev;
        }
        return sum;
    }

    private long initialShift() {
        switch (kind) {
            case ZIPF:
            case PARETO:
                if (center < 0) {
                    return rng.nextLong(n);
                }
                return Math.min((long) (n * center), n - 1);
            case NORMAL:
                if (center < 0) {
                    return 0;
                }
                return Math.floorMod((long) (n * (center - 0.5)), n);
            case RANDOM:
            default:
                return 0;
        }
    }
}
