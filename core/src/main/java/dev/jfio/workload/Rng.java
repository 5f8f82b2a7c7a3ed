package dev.jfio.workload;

/**
 * A seeded, fast, deterministic pseudo-random generator: xoshiro256** seeded through splitmix64.
 *
 * <p>Used instead of {@link java.util.Random} because it is faster, has no synchronisation and can be
 * re-seeded in place without allocating. Same seed, same sequence, on every JVM.
 *
 * <p>Not thread-safe: each instance belongs to one job thread. Nothing allocates after construction.
 */
public final class Rng {

    /** Stream number for {@link #seedFor}: the offsets a job visits. */
    public static final int STREAM_OFFSET = 0;
    /** Stream number for {@link #seedFor}: block sizes (bsrange, bssplit). */
    public static final int STREAM_BLOCK_SIZE = 1;
    /** Stream number for {@link #seedFor}: the read/write mix. */
    public static final int STREAM_MIX = 2;
    /** Stream number for {@link #seedFor}: Poisson rate pacing. */
    public static final int STREAM_RATE = 3;
    /** Stream number for {@link #seedFor}: buffer contents, for whoever fills write buffers. */
    public static final int STREAM_BUFFER = 4;

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private static final double DOUBLE_UNIT = 0x1.0p-53;

    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private double spareGaussian;
    private boolean hasSpareGaussian;

    /** A generator whose whole sequence is determined by {@code seed}. */
    public Rng(long seed) {
        setSeed(seed);
    }

    /** Restarts the sequence as if this generator had just been constructed with {@code seed}. */
    public void setSeed(long seed) {
        long x = seed;
        x += GOLDEN_GAMMA;
        s0 = mix64(x);
        x += GOLDEN_GAMMA;
        s1 = mix64(x);
        x += GOLDEN_GAMMA;
        s2 = mix64(x);
        x += GOLDEN_GAMMA;
        s3 = mix64(x);
        hasSpareGaussian = false;
        spareGaussian = 0;
    }

    /** The next 64 uniformly distributed bits. */
    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1), with 53 bits of precision. */
    public double nextDouble() {
        return (nextLong() >>> 11) * DOUBLE_UNIT;
    }

    /**
     * Uniform in [0, bound), without modulo bias (Lemire's multiply-and-reject).
     *
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public long nextLong(long bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        long x = nextLong();
        long lo = x * bound;
        if (Long.compareUnsigned(lo, bound) < 0) {
            long threshold = Long.remainderUnsigned(-bound, bound);
            while (Long.compareUnsigned(lo, threshold) < 0) {
                x = nextLong();
                lo = x * bound;
            }
        }
        return unsignedMultiplyHigh(x, bound);
    }

    /**
     * Uniform in [0, bound), without modulo bias.
     *
     * @throws IllegalArgumentException if {@code bound <= 0}
     */
    public int nextInt(int bound) {
        return (int) nextLong(bound);
    }

    /** An exponentially distributed value with the given mean (inverse transform sampling); never infinite. */
    public double nextExponential(double mean) {
        // 1 - u lies in (0, 1], so the logarithm is finite.
        return -mean * Math.log(1.0 - nextDouble());
    }

    /** A standard normal value (mean 0, standard deviation 1), by Marsaglia's polar method. */
    public double nextGaussian() {
        if (hasSpareGaussian) {
            hasSpareGaussian = false;
            return spareGaussian;
        }
        double u;
        double v;
        double s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double scale = Math.sqrt(-2 * Math.log(s) / s);
        spareGaussian = v * scale;
        hasSpareGaussian = true;
        return u * scale;
    }

    /**
     * A seed for one purpose of one job clone, derived from the job's {@code randseed}.
     *
     * <p>Each input goes through a full 64-bit mixer in turn, so seeds for neighbouring job numbers,
     * clones or streams are unrelated, and the same inputs always give the same seed: with fio's
     * {@code randrepeat=1} (the default) pass the job's {@code randseed} (fio's default is 0x89) and the
     * whole run is reproducible; with {@code randrepeat=0} pass a randseed drawn once from a true
     * random source.
     *
     * @param randseed   the job's base seed
     * @param jobNumber  the job's number in the run (fio's thread_number)
     * @param cloneIndex which clone of the job ({@code numjobs}), from 0
     * @param stream     the purpose, one of the {@code STREAM_*} constants (or any other int)
     */
    public static long seedFor(long randseed, int jobNumber, int cloneIndex, int stream) {
        long h = mix64(randseed + GOLDEN_GAMMA);
        h = mix64(h ^ (jobNumber + 1L) * GOLDEN_GAMMA);
        h = mix64(h ^ (cloneIndex + 1L) * 0xc2b2ae3d27d4eb4fL);
        return mix64(h ^ (stream + 1L) * 0x165667b19e3779f9L);
    }

    /** splitmix64's finaliser: a bijective 64-bit mixer. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** Java 18 has Math.unsignedMultiplyHigh; this is it for Java 17, for a non-negative {@code b}. */
    private static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }
}
