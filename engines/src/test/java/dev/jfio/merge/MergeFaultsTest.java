package dev.jfio.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jfio merge} of incomplete or inconsistent ranks: partial marking, refusals, one-line errors. */
class MergeFaultsTest {
    @TempDir
    static Path ranks;

    @TempDir
    Path dir;

    static Path r0;
    static Path r1;
    static Path r2;

    @BeforeAll
    static void runThreeRanks() throws IOException {
        r0 = RankRuns.run(ranks, 0, 3, "json");
        r1 = RankRuns.run(ranks, 1, 3, "json");
        r2 = RankRuns.run(ranks, 2, 3, "json");
    }

    private static Object parse(Path p) throws IOException {
        return MiniJson.parse(Files.readString(p));
    }

    private static MiniJson.Num num(long n) {
        return new MiniJson.Num(Long.toString(n));
    }

    @Test
    void aMissingRankMarksTheAggregatePartialNamesItAndExitsTwoWithTheReportWritten() throws IOException {
        Path out = dir.resolve("all.json");
        RankRuns.Merge m = RankRuns.merge(r0, r2, "-o", out);
        assertEquals(2, m.exit(), m.err());
        assertEquals(1, m.errLines().size(), m.err());
        assertTrue(m.err().contains("partial: rank 1 missing"), m.err());
        assertTrue(m.err().contains("covers ranks 0,2 of 3"), m.err());
        Object all = parse(out);
        assertEquals(Boolean.TRUE, MiniJson.at(all, "jfio", "merge", "partial"));
        assertEquals(List.of(num(1)), MiniJson.at(all, "jfio", "merge", "missing"));
        assertEquals(List.of(num(0), num(2)), MiniJson.at(all, "jfio", "merge", "present"));
    }

    @Test
    void aRankWhoseJobFailedIsMergedButMarkedFailed() throws IOException {
        Path raw = dir.resolve("raw.json");
        // a real job error: fio's psync cannot write at an offset of /proc/version (ESPIPE)
        JfioRun run = JfioRun.run(
                "--output-format=json",
                "--output=" + raw,
                "--name=job-a",
                "--ioengine=psync",
                "--filename=/proc/version",
                "--rw=write",
                "--size=4k");
        assertEquals(1, run.exit(), run.err());
        Path failed = RankRuns.withRankObject(
                dir.resolve("r1.json"), Files.readString(raw), 1, 3, RankRuns.DIGEST, System.nanoTime());
        Path out = dir.resolve("all.json");
        RankRuns.Merge m = RankRuns.merge(r0, failed, r2, "-o", out);
        assertEquals(2, m.exit(), m.err());
        assertEquals(1, m.errLines().size(), m.err());
        assertTrue(m.err().contains("rank 1 failed (r1.json: job-a (error 29))"), m.err());
        Object all = parse(out);
        assertEquals(List.of(num(1)), MiniJson.at(all, "jfio", "merge", "failed"));
        assertEquals(Boolean.TRUE, MiniJson.at(all, "jfio", "merge", "partial"));
    }

    @Test
    void aTruncatedFileIsNamedOnOneLineAndCountsAsAFailedRank() throws IOException {
        String text = Files.readString(r1);
        Path cut = Files.writeString(dir.resolve("r1-cut.json"), text.substring(0, text.length() / 2));
        Path out = dir.resolve("all.json");
        RankRuns.Merge m = RankRuns.merge(r0, cut, r2, "-o", out);
        assertEquals(2, m.exit(), m.err());
        List<String> lines = m.errLines();
        assertEquals(2, lines.size(), m.err());
        assertTrue(
                lines.get(0).startsWith("jfio merge: " + cut + ": not a whole JSON report (truncated?)"), lines.get(0));
        assertTrue(lines.get(1).contains("failed (r1-cut.json unreadable)"), lines.get(1));
        Object all = parse(out);
        assertEquals(List.of(num(1)), MiniJson.at(all, "jfio", "merge", "failed"));
        assertEquals(List.of(), MiniJson.at(all, "jfio", "merge", "missing"));
    }

    @Test
    void differentJobDigestsAreRefusedNamingBothRanksUnlessAllowed() throws IOException {
        Path other = RankRuns.withRankObject(
                dir.resolve("r2.json"),
                Files.readString(r2).replaceAll(",\\s*\"jfio\" : \\{\"rank\"[^}]*}", ""),
                2,
                3,
                "sha256:fedcba",
                System.nanoTime());
        assertFalse(Files.readString(other).contains(RankRuns.DIGEST));
        Path out = dir.resolve("all.json");
        RankRuns.Merge m = RankRuns.merge(r0, r1, other, "-o", out);
        assertEquals(1, m.exit());
        assertEquals(
                List.of("jfio merge: rank 0 (r0.json) and rank 2 (r2.json) ran different jobs (job_digest "
                        + RankRuns.DIGEST + " vs sha256:fedcba); --allow-mismatch merges them anyway"),
                m.errLines());
        assertFalse(Files.exists(out), "no merge");
        RankRuns.Merge allowed = RankRuns.merge(r0, r1, other, "--allow-mismatch", "-o", out);
        assertEquals(0, allowed.exit(), allowed.err());
        assertEquals("mismatch", MiniJson.at(parse(out), "jfio", "merge", "job_digest"));
    }

    @Test
    void aRankGivenTwiceIsRefused() {
        RankRuns.Merge m = RankRuns.merge(r0, r1, r1);
        assertEquals(1, m.exit());
        assertEquals(
                List.of("jfio merge: " + r1 + " and " + r1 + " are both rank 1: give each rank's file once"),
                m.errLines());
    }

    @Test
    void filesWithoutRankObjectsAreRanksByPosition() throws IOException {
        Path a = Files.writeString(dir.resolve("a.json"), Files.readString(ranks.resolve("raw0.json")));
        Path b = Files.writeString(dir.resolve("b.json"), Files.readString(ranks.resolve("raw1.json")));
        RankRuns.Merge m = RankRuns.merge(a, b);
        assertEquals(0, m.exit(), m.err());
        Object all = MiniJson.parse(m.out());
        assertEquals(num(2), MiniJson.at(all, "jfio", "merge", "ranks"));
        assertEquals("b.json", MiniJson.at(all, "client_stats", 2, "hostname"));
        assertEquals(num(1), MiniJson.at(all, "client_stats", 2, "rank"));
    }

    @Test
    void withoutHistogramsPercentilesComeFromFioBinsAndAreMarkedApproximate() throws IOException {
        Path plus0 = RankRuns.run(dir, 0, 2, "json+");
        Path plus1 = RankRuns.run(dir, 1, 2, "json+");
        // rank 1 as fio would write it: no "jfio" key in its jobs, so no exact histograms
        String stripped = Files.readString(plus1).replaceAll("\"hdr_histograms\" : \\{", "\"no_histograms\" : {");
        Files.writeString(plus1, stripped);
        Path out = dir.resolve("all.json");
        RankRuns.Merge m = RankRuns.merge(plus0, plus1, "-o", out);
        assertEquals(0, m.exit(), m.err());
        assertEquals(1, m.errLines().size(), m.err());
        assertTrue(m.err().contains("rank 1 has no exact latency histograms"), m.err());
        assertTrue(m.err().contains("group 0 read clat_ns approximate"), m.err());
        Object all = parse(out);
        Object agg = MiniJson.at(all, "client_stats", 4);
        assertEquals("All clients", MiniJson.at(agg, "jobname"));
        assertEquals("approximate", MiniJson.at(agg, "jfio", "percentiles", "read clat_ns"));
        assertTrue(MiniJson.integer(agg, "read", "clat_ns", "percentile", "50.000000") > 0);
        assertEquals(List.of(num(1)), MiniJson.at(all, "jfio", "merge", "ranks_without_histograms"));

        Path json1 = RankRuns.run(dir, 1, 2, "json");
        Files.writeString(json1, Files.readString(json1).replaceAll("\"hdr_histograms\" : \\{", "\"none\" : {"));
        RankRuns.Merge absent = RankRuns.merge(plus0, json1, "-o", out);
        assertTrue(absent.err().contains("group 0 read clat_ns absent"), absent.err());
        @SuppressWarnings("unchecked")
        Map<String, Object> clat = (Map<String, Object>) MiniJson.at(parse(out), "client_stats", 4, "read", "clat_ns");
        assertFalse(clat.containsKey("percentile"), "no percentiles rather than wrong ones");
    }

    @Test
    void badInputIsOneLine() {
        RankRuns.Merge format = RankRuns.merge(r0, "--output-format=terse");
        assertEquals(1, format.exit());
        assertEquals(
                List.of("jfio merge: --output-format=terse: accepted values are json and normal"), format.errLines());
        RankRuns.Merge none = RankRuns.merge(dir.resolve("nope.json"));
        assertEquals(1, none.exit());
        assertEquals(
                List.of(
                        "jfio merge: " + dir.resolve("nope.json") + ": no such file",
                        "jfio merge: no rank's file could be read: nothing to merge"),
                none.errLines());
    }

    @Test
    void normalOutputSummarisesLikeFioClientMode() {
        RankRuns.Merge m = RankRuns.merge(r0, r1, "--output-format=normal");
        assertEquals(2, m.exit(), m.err());
        assertTrue(m.out().contains("\nAll clients: (groupid=0, jobs=4): err= 0: ranks=0,1\n"), m.out());
        assertTrue(m.out().contains("  read: IOPS="), m.out());
        assertTrue(m.out().contains("    clat percentiles (nsec, exact, from the merged histograms):"), m.out());
        assertTrue(m.out().contains("<host-1> rank 1 job-b: (groupid=0): err= 0: read IOPS="), m.out());
        assertTrue(m.out().contains("Start skew: "), m.out());
        assertTrue(m.out().contains("PARTIAL: rank 2 missing"), m.out());
    }
}
