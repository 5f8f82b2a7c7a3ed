package dev.jfio.report.html;

import dev.jfio.stats.HistogramText;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A latency distribution for the report's chart: counts per latency, from json+ "bins" or from a
 * histogram encoded under the "jfio" key, regrouped into {@link #PER_DECADE} log-spaced buckets
 * per decade so that a chart of any run has a few dozen points. Stateless.
 */
final class Distribution {
    static final int PER_DECADE = 20;

    private Distribution() {}

    /** From json+ bins: latency in ns (the key) to count. Null when there are none. */
    static Map<String, Object> ofBins(Map<String, Object> bins) {
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (Map.Entry<String, Object> e : bins.entrySet()) {
            try {
                long ns = Long.parseLong(e.getKey());
                if (e.getValue() instanceof Number n) {
                    counts.merge(ns, n.longValue(), Long::sum);
                }
            } catch (NumberFormatException ignored) {
                // not a bin key: fio's bins hold only latencies
            }
        }
        return counts.isEmpty() ? null : regroup(counts);
    }

    /** From a histogram as HdrHistogram's log lines encode it (compressed, base64). Null when it cannot be decoded. */
    static Map<String, Object> ofEncoded(String base64) {
        Histogram h;
        try {
            h = HistogramText.decode(base64);
        } catch (IllegalArgumentException e) {
            return null;
        }
        TreeMap<Long, Long> counts = new TreeMap<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            counts.merge(h.highestEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo(), Long::sum);
        }
        return counts.isEmpty() ? null : regroup(counts);
    }

    /** {"ns": bucket upper bounds, "count": I/Os per bucket, "cdf": percent at or below}. */
    private static Map<String, Object> regroup(TreeMap<Long, Long> counts) {
        TreeMap<Long, Long> buckets = new TreeMap<>();
        long total = 0;
        for (Map.Entry<Long, Long> e : counts.entrySet()) {
            long ns = Math.max(1, e.getKey());
            double step = Math.ceil(Math.log10(ns) * PER_DECADE);
            long upper = Math.max(ns, Math.round(Math.pow(10, step / PER_DECADE)));
            buckets.merge(upper, e.getValue(), Long::sum);
            total += e.getValue();
        }
        long[] ns = new long[buckets.size()];
        long[] count = new long[buckets.size()];
        double[] cdf = new double[buckets.size()];
        int i = 0;
        long running = 0;
        for (Map.Entry<Long, Long> e : buckets.entrySet()) {
            running += e.getValue();
            ns[i] = e.getKey();
            count[i] = e.getValue();
            cdf[i] = 100.0 * running / total;
            i++;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ns", ns);
        out.put("count", count);
        out.put("cdf", cdf);
        return out;
    }
}
