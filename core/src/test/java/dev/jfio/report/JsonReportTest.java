package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.stats.RunResult;
import dev.jfio.testing.MiniJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    /** A leaf of a parsed document: its path of keys and indexes, and its text as written. */
    record Leaf(String path, String text) {}

    static List<Leaf> flatten(Object json) {
        List<Leaf> out = new ArrayList<>();
        flatten(json, "", out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(Object v, String path, List<Leaf> out) {
        if (v instanceof Map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                flatten(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (v instanceof List) {
            List<Object> l = (List<Object>) v;
            for (int i = 0; i < l.size(); i++) {
                flatten(l.get(i), path + "/" + i, out);
            }
        } else if (v instanceof MiniJson.Num) {
            out.add(new Leaf(path, ((MiniJson.Num) v).text()));
        } else {
            out.add(new Leaf(path, "\"" + v + "\""));
        }
    }

    private static List<String> paths(List<Leaf> leaves) {
        List<String> p = new ArrayList<>();
        for (Leaf l : leaves) {
            p.add(l.path());
        }
        return p;
    }

    /**
     * Same keys in the same order as fio's document, and the same value text for every leaf
     * except the ones named; the "jfio" object of each job is jfio's alone.
     */
    private static void assertLikeFio(String fioName, String actual, Set<String> skip, String skipPrefix) {
        List<Leaf> fio = flatten(MiniJson.parse(Golden.resource(fioName)));
        // jfio's own data (the encoded histograms, the series) sits under "jfio", which fio does not have
        List<Leaf> ours = flatten(MiniJson.parse(actual)).stream()
                .filter(l -> !l.path().matches("/jobs/\\d+/jfio/.*"))
                .toList();
        assertEquals(paths(fio), paths(ours), "key paths and order");
        for (int i = 0; i < fio.size(); i++) {
            String path = fio.get(i).path();
            if (skip.contains(path) || (skipPrefix != null && path.matches(skipPrefix))) {
                continue;
            }
            assertEquals(fio.get(i).text(), ours.get(i).text(), path);
        }
    }

    private static String renderUnderLocales(RunResult run, ReportFormat f) {
        String first = null;
        for (Locale l : Golden.LOCALES) {
            String out = Golden.underLocale(l, () -> Golden.render(run, f));
            if (first == null) {
                first = out;
            }
            assertEquals(first, out, "output under " + l);
        }
        return first;
    }

    @Test
    void nullRandrwJsonHasFiosKeysAndValues() {
        String out = renderUnderLocales(Fixtures.nullJson(), ReportFormat.JSON);
        assertEquals(Golden.golden("jfio-null-randrw.json", out), out);
        // fio's eta is INT_MAX for a job whose size-based ETA it could not compute; jfio has no ETA
        assertLikeFio("fio-3.33-null-randrw.json", out, Set.of("/fio version", "/jobs/0/eta"), null);
        assertTrue(out.startsWith("{\n  \"fio version\" : \"jfio-0.1.0\",\n"), out);
    }

    @Test
    void nbdGroupJsonHasFiosKeysAndValuesExceptHistogramPercentiles() {
        String out = renderUnderLocales(Fixtures.nbdJson(), ReportFormat.JSON);
        assertEquals(Golden.golden("jfio-nbd-2jobs-group.json", out), out);
        // fio's percentiles are its own bucket midpoints; jfio's come from HdrHistogram
        assertLikeFio(
                "fio-3.33-nbd-2jobs-group.json",
                out,
                Set.of("/fio version"),
                "/jobs/0/(read|write)/clat_ns/percentile/.*");
    }

    @Test
    void jsonPlusBinsAreFiosOnFiosOwnGrid() {
        String out = renderUnderLocales(Fixtures.nullJsonPlus(), ReportFormat.JSON_PLUS);
        assertEquals(Golden.golden("jfio-null-randrw.jsonplus.json", out), out);
        // the top sample (8518 ns) sits in fio's 8480..8543 bin, keyed by fio's midpoint 8512
        assertLikeFio("fio-3.33-null-randrw.jsonplus.json", out, Set.of("/fio version", "/jobs/0/eta"), null);
        assertTrue(out.contains("\"8512\" : 1\n"), out);
    }

    @Test
    void drainTimeoutOfAJobWithRuntimeSitsUnderJfio() {
        JobFixture j = new JobFixture();
        j.drainTimeoutMillis = 5000;
        String out = Golden.render(
                new RunResult("jfio-0.1.0", 0, Map.of(), List.of(j.build()), List.of()), ReportFormat.JSON);
        assertEquals(5000L, MiniJson.integer(MiniJson.parse(out), "jobs", 0, "jfio", "drain_timeout_ms"));
        JobFixture untimed = new JobFixture();
        out = Golden.render(
                new RunResult("jfio-0.1.0", 0, Map.of(), List.of(untimed.build()), List.of()), ReportFormat.JSON);
        assertFalse(out.contains("drain_timeout_ms"), out);
    }

    @Test
    void plainJsonHasNoBins() {
        String out = Golden.render(Fixtures.nullJsonPlus(), ReportFormat.JSON);
        assertTrue(!out.contains("\"bins\""), out);
    }

    @Test
    void jfioDataSitsUnderKeysFioDoesNotUse() {
        String out = Golden.render(NormalReportTest.withExtras(Fixtures.nbdNormal()), ReportFormat.JSON_PLUS);
        assertEquals(Golden.golden("jfio-extras.jsonplus.json", out), out);
        List<String> paths = paths(flatten(MiniJson.parse(out)));
        int lat = paths.indexOf("/jobs/0/read/lat_ns/N");
        assertEquals("/jobs/0/read/sched_lat_ns/min", paths.get(lat + 1));
        assertTrue(paths.contains("/jobs/0/read/sched_lat_ns/percentile/99.990000"));
        // the max, 30 ms, sits in fio's bin keyed 30015488
        assertTrue(paths.contains("/jobs/0/read/sched_lat_ns/bins/30015488"), "the top bin on fio's grid");
        assertTrue(paths.contains("/jobs/0/jfio/engine/export_size"));
        assertTrue(paths.contains("/jobs/0/jfio/notes/0"));
        assertTrue(paths.contains("/jobs/0/jfio/error_message"));
        assertTrue(out.contains("\"error\" : 5,"), out);
    }

    @Test
    void percentileValuesNeverExceedTheMax() {
        Map<?, ?> doc = (Map<?, ?>) MiniJson.parse(Golden.render(Fixtures.nbdJson(), ReportFormat.JSON));
        Map<?, ?> read = (Map<?, ?>) ((Map<?, ?>) ((List<?>) doc.get("jobs")).get(0)).get("read");
        Map<?, ?> clat = (Map<?, ?>) read.get("clat_ns");
        long max = Long.parseLong(((MiniJson.Num) clat.get("max")).text());
        for (Object v : ((Map<?, ?>) clat.get("percentile")).values()) {
            assertTrue(Long.parseLong(((MiniJson.Num) v).text()) <= max, v.toString());
        }
    }

    @Test
    void stringsAreEscapedIntoValidJson() {
        StringBuilder sb = new StringBuilder();
        JsonWriter w = new JsonWriter(sb);
        w.beginObject()
                .value("a\"b", "q\"uote \\ back\nline\ttab\u0001")
                .beginArray("list")
                .value("x")
                .endArray()
                .endObject()
                .finish();
        Map<?, ?> m = (Map<?, ?>) MiniJson.parse(sb.toString());
        assertEquals("q\"uote \\ back\nline\ttab\u0001", m.get("a\"b"));
        assertEquals(
                "{\n  \"a\\\"b\" : \"q\\\"uote \\\\ back\\nline\\ttab\\u0001\",\n  \"list\" : [\n    \"x\"\n  ]\n}\n",
                sb.toString());
    }

    @Test
    void globalOptionsAreOmittedWhenEmptyLikeFio() {
        String out = Golden.render(Fixtures.nullJson(), ReportFormat.JSON);
        assertTrue(!out.contains("global options"), out);
        assertTrue(Golden.render(Fixtures.nbdJson(), ReportFormat.JSON).contains("\"global options\" : {"));
    }
}
