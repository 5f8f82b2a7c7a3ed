package dev.jfio.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranks run as separate in-process jfio invocations with --rank/--ranks against the "export" test
 * engine (an 8 MiB target whose size the engine tells, as nbd does); write_iolog shows where each
 * rank's I/O went.
 */
class RanksRunTest {
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private Path engines;

    @BeforeEach
    void engineJar() throws IOException {
        engines = Files.createDirectories(dir.resolve("engines"));
        try (OutputStream out = Files.newOutputStream(engines.resolve("export.jar"));
                JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + IoEngineProvider.class.getName()));
            jar.write((ExportEngineProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    private JfioRun jfio(String... args) {
        List<String> all = new ArrayList<>(List.of("--engine-path=" + engines, "--name=t", "--ioengine=export"));
        all.addAll(List.of(args));
        return JfioRun.run(all.toArray(new String[0]));
    }

    /** The offsets of the log's reads and writes, in order. */
    private static List<Long> offsets(Path log) throws IOException {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.split(" ");
            if (f.length == 5 && (f[2].equals("write") || f[2].equals("read"))) {
                out.add(Long.parseLong(f[3]));
            }
        }
        return out;
    }

    @Test
    void disjointRanksEachTakeTheirQuarterAndTogetherCoverTheExportOnce() throws IOException {
        Set<Long> all = new HashSet<>();
        long quarter = ExportEngineProvider.SIZE / 4;
        for (int r = 0; r < 4; r++) {
            Path log = dir.resolve("io." + r + ".log");
            JfioRun run = jfio(
                    "--rw=randwrite",
                    "--bs=4k",
                    "--write_iolog=" + dir.resolve("io.$rank.log"),
                    "--rank=" + r,
                    "--ranks=4",
                    "--output-format=json");
            Object json = run.json();
            assertEquals(r, MiniJson.integer(json, "jfio", "rank"));
            assertEquals(4, MiniJson.integer(json, "jfio", "ranks"));
            assertEquals("cli", MiniJson.at(json, "jfio", "launcher"));
            assertEquals("disjoint", MiniJson.at(json, "jfio", "region", "split"));
            assertEquals(r * quarter, MiniJson.integer(json, "jfio", "region", "offset"));
            assertEquals(quarter, MiniJson.integer(json, "jfio", "region", "size"));
            assertTrue(MiniJson.integer(json, "jfio", "start_wall_ns") > 0);
            assertFalse(
                    ((Map<?, ?>) MiniJson.at(json, "jfio")).containsKey("start_target_wall_ns"),
                    "no common start was asked for");
            List<Long> offsets = offsets(log);
            assertEquals(quarter / BLOCK, offsets.size(), "rank " + r + " writes its quarter once");
            for (long o : offsets) {
                assertTrue(o >= r * quarter && o + BLOCK <= (r + 1) * quarter, "rank " + r + " wrote at " + o);
                assertTrue(all.add(o), "offset " + o + " written by two ranks");
            }
        }
        assertEquals(ExportEngineProvider.SIZE / BLOCK, all.size(), "the ranks cover the export between them");
    }

    @Test
    void sharedRanksEachCoverTheWholeRegionInOrdersOfTheirOwnRepeatableFromRunToRun() throws IOException {
        List<List<Long>> orders = new ArrayList<>();
        for (String rank : new String[] {"0", "1", "1"}) {
            Path log = dir.resolve("io." + orders.size() + ".log");
            JfioRun run = jfio(
                    "--rw=randread",
                    "--bs=4k",
                    "--rank_split=shared",
                    "--write_iolog=" + log,
                    "--rank=" + rank,
                    "--ranks=2",
                    "--output-format=json");
            assertEquals("shared", MiniJson.at(run.json(), "jfio", "region", "split"));
            assertEquals(ExportEngineProvider.SIZE, MiniJson.integer(run.json(), "jfio", "region", "size"));
            orders.add(offsets(log));
        }
        assertEquals(ExportEngineProvider.SIZE / BLOCK, new HashSet<>(orders.get(0)).size());
        assertEquals(new HashSet<>(orders.get(0)), new HashSet<>(orders.get(1)), "both ranks cover the region");
        assertNotEquals(orders.get(0), orders.get(1), "the rank is mixed into the seed");
        assertEquals(orders.get(1), orders.get(2), "randrepeat=1: rank 1 draws the same offsets each run");
    }

    @Test
    void aRegionTooSmallToSplitIsRefusedWithTheRemedy() {
        JfioRun run = jfio("--rw=read", "--bs=1m", "--size=2m", "--rank=0", "--ranks=4");
        assertEquals(
                "jfio: t: rank_split=disjoint: a region of 2097152 bytes split 4 ways leaves less than bs=1048576"
                        + " per rank; give a larger size or rank_split=shared",
                run.errorLine());
    }

    @Test
    void rankAndRanksExpandInJobFilesAndInOutput() throws IOException {
        Path job = dir.resolve("job.fio");
        Files.writeString(
                job,
                "[t]\nioengine=export\nrw=read\nbs=4k\nsize=1m\ndescription=rank $rank of $ranks\n"
                        + "offset=($rank*1m)\nrank_split=shared\n");
        JfioRun run = JfioRun.run(
                "--engine-path=" + engines,
                job.toString(),
                "--rank=2",
                "--ranks=3",
                "--output-format=json",
                "--output=" + dir.resolve("r$rank-of-$ranks.json"));
        assertEquals(0, run.exit(), run.toString());
        Object json = MiniJson.parse(Files.readString(dir.resolve("r2-of-3.json")));
        Object first = ((List<?>) MiniJson.at(json, "jobs")).get(0);
        assertEquals("rank 2 of 3", MiniJson.at(first, "desc"));
        assertEquals(2L << 20, MiniJson.integer(json, "jfio", "region", "offset"));
    }

    @Test
    void theJobDigestIsTheSameForEveryRankOfTheSameJobs() {
        Object r0 = jfio(
                        "--rw=read",
                        "--bs=4k",
                        "--size=1m",
                        "--offset=($rank*1m)",
                        "--rank=0",
                        "--ranks=2",
                        "--rank_split=shared",
                        "--output-format=json")
                .json();
        Object r1 = jfio(
                        "--rw=read",
                        "--bs=4k",
                        "--size=1m",
                        "--offset=($rank*1m)",
                        "--rank=1",
                        "--ranks=2",
                        "--rank_split=shared",
                        "--output-format=json")
                .json();
        Object elsewhere = jfio(
                        "--rw=read",
                        "--bs=4k",
                        "--size=1m",
                        "--offset=($rank*1m)",
                        "--rank=1",
                        "--ranks=2",
                        "--rank_split=shared",
                        "--write_iolog=" + dir.resolve("other.log"),
                        "--output-format=json")
                .json();
        Object other = jfio("--rw=read", "--bs=8k", "--size=1m", "--rank=1", "--ranks=2", "--output-format=json")
                .json();
        String digest = (String) MiniJson.at(r0, "jfio", "job_digest");
        assertTrue(digest.matches("sha256:[0-9a-f]{64}"), digest);
        assertEquals(digest, MiniJson.at(r1, "jfio", "job_digest"));
        assertEquals(digest, MiniJson.at(elsewhere, "jfio", "job_digest"), "where output goes is not the job");
        assertNotEquals(digest, MiniJson.at(other, "jfio", "job_digest"));
    }

    @Test
    void aRunWithoutRanksHasNoJfioObjectAndNoRankLine() {
        JfioRun json = jfio("--rw=read", "--bs=4k", "--size=1m", "--output-format=json");
        assertFalse(((Map<?, ?>) json.json()).containsKey("jfio"), json.out());
        JfioRun normal = jfio("--rw=read", "--bs=4k", "--size=1m");
        assertEquals(0, normal.exit(), normal.toString());
        assertFalse(normal.out().contains("rank 0 of 1"), normal.out());
    }

    @Test
    void theNormalReportSaysTheRankAndItsStartAgainstTheCommonStart() {
        long at = StartAt.nowWallNanos() + 300_000_000L;
        JfioRun run = jfio(
                "--rw=read",
                "--bs=4k",
                "--size=1m",
                "--rank=1",
                "--ranks=2",
                "--start-at=@" + at / 1_000_000_000L + "." + String.format("%09d", at % 1_000_000_000L));
        assertEquals(0, run.exit(), run.toString());
        assertTrue(
                run.out()
                        .matches(
                                "(?s).*\nrank 1 of 2 \\(cli\\) on \\S+: started \\d+\\.\\d ms after the common start\n.*"),
                run.out());
    }

    @Test
    void startAtHoldsTheIoUntilTheGivenWallClockTime() {
        long at = StartAt.nowWallNanos() + 1_500_000_000L;
        String when = "@" + at / 1_000_000_000L + "." + String.format("%09d", at % 1_000_000_000L);
        JfioRun run = jfio(
                "--rw=read",
                "--bs=4k",
                "--size=1m",
                "--rank=0",
                "--ranks=1",
                "--start-at=" + when,
                "--output-format=json");
        Object json = run.json();
        long target = MiniJson.integer(json, "jfio", "start_target_wall_ns");
        long started = MiniJson.integer(json, "jfio", "start_wall_ns");
        assertEquals(at / 1000, target / 1000, "the common start is the --start-at time (to the microsecond)");
        assertTrue(started >= at, "started " + (at - started) / 1e6 + " ms early");
        assertTrue(started - at < 100_000_000L, "started " + (started - at) / 1e6 + " ms late");
    }

    @Test
    void aTimeFromNowIsRefusedWithAHint() {
        String line = jfio("--rw=read", "--size=1m", "--rank=0", "--ranks=2", "--start-at=+10")
                .errorLine();
        assertTrue(line.startsWith("jfio: --start-at=+10: a time from now differs per rank"), line);
    }

    @Test
    void aLauncherRankThatDoesNotFitItsSizeIsOneLine() {
        JfioRun run = JfioRun.run(
                Map.of("OMPI_COMM_WORLD_RANK", "4", "OMPI_COMM_WORLD_SIZE", "4"),
                "--engine-path=" + engines,
                "--name=t",
                "--ioengine=export",
                "--size=1m");
        assertEquals("jfio: OMPI_COMM_WORLD_RANK=4 is outside 0..3 (OMPI_COMM_WORLD_SIZE=4)", run.errorLine());
    }

    @Test
    void rampTimeCountsFromTheCommonStartAndTheSeriesSaysWhereItsZeroIsOnTheWallClock() {
        long at = StartAt.nowWallNanos() + 500_000_000L;
        JfioRun run = jfio(
                "--rw=randread",
                "--bs=4k",
                "--time_based",
                "--ramp_time=300ms",
                "--runtime=1200ms",
                "--rank=0",
                "--ranks=2",
                "--start-at=@" + at / 1_000_000_000L + "." + String.format("%09d", at % 1_000_000_000L),
                "--output-format=json");
        Object json = run.json();
        Object series = MiniJson.at(((List<?>) MiniJson.at(json, "jobs")).get(0), "jfio", "series");
        long zero = MiniJson.integer(series, "zero_wall_ns");
        long sinceStart = zero - MiniJson.integer(json, "jfio", "start_target_wall_ns");
        assertTrue(
                sinceStart >= 300_000_000L && sinceStart < 400_000_000L,
                "measuring began " + sinceStart / 1e6 + " ms after the common start, not after ramp_time=300ms");
        int points = ((List<?>) MiniJson.at(series, "start_ms")).size();
        long lastStart = MiniJson.integer(series, "start_ms", points - 1);
        assertTrue(lastStart < 1200, "the series covers the runtime after the ramp: last point at " + lastStart);
    }
}
