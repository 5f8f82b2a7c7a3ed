package dev.jfio.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jfio.stats.HistogramText;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyMergeTest {
    /** A latency object as a rank writes it, from its samples. */
    private static Map<String, Object> stats(long[] samples, boolean bins) {
        double mean = 0;
        for (long s : samples) {
            mean += s;
        }
        mean /= samples.length;
        double ss = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long s : samples) {
            ss += (s - mean) * (s - mean);
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("min", min);
        m.put("max", max);
        m.put("mean", mean);
        m.put("stddev", Math.sqrt(ss / (samples.length - 1)));
        m.put("N", (long) samples.length);
        m.put("percentile", Map.of("50.000000", 0L, "99.000000", 0L));
        if (bins) {
            Map<String, Object> b = new LinkedHashMap<>();
            for (long s : samples) {
                b.merge(Long.toString(s), 1L, (x, y) -> (Long) x + (Long) y);
            }
            m.put("bins", b);
        }
        return m;
    }

    private static String encoded(long[] samples) {
        Histogram h = new Histogram(3);
        for (long s : samples) {
            h.recordValue(s);
        }
        return HistogramText.encode(h);
    }

    @Test
    void poolsCountMinMaxMeanAndDeviationAsOneSampleWould() {
        long[] a = {100, 200, 300, 400};
        long[] b = {1000, 1100, 5000};
        LatencyMerge m = new LatencyMerge();
        m.add(stats(a, false), encoded(a));
        m.add(stats(b, false), encoded(b));
        long[] all = {100, 200, 300, 400, 1000, 1100, 5000};
        Map<String, Object> one = stats(all, false);
        Map<String, Object> merged = m.json();
        assertEquals(7L, merged.get("N"));
        assertEquals(100L, merged.get("min"));
        assertEquals(5000L, merged.get("max"));
        assertEquals((Double) one.get("mean"), (Double) merged.get("mean"), 1e-9);
        assertEquals((Double) one.get("stddev"), (Double) merged.get("stddev"), 1e-9);
        assertEquals(LatencyMerge.Source.EXACT, m.source());
        Map<?, ?> pct = (Map<?, ?>) merged.get("percentile");
        assertEquals(400L, pct.get("50.000000")); // the 4th of the 7 values, sorted
        assertEquals(5000L, pct.get("99.000000"));
    }

    @Test
    void withoutAHistogramUsesFioBinsAndSaysSo() {
        long[] a = {10, 20, 30};
        long[] b = {40, 50, 60, 70};
        LatencyMerge m = new LatencyMerge();
        m.add(stats(a, true), encoded(a));
        m.add(stats(b, true), null);
        assertEquals(LatencyMerge.Source.APPROXIMATE, m.source());
        Map<?, ?> pct = (Map<?, ?>) m.json().get("percentile");
        assertEquals(40L, pct.get("50.000000")); // running count reaches 3.5 of 7 at the bin of 40
        assertEquals(null, m.histogram());
    }

    @Test
    void withNeitherHistogramNorBinsLeavesPercentilesOut() {
        long[] a = {10, 20, 30};
        LatencyMerge m = new LatencyMerge();
        m.add(stats(a, false), encoded(a));
        m.add(stats(a, false), null);
        assertEquals(LatencyMerge.Source.ABSENT, m.source());
        assertFalse(m.json().containsKey("percentile"));
    }
}
