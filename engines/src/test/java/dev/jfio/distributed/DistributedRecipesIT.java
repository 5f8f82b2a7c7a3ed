package dev.jfio.distributed;

import static dev.jfio.distributed.RankReports.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.nbd.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recipes of examples/distributed run with the bundle: the image's layout (what the
 * Dockerfile copies, laid out as it lays it out; no docker here to build it) runs jfio; the job
 * file parses for every rank; the ssh loop
 * (with ssh replaced by a local runner, JFIO_SSH) and the mpirun script run their ranks against
 * one nbdkit and merge them (JFIO_SSH=local), and a rank whose host is down (a stand-in for ssh
 * that refuses one host) is named and leaves the merge partial.
 */
class DistributedRecipesIT {
    @TempDir
    Path dir;

    private static String bundle() {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        return bundle;
    }

    /** Runs {@code cmd} in {@code cwd} with {@code env} added; returns its exit status, output in {@code dir/name.out}. */
    private int run(String name, Path cwd, Map<String, String> env, List<String> cmd) throws Exception {
        Process p = Recipes.start(dir.resolve(name + ".out"), cwd, env, cmd);
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), name + " finished");
        return p.exitValue();
    }

    private String output(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"));
    }

    @Test
    void theImagesLayoutRunsTheLauncherOnTheBundleAlone() throws Exception {
        bundle();
        Path workdir = Recipes.imageLayout(dir.resolve("image"));
        String cmd = Recipes.dockerfile().get(Recipes.dockerfile().size() - 1).arguments();
        List<String> argv = new ArrayList<>();
        for (String word : cmd.substring(1, cmd.length() - 1).split(",")) {
            argv.add(word.strip().replace("\"", ""));
        }
        assertEquals(0, run("image", workdir, Map.of("JFIO_CDS", "1"), argv), output("image"));
        assertTrue(output("image").contains("jfio-"), "the CMD prints jfio's version: " + output("image"));
        assertTrue(!output("image").contains("building"), "the image's launcher runs the bundle, never Maven");
        assertTrue(Files.isRegularFile(workdir.resolve("examples/distributed/nbd.fio")), "the job is in the image");
        try (Stream<Path> cds = Files.list(workdir.resolve("engines/target/cds"))) {
            assertTrue(
                    cds.anyMatch(
                            f -> f.toString().endsWith(".jsa") || f.toString().endsWith(".aot")),
                    "the first run recorded the class archive the pods start from");
        }
    }

    @Test
    void theJobFileParsesForEveryRank() throws Exception {
        for (int rank = 0; rank < 4; rank++) {
            List<String> cmd = List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar",
                    bundle(),
                    Recipes.DIR.resolve("nbd.fio").toString(),
                    "--uri=nbd://server/",
                    "--rank=" + rank,
                    "--ranks=4",
                    "--parse-only");
            assertEquals(0, run("parse" + rank, dir, Map.of(), cmd), output("parse" + rank));
        }
    }

    /** A stand-in for ssh: runs the command here, except on the host "down", which refuses as ssh would. */
    private Path localSsh() throws IOException {
        Path ssh = dir.resolve("local-ssh");
        Files.writeString(
                ssh,
                "#!/usr/bin/env bash\nhost=\"$1\"; shift\n"
                        + "if [[ \"$host\" == down ]]; then echo \"ssh: connect to host down port 22: Connection refused\" >&2; exit 255; fi\n"
                        + "exec bash -c \"$*\"\n");
        Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwx------"));
        return ssh;
    }

    @Test
    void theSshLoopStartsARankPerHostTogetherAndMergesThem() throws Exception {
        bundle();
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            Map<String, String> env = Map.of("URI", nbdkit.uri(), "JFIO_SSH", "local", "OUT", "out", "DELAY", "8");
            List<String> cmd = List.of(
                    Recipes.imageLayout(dir.resolve("opt"))
                            .resolve("examples/distributed/run-ssh.sh")
                            .toString(),
                    "host-a",
                    "host-b",
                    "--",
                    "--runtime=1");
            assertEquals(0, run("ssh", dir, env, cmd), output("ssh"));
        }
        RankReports ranks = new RankReports(List.of(dir.resolve("out/r0.json"), dir.resolve("out/r1.json")));
        ranks.assertRanksFrom("cli");
        assertEquals(
                integer(ranks.rank(0), "jfio", "start_target_wall_ns"),
                integer(ranks.rank(1), "jfio", "start_target_wall_ns"),
                "one --start-at for every rank");
        ranks.assertDisjointRegionsCovering(1L << 30);
        ranks.assertMergedExactly(RankReports.read(dir.resolve("out/all.json")));
    }

    @Test
    void theSshLoopNamesTheRankWhoseHostIsDownAndMergesTheOthersAsPartial() throws Exception {
        bundle();
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            Map<String, String> env =
                    Map.of("URI", nbdkit.uri(), "JFIO_SSH", localSsh().toString(), "OUT", "out", "DELAY", "8");
            List<String> cmd = List.of(
                    Recipes.imageLayout(dir.resolve("opt"))
                            .resolve("examples/distributed/run-ssh.sh")
                            .toString(),
                    "host-a",
                    "down",
                    "host-c",
                    "--",
                    "--runtime=1");
            assertEquals(2, run("ssh", dir, env, cmd), "the merge is partial: " + output("ssh"));
        }
        assertTrue(output("ssh").contains("run-ssh: rank 1 on down failed"), output("ssh"));
        assertTrue(!Files.exists(dir.resolve("out/r1.json")), "no empty report left for the merge to trip on");
        Map<String, Object> merged = RankReports.read(dir.resolve("out/all.json"));
        assertEquals(Boolean.TRUE, RankReports.at(merged, "jfio", "merge", "partial"));
        assertEquals(List.of(1L), RankReports.integers(merged, "jfio", "merge", "missing"));
    }

    @Test
    void theMpirunScriptRunsItsRanksAndMergesThem() throws Exception {
        bundle();
        ServerFixture.requireBinary("mpirun", "openmpi-bin");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            Map<String, String> env = Map.of("URI", nbdkit.uri(), "NP", "2", "OUT", "out", "DELAY", "8");
            List<String> cmd = List.of(
                    Recipes.imageLayout(dir.resolve("opt"))
                            .resolve("examples/distributed/run-mpi.sh")
                            .toString(),
                    "--runtime=1");
            assertEquals(0, run("mpi", dir, env, cmd), output("mpi"));
        }
        RankReports ranks = new RankReports(List.of(dir.resolve("out/r0.json"), dir.resolve("out/r1.json")));
        ranks.assertRanksFrom("openmpi");
        assertEquals(
                integer(ranks.rank(0), "jfio", "start_target_wall_ns"),
                integer(ranks.rank(1), "jfio", "start_target_wall_ns"),
                "one --start-at for every rank");
        ranks.assertMergedExactly(RankReports.read(dir.resolve("out/all.json")));
    }

    @Test
    void theMpirunScriptKeepsTheOtherRanksRunningWhenOneRanksServerIsKilledAndTheMergeNamesIt() throws Exception {
        bundle();
        ServerFixture.requireBinary("mpirun", "openmpi-bin");
        List<ServerFixture> servers = new ArrayList<>();
        try {
            for (int r = 0; r < 4; r++) {
                servers.add(ServerFixture.nbdkitUnix(Files.createDirectory(dir.resolve("s" + r)), "1G"));
            }
            // every rank its own server: $rank expands in the uri as in any job option
            String uri = "nbd+unix:///?socket=" + dir + "/s$rank/nbdkit.sock";
            Map<String, String> env = Map.of("URI", uri, "NP", "4", "OUT", "out", "DELAY", "6");
            List<String> cmd = List.of(
                    Recipes.imageLayout(dir.resolve("opt"))
                            .resolve("examples/distributed/run-mpi.sh")
                            .toString(),
                    "--runtime=5");
            Process mpi = Recipes.start(dir.resolve("mpi.out"), dir, env, cmd);
            Thread.sleep(6_000 + 2_000); // the common start, then 2 s of the 5 s run
            servers.get(2).kill();
            assertTrue(mpi.waitFor(60, TimeUnit.SECONDS), "run-mpi.sh finished");
            assertEquals(2, mpi.exitValue(), "the merge is partial: " + output("mpi"));
        } finally {
            servers.forEach(ServerFixture::close);
        }
        assertTrue(output("mpi").matches("(?s).*jfio merge: partial:.*rank 2 failed.*"), output("mpi"));
        Map<String, Object> merged = RankReports.read(dir.resolve("out/all.json"));
        assertEquals(Boolean.TRUE, RankReports.at(merged, "jfio", "merge", "partial"));
        assertEquals(List.of(2L), RankReports.integers(merged, "jfio", "merge", "failed"));
        assertEquals(List.of(0L, 1L, 2L, 3L), RankReports.integers(merged, "jfio", "merge", "present"));
        for (int r : new int[] {0, 1, 3}) {
            Map<String, Object> report = RankReports.read(dir.resolve("out/r" + r + ".json"));
            assertEquals(0L, integer(report, "jobs", 0, "error"), "rank " + r + " ran to its end");
        }
    }
}
