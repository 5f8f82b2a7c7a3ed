package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.compare.Compare;
import dev.jfio.compare.JsonReader;
import dev.jfio.testing.JfioRun;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON reports' "jfio" key: each direction's latency histograms, encoded as in HdrHistogram's
 * log format, decode to exactly what the report's figures come from, so two runs merge exactly;
 * its time series adds up to the run's I/Os; and fio's tools and {@code jfio compare} still read
 * the report.
 */
class JfioJsonKeyTest {
    @TempDir
    Path dir;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = ((Map<String, Object>) cur).get(k);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> job(String json) {
        return (Map<String, Object>)
                ((List<Object>) JsonReader.parseObject(json).get("jobs")).get(0);
    }

    private static Histogram decode(Object base64) throws Exception {
        return Histogram.decodeFromCompressedByteBuffer(
                ByteBuffer.wrap(Base64.getDecoder().decode((String) base64)), 0);
    }

    private Path run(String name, String format) throws Exception {
        JfioRun r = JfioRun.run(
                "--name=" + name,
                "--ioengine=null",
                "--rw=randrw",
                "--bs=4k",
                "--size=32m",
                "--output-format=" + format);
        assertEquals(0, r.exit(), r.toString());
        return Files.writeString(dir.resolve(name + ".json"), r.out());
    }

    @Test
    void theEncodedHistogramsAreTheOnesTheFiguresComeFrom() throws Exception {
        Map<String, Object> job = job(Files.readString(run("a", "json")));
        for (String d : List.of("read", "write")) {
            Map<String, Object> clat = obj(job, d, "clat_ns");
            Histogram h = decode(obj(job, "jfio", "hdr_histograms", d).get("clat_ns"));
            assertEquals(((Number) clat.get("N")).longValue(), h.getTotalCount(), d);
            long min = ((Number) clat.get("min")).longValue();
            long max = ((Number) clat.get("max")).longValue();
            for (String p : List.of("50.000000", "99.000000", "99.990000")) {
                long expected = ((Number) obj(clat, "percentile").get(p)).longValue();
                long decoded = Math.max(min, Math.min(max, h.getValueAtPercentile(Double.parseDouble(p))));
                assertEquals(expected, decoded, d + " p" + p);
            }
            Histogram lat = decode(obj(job, "jfio", "hdr_histograms", d).get("lat_ns"));
            assertEquals(((Number) obj(job, d, "lat_ns").get("N")).longValue(), lat.getTotalCount());
        }
    }

    @Test
    void twoRunsMergeExactlyFromTheirEncodedHistograms() throws Exception {
        Map<String, Object> a = job(Files.readString(run("a", "json")));
        Map<String, Object> b = job(Files.readString(run("b", "json")));
        Histogram merged = decode(obj(a, "jfio", "hdr_histograms", "read").get("clat_ns"));
        merged.add(decode(obj(b, "jfio", "hdr_histograms", "read").get("clat_ns")));
        long n = ((Number) obj(a, "read", "clat_ns").get("N")).longValue()
                + ((Number) obj(b, "read", "clat_ns").get("N")).longValue();
        assertEquals(n, merged.getTotalCount());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSeriesAddsUpToTheRunsIos() throws Exception {
        Map<String, Object> job = job(Files.readString(run("a", "json+")));
        Map<String, Object> series = obj(job, "jfio", "series");
        assertEquals(1000, ((Number) series.get("interval_ms")).longValue());
        for (String d : List.of("read", "write")) {
            long ios = 0;
            for (Object v : (List<Object>) obj(series, d).get("ios")) {
                ios += ((Number) v).longValue();
            }
            assertEquals(((Number) obj(job, d).get("total_ios")).longValue(), ios, d);
        }
    }

    @Test
    void fiosJsonplusClat2csvAndJfioCompareReadTheReport() throws Exception {
        Path a = run("a", "json+");
        Path b = run("b", "json+");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Compare.run(
                List.of(a.toString(), b.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertEquals(0, status);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("IOPS"), out.toString(StandardCharsets.UTF_8));
        requireBinary("fio_jsonplus_clat2csv", "fio");
        Process p = new ProcessBuilder(
                        "fio_jsonplus_clat2csv",
                        a.toString(),
                        dir.resolve("csv").toString())
                .redirectErrorStream(true)
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), said);
        List<String> csv = Files.readAllLines(dir.resolve("csv_job0"));
        assertTrue(csv.get(0).contains("read_clat_ns_count"), csv.get(0));
        // a row per latency bin with samples (fio's grid: a null job's few hundred ns span a handful)
        java.util.Set<String> bins = new java.util.TreeSet<>();
        Map<String, Object> job = job(Files.readString(a));
        for (String dir : List.of("read", "write")) {
            for (String kind : List.of("slat_ns", "clat_ns", "lat_ns")) {
                Map<String, Object> latency = obj(job, dir, kind);
                if (latency != null && latency.get("bins") != null) {
                    bins.addAll(obj(latency, "bins").keySet());
                }
            }
        }
        assertTrue(bins.size() >= 2, bins.toString());
        assertEquals(bins.size() + 1, csv.size(), String.join("\n", csv));
    }

    private static void requireBinary(String binary, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return;
            }
        }
        String message = binary + " is not installed (Debian package " + pkg + ")";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }
}
