package dev.jfio.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.nbd.ServerFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Slurm script and the Kubernetes manifests run here, where neither Slurm nor Kubernetes is:
 * the batch script under bash with a stand-in for srun (the command once per task, each with the
 * SLURM_PROCID srun would give it), and the Indexed Job's container command once per completion
 * index, with the environment Kubernetes would give it (JOB_COMPLETION_INDEX, the manifest's env)
 * and the image's and volumes' paths mapped to this checkout and to directories here; then the
 * merge pod's command. Each rank must find its rank from the launcher's variables, meet the
 * others, and the merge must cover them all.
 */
class LauncherStandInIT {
    @TempDir
    Path dir;

    private static void bundle() {
        assumeTrue(
                System.getProperty("jfio.bundle") != null,
                "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
    }

    private Process start(String name, Path cwd, Map<String, String> env, List<String> cmd) throws IOException {
        return Recipes.start(dir.resolve(name + ".out"), cwd, env, cmd);
    }

    private int await(String name, Process p) throws Exception {
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), name + " finished");
        return p.exitValue();
    }

    private String output(String name) throws IOException {
        return Files.readString(dir.resolve(name + ".out"));
    }

    private static void assertMerged(List<Path> reports, Path merged, String launcher) throws IOException {
        RankReports ranks = new RankReports(reports);
        ranks.assertRanksFrom(launcher);
        ranks.assertDisjointRegionsCovering(1L << 30);
        ranks.assertMergedExactly(RankReports.read(merged));
    }

    @Test
    void theSlurmScriptRunsARankPerTaskThatMeetAtTheBarrierAndMergesThem() throws Exception {
        bundle();
        // the submit directory: the launcher, the bundle and the examples, and out/ of this test's own
        Path submit = Recipes.imageLayout(dir.resolve("submit"));
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path srun = bin.resolve("srun");
        Files.writeString(
                srun,
                "#!/usr/bin/env bash\n# srun stand-in: the command once per task of the allocation, here\n"
                        + "while [[ \"$1\" == -* ]]; do shift; done\n"
                        + "for ((t = 0; t < SLURM_NTASKS; t++)); do SLURM_PROCID=$t \"$@\" & done\n"
                        + "status=0; for p in $(jobs -p); do wait \"$p\" || status=1; done; exit $status\n");
        Files.setPosixFilePermissions(srun, PosixFilePermissions.fromString("rwx------"));
        String script = Recipes.read("slurm.sbatch");
        String ntasks = script.replaceAll("(?s).*#SBATCH --ntasks=(\\d+).*", "$1");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            Map<String, String> env = Map.of(
                    "PATH",
                    bin + ":" + System.getenv("PATH"),
                    "URI",
                    nbdkit.uri(),
                    "SLURM_SUBMIT_DIR",
                    submit.toString(),
                    "SLURM_JOB_ID",
                    "4242",
                    "SLURM_NTASKS",
                    ntasks);
            Process p = start(
                    "sbatch",
                    dir,
                    env,
                    List.of(
                            "bash",
                            submit.resolve("examples/distributed/slurm.sbatch").toString(),
                            "--runtime=1"));
            assertEquals(0, await("sbatch", p), output("sbatch"));
        }
        Path out = submit.resolve("out/4242");
        List<Path> reports = new ArrayList<>();
        for (int r = 0; r < Integer.parseInt(ntasks); r++) {
            reports.add(out.resolve("r" + r + ".json"));
        }
        assertMerged(reports, out.resolve("all.json"), "slurm");
        assertTrue(output("sbatch").contains("All clients"), "the merge as text in the job's log");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = ((Map<String, Object>) cur).get(k);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(String manifest, String kind) throws IOException {
        for (Object doc : new Yaml().loadAll(Recipes.read(manifest))) {
            Map<String, Object> d = map(doc);
            if (kind.equals(d.get("kind"))) {
                Map<String, Object> pod = kind.equals("Job") ? map(d, "spec", "template", "spec") : map(d, "spec");
                return ((List<Map<String, Object>>) pod.get("containers")).get(0);
            }
        }
        throw new AssertionError("no " + kind + " in " + manifest);
    }

    /**
     * The container's command as it would run here: Kubernetes' $(VAR) expanded from {@code env},
     * the image's /opt/jfio as {@code opt} (laid out as the Dockerfile does), each mount path as its directory under {@code dir}.
     */
    @SuppressWarnings("unchecked")
    private List<String> localCommand(Map<String, Object> container, Map<String, String> env, Path opt)
            throws IOException {
        Map<String, Path> mounts = new HashMap<>();
        for (Map<String, Object> m : (List<Map<String, Object>>) container.get("volumeMounts")) {
            String sub = ((String) m.get("subPathExpr")).replace("$(RUN)", env.get("RUN"));
            mounts.put(
                    (String) m.get("mountPath"),
                    Files.createDirectories(dir.resolve("volume").resolve(sub)));
        }
        List<String> cmd = new ArrayList<>();
        for (String arg : (List<String>) container.get("command")) {
            for (Map.Entry<String, String> e : env.entrySet()) {
                arg = arg.replace("$(" + e.getKey() + ")", e.getValue());
            }
            arg = arg.replace("/opt/jfio/", opt + "/");
            for (Map.Entry<String, Path> m : mounts.entrySet()) {
                arg = arg.replace(m.getKey() + "/", m.getValue() + "/").replace("=" + m.getKey(), "=" + m.getValue());
            }
            cmd.add(arg);
        }
        return cmd;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> env(Map<String, Object> container) {
        Map<String, String> env = new HashMap<>();
        for (Map<String, Object> e : (List<Map<String, Object>>) container.get("env")) {
            env.put((String) e.get("name"), (String) e.get("value"));
        }
        return env;
    }

    @Test
    void theIndexedJobsPodsFindTheirRanksMeetAndTheMergePodMergesThem() throws Exception {
        bundle();
        Map<String, Object> rank = container("k8s-indexed-job.yaml", "Job");
        int ranks = Integer.parseInt(env(rank).get("JFIO_RANKS"));
        Path opt = Recipes.imageLayout(dir.resolve("opt"));
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "1G")) {
            Map<String, String> env = env(rank);
            env.put("NBD_URI", nbdkit.uri());
            List<Process> pods = new ArrayList<>();
            for (int index = 0; index < ranks; index++) {
                Map<String, String> podEnv = new HashMap<>(env);
                podEnv.put("JOB_COMPLETION_INDEX", String.valueOf(index));
                List<String> cmd = localCommand(rank, podEnv, opt);
                cmd.add("--runtime=1"); // the manifest's job runs 30 s
                pods.add(start("pod" + index, dir, podEnv, cmd));
            }
            for (int index = 0; index < ranks; index++) {
                assertEquals(0, await("pod" + index, pods.get(index)), output("pod" + index));
            }
        }
        Map<String, Object> merge = container("k8s-merge-pod.yaml", "Pod");
        Process p = start("merge", dir, env(merge), localCommand(merge, env(merge), opt));
        assertEquals(0, await("merge", p), output("merge"));
        Path results = dir.resolve("volume").resolve(env(rank).get("RUN")).resolve("results");
        List<Path> reports = new ArrayList<>();
        for (int r = 0; r < ranks; r++) {
            reports.add(results.resolve("r" + r + ".json"));
        }
        assertMerged(reports, results.resolve("all.json"), "kubernetes");
        assertTrue(output("merge").contains("All clients"), "the merge pod's log shows the merge: " + output("merge"));
    }
}
