package dev.jfio.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.compare.JsonReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * The reports of a distributed run, checked against each other as the issue 17 contract says
 * they must agree: each rank's JSON (its top-level "jfio" object: rank, launcher, start time,
 * region) and {@code jfio merge}'s (fio's client-mode "client_stats" with the "All clients"
 * aggregate), whose totals are the ranks' sums and whose percentiles are those of the ranks'
 * histograms merged here independently.
 *
 * <p>Thread contract: one instance per run, used by one test thread.
 */
final class RankReports {
    private final List<Map<String, Object>> ranks = new ArrayList<>();

    RankReports(List<Path> files) throws IOException {
        for (Path f : files) {
            ranks.add(JsonReader.parseObject(Files.readString(f)));
        }
    }

    static Map<String, Object> read(Path file) throws IOException {
        return JsonReader.parseObject(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Object at(Object o, Object... path) {
        Object cur = o;
        for (Object k : path) {
            cur = k instanceof Integer ? ((List<Object>) cur).get((Integer) k) : ((Map<String, Object>) cur).get(k);
            assertNotNull(cur, "missing " + k + " of " + List.of(path));
        }
        return cur;
    }

    static long integer(Object o, Object... path) {
        return ((Number) at(o, path)).longValue();
    }

    /** A JSON array of integers (JsonReader reads every number as a double). */
    @SuppressWarnings("unchecked")
    static List<Long> integers(Object o, Object... path) {
        List<Long> out = new ArrayList<>();
        for (Object n : (List<Object>) at(o, path)) {
            out.add(((Number) n).longValue());
        }
        return out;
    }

    static Histogram decode(Object base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode((String) base64)), 0);
        } catch (DataFormatException e) {
            throw new AssertionError("not an encoded HdrHistogram: " + e.getMessage(), e);
        }
    }

    Map<String, Object> rank(int r) {
        return ranks.get(r);
    }

    int size() {
        return ranks.size();
    }

    /** Each report says which rank of how many it is, found from {@code launcher}'s variables. */
    void assertRanksFrom(String launcher) {
        for (int r = 0; r < ranks.size(); r++) {
            Object jfio = at(ranks.get(r), "jfio");
            assertEquals(r, integer(jfio, "rank"), "rank of report " + r);
            assertEquals(ranks.size(), integer(jfio, "ranks"));
            assertEquals(launcher, at(jfio, "launcher"));
            assertEquals(at(ranks.get(0), "jfio", "job_digest"), at(jfio, "job_digest"), "one job file");
            assertEquals(0L, integer(ranks.get(r), "jobs", 0, "error"), "rank " + r + " ran without error");
            assertTrue(integer(ranks.get(r), "jobs", 0, "read", "total_ios") > 0, "rank " + r + " read");
        }
    }

    /** How long after the earliest rank's I/O started the latest's did (from each rank's start_wall_ns). */
    long startSkewMs() {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (Map<String, Object> r : ranks) {
            long start = integer(r, "jfio", "start_wall_ns");
            min = Math.min(min, start);
            max = Math.max(max, start);
        }
        return (max - min) / 1_000_000;
    }

    /** The regions the ranks report tile [0, size) in rank order, without overlap. */
    void assertDisjointRegionsCovering(long size) {
        long next = 0;
        for (Map<String, Object> r : ranks) {
            Object region = at(r, "jfio", "region");
            assertEquals("disjoint", at(region, "split"));
            assertEquals(
                    next, integer(region, "offset"), "rank " + at(r, "jfio", "rank") + " starts where the last ended");
            next += integer(region, "size");
        }
        assertEquals(size, next, "the ranks' regions add up to the job's size");
    }

    /**
     * Each rank's reads (from its iolog, {@code iologs[r]}) fell inside its region, and no block
     * was read by two ranks.
     */
    void assertReadsStayedInTheirRegions(List<Path> iologs) throws IOException {
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < ranks.size(); r++) {
            long lo = integer(ranks.get(r), "jfio", "region", "offset");
            long hi = lo + integer(ranks.get(r), "jfio", "region", "size");
            Set<Long> mine = new HashSet<>();
            for (String line : Files.readAllLines(iologs.get(r))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 5 && f[2].equals("read")) {
                    long offset = Long.parseLong(f[3]);
                    long end = offset + Long.parseLong(f[4]);
                    assertTrue(
                            offset >= lo && end <= hi,
                            "rank " + r + " read " + line + " outside [" + lo + ", " + hi + ")");
                    mine.add(offset);
                }
            }
            assertTrue(mine.size() > 0, "rank " + r + " logged its reads");
            for (Long offset : mine) {
                assertTrue(!seen.contains(offset), "offset " + offset + " read by rank " + r + " and an earlier rank");
            }
            seen.addAll(mine);
        }
    }

    /** The merged report's "All clients" read entry: totals are the ranks' sums, percentiles the merged histograms'. */
    void assertMergedExactly(Map<String, Object> merged) {
        assertEquals((long) ranks.size(), integer(merged, "jfio", "merge", "ranks"));
        assertEquals(List.of(), integers(merged, "jfio", "merge", "missing"));
        assertEquals(Boolean.FALSE, at(merged, "jfio", "merge", "partial"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> clients = (List<Map<String, Object>>) at(merged, "client_stats");
        Map<String, Object> all = clients.stream()
                .filter(c -> "All clients".equals(c.get("jobname")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no \"All clients\" entry in client_stats"));
        assertEquals(ranks.size() + 1, clients.size(), "one entry per rank's job, then the aggregate");

        long ios = 0;
        long bytes = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        Histogram histogram = null;
        for (Map<String, Object> r : ranks) {
            Object read = at(r, "jobs", 0, "read");
            ios += integer(read, "total_ios");
            bytes += integer(read, "io_bytes");
            min = Math.min(min, integer(read, "clat_ns", "min"));
            max = Math.max(max, integer(read, "clat_ns", "max"));
            Histogram h = decode(at(r, "jobs", 0, "jfio", "hdr_histograms", "read", "clat_ns"));
            if (histogram == null) {
                histogram = h.copy();
                histogram.setAutoResize(true);
            } else {
                histogram.add(h);
            }
        }
        Object read = at(all, "read");
        assertEquals(ios, integer(read, "total_ios"), "merged I/Os are the ranks' sum");
        assertEquals(bytes, integer(read, "io_bytes"), "merged bytes are the ranks' sum");
        assertEquals(histogram.getTotalCount(), integer(read, "clat_ns", "N"));
        assertEquals(min, integer(read, "clat_ns", "min"));
        assertEquals(max, integer(read, "clat_ns", "max"));
        @SuppressWarnings("unchecked")
        Map<String, Object> percentiles = (Map<String, Object>) at(read, "clat_ns", "percentile");
        assertTrue(percentiles.size() >= 10, "fio's percentile list: " + percentiles.keySet());
        for (Map.Entry<String, Object> p : percentiles.entrySet()) {
            long expected =
                    Math.max(min, Math.min(max, histogram.getValueAtPercentile(Double.parseDouble(p.getKey()))));
            assertEquals(expected, ((Number) p.getValue()).longValue(), "p" + p.getKey() + " of the merged histograms");
        }
    }
}
