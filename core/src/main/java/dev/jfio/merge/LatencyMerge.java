package dev.jfio.merge;

import dev.jfio.stats.HistogramText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * One latency kind (slat_ns, clat_ns, lat_ns, sched_lat_ns) of one direction merged over job
 * entries of several ranks: N summed, min of the mins, max of the maxes, mean and standard
 * deviation pooled from the entries' (exact, as they are sums), and percentiles from the entries'
 * HdrHistograms added together: exact, clamped to the merged min and max as jfio's own reports
 * clamp them. Where an entry with samples has no histogram, the percentiles come from fio's json+
 * bins when every entry has them (approximate), else are left out. Not thread-safe; one per
 * merged kind.
 */
final class LatencyMerge {
    /** How the percentiles of a merged kind were obtained. */
    enum Source {
        /** From the added HdrHistograms. */
        EXACT,
        /** From fio's json+ bins added: fio's approximation. */
        APPROXIMATE,
        /** Not written: some entries had neither histograms nor bins. */
        ABSENT,
        /** No entry asked for percentiles. */
        NONE
    }

    private long n;
    private long min = Long.MAX_VALUE;
    private long max;
    private double sum;
    private double sumSquares;
    private final Set<String> points = new LinkedHashSet<>();
    private Histogram histogram;
    private boolean allHistograms = true;
    private final TreeMap<Long, Long> bins = new TreeMap<>();
    private boolean allBins = true;

    /**
     * Adds one entry's kind.
     *
     * @param stats the entry's latency object ({"min", "max", "mean", "stddev", "N", "percentile"...}), or null
     * @param encoded the entry's encoded histogram of this kind ("jfio"."hdr_histograms"), or null
     * @throws IllegalArgumentException when the encoded histogram cannot be decoded
     */
    void add(Map<String, Object> stats, String encoded) {
        long count = Tree.lng(stats, "N");
        Map<String, Object> pct = Tree.map(stats, "percentile");
        if (pct != null) {
            points.addAll(pct.keySet());
        }
        if (count == 0) {
            return;
        }
        double mean = Tree.num(stats, "mean");
        double sd = Tree.num(stats, "stddev");
        n += count;
        min = Math.min(min, Tree.lng(stats, "min"));
        max = Math.max(max, Tree.lng(stats, "max"));
        sum += mean * count;
        sumSquares += (count - 1) * sd * sd + count * mean * mean;
        if (encoded != null) {
            Histogram h = HistogramText.decode(encoded);
            if (histogram == null) {
                histogram = new Histogram(h.getNumberOfSignificantValueDigits());
                histogram.setAutoResize(true);
            }
            histogram.add(h);
        } else {
            allHistograms = false;
        }
        Map<String, Object> b = Tree.map(stats, "bins");
        if (b != null && !b.isEmpty()) {
            for (Map.Entry<String, Object> e : b.entrySet()) {
                bins.merge(Long.parseLong(e.getKey()), ((Number) e.getValue()).longValue(), Long::sum);
            }
        } else {
            allBins = false;
        }
    }

    /** How the percentiles were (or were not) obtained. */
    Source source() {
        if (points.isEmpty() || n == 0) {
            return Source.NONE;
        }
        if (allHistograms && histogram != null) {
            return Source.EXACT;
        }
        return allBins && !bins.isEmpty() ? Source.APPROXIMATE : Source.ABSENT;
    }

    /** The merged histogram, or null when an entry had none. */
    Histogram histogram() {
        return allHistograms && n > 0 ? histogram : null;
    }

    /** The merged latency object, in fio's key order; "percentile" per {@link #source}. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        boolean has = n > 0;
        double mean = has ? sum / n : 0;
        out.put("min", has ? min : 0L);
        out.put("max", has ? max : 0L);
        out.put("mean", mean);
        out.put("stddev", n > 1 ? Math.sqrt(Math.max(0, (sumSquares - n * mean * mean) / (n - 1))) : 0.0);
        out.put("N", n);
        Source source = source();
        if (source == Source.EXACT || source == Source.APPROXIMATE) {
            Map<String, Object> pct = new LinkedHashMap<>();
            for (String key : sortedPoints()) {
                pct.put(key, percentile(Double.parseDouble(key), source));
            }
            out.put("percentile", pct);
        }
        return out;
    }

    private List<String> sortedPoints() {
        List<String> keys = new ArrayList<>(points);
        keys.sort((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        return keys;
    }

    private long percentile(double p, Source source) {
        if (source == Source.EXACT) {
            return Math.max(min, Math.min(max, histogram.getValueAtPercentile(p)));
        }
        long total = 0;
        for (long c : bins.values()) {
            total += c;
        }
        // fio's rule (stat.c calc_clat_percentiles): the first bin whose running count reaches p of the total
        double wanted = p / 100.0 * total;
        long running = 0;
        long last = 0;
        for (Map.Entry<Long, Long> e : bins.entrySet()) {
            running += e.getValue();
            last = e.getKey();
            if (running >= wanted) {
                return last;
            }
        }
        return last;
    }
}
