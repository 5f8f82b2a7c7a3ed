package dev.jfio.workload;

import java.util.Arrays;

/** Small statistics helpers for the distribution tests. */
final class StatsUtil {

    private StatsUtil() {}

    /** Pearson's chi-square of {@code hits} against a flat distribution of {@code total} draws. */
    static double chiSquare(int[] hits, long total) {
        double expected = (double) total / hits.length;
        double chi = 0;
        for (int h : hits) {
            chi += (h - expected) * (h - expected) / expected;
        }
        return chi;
    }

    /** The share of all hits that the most-hit {@code fraction} of the buckets took. */
    static double topShare(int[] hits, double fraction) {
        int[] sorted = hits.clone();
        Arrays.sort(sorted);
        long total = 0;
        for (int h : sorted) {
            total += h;
        }
        int top = (int) Math.round(sorted.length * fraction);
        long topHits = 0;
        for (int i = sorted.length - top; i < sorted.length; i++) {
            topHits += sorted[i];
        }
        return (double) topHits / total;
    }
}
