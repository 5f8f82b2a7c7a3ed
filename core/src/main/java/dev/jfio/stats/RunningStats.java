package dev.jfio.stats;

/**
 * Exact count, min, max, mean and sum of squared deviations of a stream of values, updated as
 * fio's {@code add_stat_sample} does (Welford), and combined as its {@code __sum_stat} does (the
 * parallel formula of Chan et al.), so merged figures equal those of one stream fed everything.
 *
 * <p>Not thread-safe: one writer, readers after it has finished (or on the same thread).
 */
final class RunningStats {
    private long n;
    private long min = Long.MAX_VALUE;
    private long max;
    private double mean;
    private double s;

    /** Adds one value. Allocation-free. */
    void add(long value) {
        if (value > max) {
            max = value;
        }
        if (value < min) {
            min = value;
        }
        double delta = value - mean;
        n++;
        mean += delta / n;
        s += delta * (value - mean);
    }

    void reset() {
        n = 0;
        min = Long.MAX_VALUE;
        max = 0;
        mean = 0;
        s = 0;
    }

    /** Adds another stream's figures to these, losslessly. */
    void combine(long otherN, long otherMin, long otherMax, double otherMean, double otherS) {
        if (otherN == 0) {
            return;
        }
        if (n == 0) {
            n = otherN;
            min = otherMin;
            max = otherMax;
            mean = otherMean;
            s = otherS;
            return;
        }
        double delta = otherMean - mean;
        long total = n + otherN;
        mean = (mean * n + otherMean * otherN) / total;
        s = s + otherS + delta * delta * ((double) n * otherN / total);
        n = total;
        min = Math.min(min, otherMin);
        max = Math.max(max, otherMax);
    }

    /** Combines a finished latency result (its S is recovered from its sample standard deviation). */
    void combine(LatencyResult r) {
        combine(r.n(), r.min(), r.max(), r.mean(), sumOfSquares(r.n(), r.stddev()));
    }

    static double sumOfSquares(long n, double stddev) {
        return n > 1 ? stddev * stddev * (n - 1) : 0;
    }

    long n() {
        return n;
    }

    long min() {
        return n == 0 ? 0 : min;
    }

    long max() {
        return max;
    }

    double mean() {
        return n == 0 ? 0 : mean;
    }

    /** The sample standard deviation, sqrt(S/(n-1)), 0 for fewer than two values (as fio). */
    double stddev() {
        return n > 1 ? Math.sqrt(s / (n - 1)) : 0;
    }

    SampleStats toSampleStats() {
        return n == 0 ? SampleStats.EMPTY : new SampleStats(min, max, mean, stddev(), (int) n);
    }
}
