package dev.jfio.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.compare.JsonReader;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfio merge} of three real ranks: sums, exact percentiles, aligned series, fio's client-mode keys. */
class MergeAggregateTest {
    private static final String[] DIRS = {"read", "write"};

    @TempDir
    static Path dir;

    static List<Path> ranks = new ArrayList<>();
    static List<Object> rankDocs = new ArrayList<>();
    static Object merged;
    static RankRuns.Merge result;

    @BeforeAll
    static void mergeThreeRanks() throws IOException {
        for (int r = 0; r < 3; r++) {
            Path p = RankRuns.run(dir, r, 3, "json");
            ranks.add(p);
            rankDocs.add(MiniJson.parse(Files.readString(p)));
        }
        Path out = dir.resolve("all.json");
        result = RankRuns.merge(ranks.get(2), ranks.get(0), ranks.get(1), "-o", out);
        merged = MiniJson.parse(Files.readString(out));
    }

    private static List<?> clients() {
        return (List<?>) MiniJson.at(merged, "client_stats");
    }

    private static Object aggregate() {
        Object found = null;
        for (Object e : clients()) {
            if ("All clients".equals(MiniJson.at(e, "jobname"))) {
                assertEquals(null, found, "one aggregate for the one group");
                found = e;
            }
        }
        assertNotNull(found, "an \"All clients\" entry");
        return found;
    }

    private static List<Object> rankJobs() {
        List<Object> jobs = new ArrayList<>();
        for (Object doc : rankDocs) {
            jobs.addAll((List<?>) MiniJson.at(doc, "jobs"));
        }
        return jobs;
    }

    @Test
    void mergesSilentlyWithExitZeroWhenEveryRankIsThere() {
        assertEquals(0, result.exit(), result.err());
        assertEquals("", result.err());
        assertEquals(Boolean.FALSE, MiniJson.at(merged, "jfio", "merge", "partial"));
        assertEquals(List.of(num(0), num(1), num(2)), MiniJson.at(merged, "jfio", "merge", "present"));
        assertEquals(List.of(), MiniJson.at(merged, "jfio", "merge", "missing"));
        assertEquals("exact", MiniJson.at(merged, "jfio", "merge", "percentiles"));
    }

    @Test
    void listsEachRanksJobsInRankOrderWithHostAndRank() {
        List<?> clients = clients();
        assertEquals(7, clients.size(), "3 ranks x 2 jobs, then the aggregate");
        for (int i = 0; i < 6; i++) {
            assertEquals(num(i / 2), MiniJson.at(clients.get(i), "rank"));
            assertEquals("host-" + i / 2, MiniJson.at(clients.get(i), "hostname"));
            assertEquals(i % 2 == 0 ? "job-a" : "job-b", MiniJson.at(clients.get(i), "jobname"));
        }
    }

    @Test
    void totalsAreTheSumsOfTheRanksAndRatesTheSumsOfTheRanksGroupRates() {
        Object all = aggregate();
        for (String d : DIRS) {
            long ios = 0;
            long bytes = 0;
            double iops = 0;
            long bw = 0;
            for (Object doc : rankDocs) {
                long rankIos = 0;
                long rankBytes = 0;
                long runtime = 0;
                for (Object job : (List<?>) MiniJson.at(doc, "jobs")) {
                    rankIos += MiniJson.integer(job, d, "total_ios");
                    rankBytes += MiniJson.integer(job, d, "io_bytes");
                    runtime = Math.max(runtime, MiniJson.integer(job, d, "runtime"));
                }
                ios += rankIos;
                bytes += rankBytes;
                iops += 1000.0 * rankIos / runtime;
                bw += 1000 * rankBytes / runtime;
            }
            assertTrue(ios > 0, d);
            assertEquals(ios, MiniJson.integer(all, d, "total_ios"), d);
            assertEquals(ios, MiniJson.integer(all, d, "clat_ns", "N"), d);
            assertEquals(bytes, MiniJson.integer(all, d, "io_bytes"), d);
            assertEquals(iops, MiniJson.number(all, d, "iops"), 1e-5, d);
            assertEquals(bw, MiniJson.integer(all, d, "bw_bytes"), d);
        }
        assertEquals(num(6), MiniJson.at(all, "jfio", "jobs"));
    }

    @Test
    void percentilesAreThoseOfTheRanksHistogramsAddedIndependently() {
        Object all = aggregate();
        for (String d : DIRS) {
            for (String kind : new String[] {"clat_ns", "lat_ns"}) {
                Histogram added = null;
                long min = Long.MAX_VALUE;
                long max = 0;
                for (Object job : rankJobs()) {
                    String encoded = (String) MiniJson.at(job, "jfio", "hdr_histograms", d, kind);
                    Histogram h;
                    try {
                        h = Histogram.decodeFromCompressedByteBuffer(
                                ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
                    } catch (java.util.zip.DataFormatException e) {
                        throw new AssertionError(e);
                    }
                    if (added == null) {
                        added = new Histogram(h.getNumberOfSignificantValueDigits());
                        added.setAutoResize(true);
                    }
                    added.add(h);
                    min = Math.min(min, MiniJson.integer(job, d, kind, "min"));
                    max = Math.max(max, MiniJson.integer(job, d, kind, "max"));
                }
                assertEquals(min, MiniJson.integer(all, d, kind, "min"));
                assertEquals(max, MiniJson.integer(all, d, kind, "max"));
                @SuppressWarnings("unchecked")
                Map<String, Object> pct = (Map<String, Object>) MiniJson.at(all, d, "clat_ns", "percentile");
                if (kind.equals("clat_ns")) {
                    assertTrue(pct.containsKey("99.990000"), pct.toString());
                    for (String key : pct.keySet()) {
                        long expected =
                                Math.max(min, Math.min(max, added.getValueAtPercentile(Double.parseDouble(key))));
                        assertEquals(expected, MiniJson.integer(all, d, kind, "percentile", key), d + " " + key);
                    }
                }
                assertEquals(
                        added.getTotalCount(),
                        decode((String) MiniJson.at(all, "jfio", "hdr_histograms", d, kind))
                                .getTotalCount());
            }
        }
    }

    /** Where a rank's job's series starts on the wall clock (ns): its zero_wall_ns, else (older results) timestamp_ms. */
    private static long zeroWallNanos(Object doc, Object job) {
        @SuppressWarnings("unchecked")
        Map<String, Object> series = (Map<String, Object>) MiniJson.at(job, "jfio", "series");
        return series.containsKey("zero_wall_ns")
                ? MiniJson.integer(series, "zero_wall_ns")
                : MiniJson.integer(doc, "timestamp_ms") * 1_000_000L;
    }

    @Test
    void seriesIsSummedPerIntervalOnTheWallClock() {
        Object all = aggregate();
        assertEquals(100, MiniJson.integer(all, "jfio", "series", "interval_ms"));
        long firstWall = Long.MAX_VALUE;
        long ios = 0;
        boolean allZeros = true;
        for (Object doc : rankDocs) {
            for (Object job : (List<?>) MiniJson.at(doc, "jobs")) {
                allZeros &= ((Map<?, ?>) MiniJson.at(job, "jfio", "series")).containsKey("zero_wall_ns");
                firstWall = Math.min(
                        firstWall,
                        zeroWallNanos(doc, job) + 1_000_000L * MiniJson.integer(job, "jfio", "series", "start_ms", 0));
                for (Object n : (List<?>) MiniJson.at(job, "jfio", "series", "read", "ios")) {
                    ios += Long.parseLong(((MiniJson.Num) n).text());
                }
            }
        }
        assertEquals(firstWall, MiniJson.integer(all, "jfio", "series", "zero_wall_ns"));
        assertEquals(allZeros ? "zero_wall_ns" : "timestamp_ms", MiniJson.at(all, "jfio", "series", "aligned_by"));
        List<?> start = (List<?>) MiniJson.at(all, "jfio", "series", "start_ms");
        assertEquals(num(0), start.get(0));
        long mergedIos = 0;
        for (Object n : (List<?>) MiniJson.at(all, "jfio", "series", "read", "ios")) {
            mergedIos += Long.parseLong(((MiniJson.Num) n).text());
        }
        assertEquals(ios, mergedIos);
        // the ranks ran one after another: their points fall in different intervals of the merged grid
        assertTrue(start.size() > 4, start.toString());
    }

    @Test
    void seriesPointsLandInTheIntervalOfTheirWallClockTime() throws IOException {
        // rank 0's result twice, its series placed on the wall clock at Z and (as rank 1) at Z + 270 ms
        String text = Files.readString(ranks.get(0))
                .replaceAll(",\\s*\"jfio\" : \\{\"rank\"[^}]*}", "")
                .replaceAll("\"zero_wall_ns\" : \\d+,\\s*", "");
        long zero = 1_796_000_000_123_456_789L;
        Path r0 = RankRuns.withRankObject(
                dir.resolve("r0-of-2.json"),
                text.replace("\"interval_ms\" : 100,", "\"interval_ms\" : 100, \"zero_wall_ns\" : " + zero + ","),
                0,
                2,
                RankRuns.DIGEST,
                1);
        Path r1 = RankRuns.withRankObject(
                dir.resolve("shifted.json"),
                text.replace(
                        "\"interval_ms\" : 100,",
                        "\"interval_ms\" : 100, \"zero_wall_ns\" : " + (zero + 270_000_000L) + ","),
                1,
                2,
                RankRuns.DIGEST,
                1);
        Path out = dir.resolve("shifted-all.json");
        assertEquals(0, RankRuns.merge(r0, r1, "-o", out).exit());
        Object doc = MiniJson.parse(Files.readString(out));
        // each point goes to the interval nearest its start: rank 0's at start_ms, rank 1's at start_ms + 270
        long[] expected = new long[64];
        int intervals = 0;
        for (Object job : (List<?>) MiniJson.at(rankDocs.get(0), "jobs")) {
            List<?> ios = (List<?>) MiniJson.at(job, "jfio", "series", "read", "ios");
            List<?> start = (List<?>) MiniJson.at(job, "jfio", "series", "start_ms");
            assertEquals(num(0), start.get(0));
            for (int i = 0; i < ios.size(); i++) {
                long at = Long.parseLong(((MiniJson.Num) start.get(i)).text());
                long n = Long.parseLong(((MiniJson.Num) ios.get(i)).text());
                expected[(int) ((at + 50) / 100)] += n;
                expected[(int) ((at + 270 + 50) / 100)] += n;
                intervals = Math.max(intervals, (int) ((at + 270 + 50) / 100) + 1);
            }
        }
        assertEquals(zero, MiniJson.integer(doc, "client_stats", 4, "jfio", "series", "zero_wall_ns"));
        List<?> merged = (List<?>) MiniJson.at(doc, "client_stats", 4, "jfio", "series", "read", "ios");
        assertEquals(intervals, merged.size());
        for (int i = 0; i < merged.size(); i++) {
            assertEquals(expected[i], Long.parseLong(((MiniJson.Num) merged.get(i)).text()), "interval " + i);
        }
    }

    @Test
    void startSkewIsEachRanksStartAfterTheEarliestToTheNanosecond() {
        long[] start = new long[3];
        long earliest = Long.MAX_VALUE;
        for (int r = 0; r < 3; r++) {
            start[r] = RankRuns.startWallNanos(MiniJson.integer(rankDocs.get(r), "timestamp_ms"), r);
            assertEquals(start[r], MiniJson.integer(rankDocs.get(r), "jfio", "start_wall_ns"));
            earliest = Math.min(earliest, start[r]);
        }
        double max = 0;
        for (int r = 0; r < 3; r++) {
            double expected = (start[r] - earliest) / 1e6;
            max = Math.max(max, expected);
            assertEquals(
                    expected, MiniJson.number(merged, "jfio", "merge", "start_skew_ms", Integer.toString(r)), 1e-6);
            assertEquals(start[r], MiniJson.integer(merged, "jfio", "merge", "files", r, "start_wall_ns"));
        }
        assertEquals(max, MiniJson.number(merged, "jfio", "merge", "max_start_skew_ms"), 1e-6);
    }

    @Test
    void hasTheKeysOfFioClientModeJson() throws IOException {
        Map<String, Object> fio;
        try (InputStream in = getClass().getResourceAsStream("/merge/fio-3.33-client-2servers-2jobs.json")) {
            assertNotNull(in, "the captured fio --client output");
            fio = JsonReader.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> ours = (Map<String, Object>) merged;
        assertContains(fio.keySet(), ours.keySet(), "top level");
        List<?> fioClients = (List<?>) fio.get("client_stats");
        Map<?, ?> fioAll = (Map<?, ?>) fioClients.get(fioClients.size() - 1);
        assertEquals("All clients", fioAll.get("jobname"));
        Map<?, ?> fioClient = (Map<?, ?>) fioClients.get(0);
        Map<?, ?> ourAll = (Map<?, ?>) aggregate();
        Map<?, ?> ourClient = (Map<?, ?>) clients().get(0);
        assertContains(fioAll.keySet(), ourAll.keySet(), "All clients");
        assertContains(fioClient.keySet(), ourClient.keySet(), "a client's job");
        for (String d : new String[] {"read", "write", "trim"}) {
            assertContains(((Map<?, ?>) fioAll.get(d)).keySet(), ((Map<?, ?>) ourAll.get(d)).keySet(), d);
            assertContains(
                    ((Map<?, ?>) ((Map<?, ?>) fioAll.get(d)).get("clat_ns")).keySet(),
                    ((Map<?, ?>) ((Map<?, ?>) ourAll.get(d)).get("clat_ns")).keySet(),
                    d + " clat_ns");
        }
        assertContains(((Map<?, ?>) fioAll.get("sync")).keySet(), ((Map<?, ?>) ourAll.get("sync")).keySet(), "sync");
        assertFalse(ourAll.containsKey("rank"), "the aggregate is no rank's");
    }

    private static void assertContains(Set<?> fio, Set<?> ours, String where) {
        Set<Object> lacking = new HashSet<>(fio);
        lacking.removeAll(ours);
        assertEquals(Set.of(), lacking, where + ": fio's keys jfio merge lacks");
    }

    private static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    private static MiniJson.Num num(long n) {
        return new MiniJson.Num(Long.toString(n));
    }
}
