package dev.jfio.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.engine.nbd.server.MemoryNbdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/distributed/nbd.fio under a real launcher: Open MPI's mpirun starts four ranks of the
 * bundle on this host against one NBD server (nbdkit's memory plugin, then jfio's embedded server
 * started by the test), {@code jfio merge} merges their reports, and the merge is checked
 * against the ranks': totals are sums, percentiles those of the histograms merged here, the
 * ranks started within 50 ms of each other (at a --start-at time, then at a --barrier-dir), and
 * the ranks' reads never left their disjoint regions (each rank's iolog).
 */
class MpirunEndToEndIT {
    private static final int RANKS = 4;
    private static final long SIZE = 1L << 30;

    @TempDir
    Path dir;

    private static String bundle() {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        return bundle;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Runs the example's ranks with {@code startFlag}, merges their reports and checks the merge against them. */
    private void runMergeAndCheck(String uri, String startFlag) throws Exception {
        ServerFixture.requireBinary("mpirun", "openmpi-bin");
        // each rank also logs its I/Os, to its own iolog ($rank expands in every job option)
        List<String> cmd = new ArrayList<>(List.of(
                "mpirun",
                "--allow-run-as-root",
                "--oversubscribe",
                "-np",
                String.valueOf(RANKS),
                java(),
                "--enable-native-access=ALL-UNNAMED",
                "-jar",
                bundle(),
                Recipes.DIR.resolve("nbd.fio").toString(),
                "--uri=" + uri,
                "--runtime=3",
                startFlag,
                "--output-format=json",
                "--output=" + dir + "/r$rank.json",
                "--write_iolog=" + dir + "/iolog.$rank"));
        Process mpirun = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mpirun.out").toFile())
                .start();
        assertTrue(mpirun.waitFor(60, TimeUnit.SECONDS), "mpirun finished");
        String out = Files.readString(dir.resolve("mpirun.out"));
        assertEquals(0, mpirun.exitValue(), out);

        List<Path> reports = new ArrayList<>();
        List<Path> iologs = new ArrayList<>();
        for (int r = 0; r < RANKS; r++) {
            reports.add(dir.resolve("r" + r + ".json"));
            iologs.add(dir.resolve("iolog." + r));
        }
        List<String> mergeCmd =
                new ArrayList<>(List.of(java(), "--enable-native-access=ALL-UNNAMED", "-jar", bundle(), "merge"));
        reports.forEach(p -> mergeCmd.add(p.toString()));
        mergeCmd.addAll(List.of("-o", dir.resolve("all.json").toString()));
        Process merge = new ProcessBuilder(mergeCmd)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("merge.out").toFile())
                .start();
        assertTrue(merge.waitFor(30, TimeUnit.SECONDS), "jfio merge finished");
        assertEquals(0, merge.exitValue(), Files.readString(dir.resolve("merge.out")));

        RankReports ranks = new RankReports(reports);
        ranks.assertRanksFrom("openmpi");
        long skew = ranks.startSkewMs();
        assertTrue(skew < 50, "the ranks started " + skew + " ms apart (" + startFlag + ")");
        ranks.assertDisjointRegionsCovering(SIZE);
        ranks.assertReadsStayedInTheirRegions(iologs);
        ranks.assertMergedExactly(RankReports.read(dir.resolve("all.json")));
    }

    @Test
    void fourRanksAgainstOneNbdkitStartAtOneTimeReadDisjointRegionsAndMergeExactly() throws Exception {
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            // the four JVMs start on a shared machine: 8 s is ample for all of them to be ready
            long start = Instant.now().getEpochSecond() + 8;
            runMergeAndCheck(nbdkit.uri(), "--start-at=@" + start);
        }
    }

    @Test
    void fourRanksAgainstOneEmbeddedServerMeetAtABarrierReadDisjointRegionsAndMergeExactly() throws Exception {
        try (MemoryNbdServer server = MemoryNbdServer.start(SIZE, "")) {
            Path barrier = Files.createDirectory(dir.resolve("barrier"));
            runMergeAndCheck(server.endpoint().toUri(), "--barrier-dir=" + barrier);
        }
    }
}
