package dev.jfio.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --barrier-dir: ranks started at different moments begin their I/O together; a missing rank is named. */
class BarrierRunTest {
    @TempDir
    Path dir;

    private Path engines;
    private Path barrier;

    @BeforeEach
    void engineJar() throws IOException {
        engines = Files.createDirectories(dir.resolve("engines"));
        barrier = Files.createDirectories(dir.resolve("barrier"));
        try (OutputStream out = Files.newOutputStream(engines.resolve("export.jar"));
                JarOutputStream jar = new JarOutputStream(out)) {
            jar.putNextEntry(new JarEntry("META-INF/services/" + IoEngineProvider.class.getName()));
            jar.write((ExportEngineProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
    }

    private JfioRun rank(int rank, int ranks, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--engine-path=" + engines,
                "--name=t",
                "--ioengine=export",
                "--rw=randread",
                "--bs=4k",
                "--runtime=300ms",
                "--time_based",
                "--rank=" + rank,
                "--ranks=" + ranks,
                "--barrier-dir=" + barrier,
                "--output-format=json"));
        args.addAll(List.of(more));
        return JfioRun.run(args.toArray(new String[0]));
    }

    @Test
    void threeRanksArrivingAtDifferentTimesStartTheirIoWithinMillisecondsOfOneAnother() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<JfioRun>> runs = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                int rank = r;
                runs.add(pool.submit(() -> {
                    Thread.sleep(400L * rank); // rank 2 arrives 0.8 s after rank 0
                    return rank(rank, 3, "--barrier-id=run-1");
                }));
            }
            long[] start = new long[3];
            long target = -1;
            for (int r = 0; r < 3; r++) {
                Object json = runs.get(r).get().json();
                start[r] = MiniJson.integer(json, "jfio", "start_wall_ns");
                long t = MiniJson.integer(json, "jfio", "start_target_wall_ns");
                if (r > 0) {
                    assertEquals(target, t, "every rank reads the one release time");
                }
                target = t;
                assertTrue(start[r] >= target, "rank " + r + " started before the release");
            }
            long spread =
                    Math.max(start[0], Math.max(start[1], start[2])) - Math.min(start[0], Math.min(start[1], start[2]));
            // polled every millisecond and released 100 ms ahead, waited for on each rank's clock
            assertTrue(spread < 50_000_000L, "ranks started " + spread / 1e6 + " ms apart");
            assertTrue(start[0] - target < 50_000_000L, "rank 0 started " + (start[0] - target) / 1e6 + " ms late");
        } finally {
            pool.shutdownNow();
        }
        assertFalse(Files.exists(barrier.resolve("jfio-barrier-run-1")), "the last rank to leave tidies up");
    }

    @Test
    void aRankThatNeverArrivesIsNamedInOneLineAndTheRunFails() {
        JfioRun run = rank(1, 3, "--barrier-timeout=0.5", "--barrier-id=lonely");
        assertEquals(
                "jfio: --barrier-dir " + barrier.resolve("jfio-barrier-lonely") + ": ranks 0, 2 of 3 did not arrive"
                        + " within 0.5 s (--barrier-timeout); this is rank 1",
                run.errorLine());
        Object job = ((List<?>) MiniJson.at(run.jsonAllowingFailure(), "jobs")).get(0);
        assertEquals(125L, MiniJson.integer(job, "error"), "the job did not run: ECANCELED");
        assertEquals(0L, MiniJson.integer(job, "read", "total_ios"));
    }

    @Test
    void anEarlierRunsUnfinishedBarrierIsRefusedRatherThanJoined() throws IOException {
        Path stale = Files.createDirectories(barrier.resolve("jfio-barrier-again"));
        Files.createFile(stale.resolve("rank-0"));
        JfioRun run = rank(0, 2, "--barrier-timeout=5", "--barrier-id=again");
        assertEquals(
                "jfio: --barrier-dir " + stale + " already holds rank-0 of an earlier run with the same barrier id that"
                        + " did not finish: remove " + stale + " or give each run its own --barrier-id",
                run.errorLine());
    }

    @Test
    void barrierOptionsAreCheckedBeforeAnythingRuns() {
        JfioRun run = JfioRun.run(
                "--engine-path=" + engines, "--name=t", "--ioengine=export", "--size=1m", "--barrier-timeout=0");
        assertEquals("jfio: --barrier-timeout needs --barrier-dir=DIR", run.errorLine());
        JfioRun zero = rank(0, 2, "--barrier-timeout=0");
        assertEquals("jfio: --barrier-timeout=0: give seconds, more than 0 (default 60)", zero.errorLine());
    }

    @Test
    void aLongWaitAtTheBarrierDoesNotCountAgainstTheJobsTimeLimit() throws Exception {
        // runtime + drain_timeout is 0.4 s: a job thread overdue by 2 s more would be abandoned as stuck
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<JfioRun> early = pool.submit(() -> rank(0, 2, "--drain_timeout=100ms", "--barrier-id=slow"));
            Thread.sleep(3500);
            JfioRun late = rank(1, 2, "--drain_timeout=100ms", "--barrier-id=slow");
            for (JfioRun run : List.of(early.get(), late)) {
                Object job = ((List<?>) MiniJson.at(run.json(), "jobs")).get(0);
                assertEquals(0L, MiniJson.integer(job, "error"), run.toString());
                assertTrue(MiniJson.integer(job, "read", "total_ios") > 0, run.toString());
                long runtime = MiniJson.integer(job, "job_runtime");
                assertTrue(
                        runtime >= 290 && runtime < 1000,
                        "ran " + runtime + " ms: runtime=300ms counts from the release");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBarrierDirectoryThatCannotBeCreatedIsOneLine() throws IOException {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        JfioRun run = JfioRun.run(
                "--engine-path=" + engines,
                "--name=t",
                "--ioengine=export",
                "--size=1m",
                "--rank=0",
                "--ranks=2",
                "--barrier-id=x",
                "--barrier-dir=" + file);
        assertTrue(
                run.errorLine().startsWith("jfio: --barrier-dir " + file.resolve("jfio-barrier-x") + ": cannot use "),
                run.toString());
    }
}
