package dev.jfio.stats;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;

/**
 * Compact copies of latency histograms, for what outlives the I/O loop (job results, merged
 * groups): a {@link PackedHistogram} holds only the buckets in use (a few KiB for a typical job)
 * where a dense one holds every bucket up to its largest value. Same bucket layout as the
 * recorders' (1 ns, {@link LatencyRecorder#SIGNIFICANT_DIGITS} digits), so the values, counts and
 * percentiles are the same. Recording into a packed histogram costs more than into a dense one,
 * which is why the I/O loop records densely and packs at the end.
 *
 * <p>Stateless; thread-safe (each copy belongs to its caller).
 */
final class PackedHistograms {
    private PackedHistograms() {}

    /** A packed copy of {@code h}, growing as more is added to it. */
    static Histogram copyOf(Histogram h) {
        PackedHistogram p = new PackedHistogram(LatencyRecorder.SIGNIFICANT_DIGITS);
        p.add(h);
        return p;
    }
}
