package dev.jfio.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.distributed.Recipes.Instruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The recipes of examples/distributed hold together where no tool can run them here: the
 * Kubernetes manifests (no schema checker is packaged by Debian or Maven; read with SnakeYAML,
 * checked for what Kubernetes and jfio need), the Slurm script (sbatch --test-only needs a
 * controller; checked by bash -n and its #SBATCH lines), the Dockerfile (no docker daemon here;
 * its COPY sources and the paths the manifest runs are checked) and the scripts' syntax.
 */
class DistributedRecipesTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o, String... keys) {
        Object cur = o;
        for (String k : keys) {
            cur = ((Map<String, Object>) cur).get(k);
            assertNotNull(cur, "missing key " + k);
        }
        return (Map<String, Object>) cur;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertNotNull(v, "missing key " + key);
        return (List<Map<String, Object>>) v;
    }

    private static List<Map<String, Object>> documents(String name) throws Exception {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml().loadAll(Recipes.read(name))) {
            docs.add(map(doc));
        }
        return docs;
    }

    private static Map<String, Object> ofKind(List<Map<String, Object>> docs, String kind) {
        return docs.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    private static Map<String, String> env(Map<String, Object> container) {
        return list(container, "env").stream()
                .filter(e -> e.containsKey("value"))
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> (String) e.get("value")));
    }

    /** The paths the image holds, from the Dockerfile's WORKDIR and COPY destinations. */
    private static Map<String, String> imagePaths() throws Exception {
        Map<String, String> paths = new HashMap<>();
        String workdir = "/";
        for (Instruction i : Recipes.dockerfile()) {
            if (i.keyword().equals("WORKDIR")) {
                workdir = i.arguments();
            } else if (i.keyword().equals("COPY")) {
                String[] a = i.arguments().split("\\s+");
                paths.put(Path.of(workdir).resolve(a[1]).normalize().toString(), a[0]);
            }
        }
        return paths;
    }

    @Test
    void theIndexedJobRunsOnePodPerRankAllAtOnceAndTellsJfioTheWorldSize() throws Exception {
        Map<String, Object> job = ofKind(documents("k8s-indexed-job.yaml"), "Job");
        assertEquals("batch/v1", job.get("apiVersion"));
        Map<String, Object> spec = map(job, "spec");
        assertEquals("Indexed", spec.get("completionMode"), "the pods' ranks are their completion indexes");
        int completions = (Integer) spec.get("completions");
        assertEquals(completions, spec.get("parallelism"), "every rank runs at once: they meet in the barrier");
        assertEquals(0, spec.get("backoffLimit"), "a failed rank is reported by the merge, not retried alone");
        Map<String, Object> pod = map(spec, "template", "spec");
        assertEquals("Never", pod.get("restartPolicy"));
        Map<String, Object> container = list(pod, "containers").get(0);
        assertEquals(String.valueOf(completions), env(container).get("JFIO_RANKS"), "JFIO_RANKS is the world size");
    }

    @Test
    void theIndexedJobsPodsRunTheRankAwareJobFromTheImageIntoTheSharedVolume() throws Exception {
        List<Map<String, Object>> docs = documents("k8s-indexed-job.yaml");
        Map<String, Object> job = ofKind(docs, "Job");
        Map<String, Object> pod = map(job, "spec", "template", "spec");
        Map<String, Object> container = list(pod, "containers").get(0);
        assertTrue(((String) container.get("image")).endsWith("/jfio:latest"), "the image of the Dockerfile");
        @SuppressWarnings("unchecked")
        List<String> command = (List<String>) container.get("command");
        Map<String, String> image = imagePaths();
        assertEquals("jfio", image.get(command.get(0)), "the image's ./jfio runs: " + command.get(0));
        assertTrue(Files.isRegularFile(Recipes.REPO
                .resolve(image.get("/opt/jfio/examples/distributed") + "/")
                .resolve("nbd.fio")));
        assertEquals("/opt/jfio/examples/distributed/nbd.fio", command.get(1), "the rank-aware job");
        Map<String, String> flags = new HashMap<>();
        for (String arg : command.subList(2, command.size())) {
            int eq = arg.indexOf('=');
            flags.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        assertEquals("$(NBD_URI)", flags.get("--uri"), "Kubernetes expands $(NBD_URI)");
        assertTrue(env(container).get("NBD_URI").startsWith("nbd://"));
        assertEquals("json", flags.get("--output-format"));
        String output = flags.get("--output");
        assertTrue(output.endsWith("/r$rank.json"), "one report per rank, named by jfio: " + output);
        String barrier = flags.get("--barrier-dir");
        assertNotNull(barrier, "pods start at different times: they meet in a barrier directory");

        Map<String, String> mounts = new HashMap<>();
        for (Map<String, Object> m : list(container, "volumeMounts")) {
            mounts.put((String) m.get("mountPath"), m.get("name") + ":" + m.get("subPathExpr"));
        }
        String results = mounts.get(Path.of(output).getParent().toString());
        assertNotNull(results, "the reports are written to a mounted volume: " + mounts);
        String meeting = mounts.get(barrier);
        assertNotNull(meeting, "the barrier directory is a mounted volume: " + mounts);
        assertTrue(!results.equals(meeting), "the barrier and the reports are different directories");
        Map<String, Object> volume = list(pod, "volumes").get(0);
        assertEquals(results.split(":")[0], volume.get("name"));
        String claim = (String) map(volume, "persistentVolumeClaim").get("claimName");
        Map<String, Object> pvc = ofKind(docs, "PersistentVolumeClaim");
        assertEquals(claim, map(pvc, "metadata").get("name"));
        assertEquals(List.of("ReadWriteMany"), map(pvc, "spec").get("accessModes"), "pods on several nodes share it");
    }

    @Test
    void theMergePodReadsTheDirectoryTheRanksWroteTo() throws Exception {
        Map<String, Object> job = ofKind(documents("k8s-indexed-job.yaml"), "Job");
        Map<String, Object> rank =
                list(map(job, "spec", "template", "spec"), "containers").get(0);
        Map<String, Object> pod = ofKind(documents("k8s-merge-pod.yaml"), "Pod");
        Map<String, Object> merge = list(map(pod, "spec"), "containers").get(0);
        assertEquals(rank.get("image"), merge.get("image"));
        assertEquals(env(rank).get("RUN"), env(merge).get("RUN"), "the same run's directory");
        Map<String, Object> rankResults = list(rank, "volumeMounts").get(0);
        Map<String, Object> mergeResults = list(merge, "volumeMounts").get(0);
        assertEquals(rankResults.get("subPathExpr"), mergeResults.get("subPathExpr"));
        assertEquals(
                map(list(map(job, "spec", "template", "spec"), "volumes").get(0), "persistentVolumeClaim"),
                map(list(map(pod, "spec"), "volumes").get(0), "persistentVolumeClaim"));
        @SuppressWarnings("unchecked")
        String script = String.join(" ", (List<String>) merge.get("command"));
        String dir = (String) mergeResults.get("mountPath");
        assertTrue(script.contains("/opt/jfio/jfio merge " + dir + "/r*.json -o " + dir + "/all.json"), script);
    }

    @Test
    void theSlurmScriptAsksForOneTaskPerRankAndStartsEachWithSrun() throws Exception {
        Recipes.assertBashSyntax("slurm.sbatch");
        String script = Recipes.read("slurm.sbatch");
        Map<String, String> sbatch = new HashMap<>();
        Matcher m = Pattern.compile("(?m)^#SBATCH --([a-z-]+)=(\\S+)$").matcher(script);
        while (m.find()) {
            sbatch.put(m.group(1), m.group(2));
        }
        int ntasks = Integer.parseInt(sbatch.get("ntasks"));
        assertEquals(
                ntasks,
                Integer.parseInt(sbatch.get("nodes")) * Integer.parseInt(sbatch.get("ntasks-per-node")),
                "--ntasks matches --nodes x --ntasks-per-node: " + sbatch);
        assertTrue(sbatch.containsKey("time"), "a time limit");
        List<String> srun = script.lines().filter(l -> l.startsWith("srun ")).collect(Collectors.toList());
        assertEquals(1, srun.size(), "one srun: " + srun);
        String line = srun.get(0);
        assertTrue(!line.matches(".*\\s(-n|--ntasks)[ =].*"), "srun takes the tasks sbatch allocated: " + line);
        assertTrue(line.contains("./jfio examples/distributed/nbd.fio --uri=\"$URI\""), line);
        String continued = script.substring(script.indexOf(line));
        continued = continued.substring(0, continued.indexOf("|| status=$?"));
        assertTrue(continued.contains("--barrier-dir=\"$out/barrier\""), continued);
        assertTrue(continued.contains("--output=\"$out/r\\$rank.json\""), "$rank left to jfio: " + continued);
        assertTrue(script.contains("./jfio merge \"$out\"/r*.json -o \"$out/all.json\""), "then the merge");
    }

    @Test
    void theLaunchScriptsAreValidBashAndMpirunIsToldAboutRootAndOversubscription() throws Exception {
        Recipes.assertBashSyntax("run-mpi.sh");
        Recipes.assertBashSyntax("run-ssh.sh");
        String mpi = Recipes.read("run-mpi.sh");
        assertTrue(mpi.contains("mpirun_opts+=(--allow-run-as-root)"), "Open MPI refuses root unless told");
        assertTrue(mpi.contains("OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1"), "the other way, said");
        assertTrue(mpi.contains("--oversubscribe"), "more ranks than cores");
        String ssh = Recipes.read("run-ssh.sh");
        assertTrue(ssh.contains("\"--rank=$rank\" \"--ranks=$ranks\" \"--start-at=$start\""), "ranks by hand");
    }

    @Test
    void theJobFileReadsFourKibRandomlyAtDepthSixteenForAFixedTimeFromTheUriGiven() throws Exception {
        Map<String, Map<String, String>> sections = Recipes.jobSections(Recipes.read("nbd.fio"));
        Map<String, String> global = sections.get("global");
        assertEquals("nbd", global.get("ioengine"));
        assertEquals("${uri}", global.get("uri"), "the uri of the command line (or the environment)");
        assertEquals("randread", global.get("rw"));
        assertEquals("4k", global.get("bs"));
        assertEquals("16", global.get("iodepth"));
        assertEquals("disjoint", global.get("rank_split"));
        assertTrue(global.containsKey("time_based") && global.containsKey("runtime"));
        assertEquals(2, sections.size(), "one job per rank: " + sections.keySet());
    }

    @Test
    void theDockerfileCopiesTheBundleAndTheLauncherOnlyAndRunsTheLauncher() throws Exception {
        List<Instruction> instructions = Recipes.dockerfile();
        assertTrue(instructions.get(0).arguments().startsWith("debian:"), "a Debian base");
        assertTrue(instructions.stream()
                .anyMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("openjdk-17-jre-headless")));
        List<String> ignored = Files.readAllLines(Recipes.REPO.resolve(".dockerignore"));
        for (Map.Entry<String, String> copy : imagePaths().entrySet()) {
            String source = copy.getValue();
            if (source.equals("engines/target/jfio.jar")) {
                // made by the engines module's package phase (the shade plugin's finalName)
                String pom = Files.readString(Recipes.REPO.resolve("engines/pom.xml"));
                assertTrue(pom.contains("<finalName>jfio</finalName>"), "the bundle is engines/target/jfio.jar");
            } else {
                assertTrue(Files.exists(Recipes.REPO.resolve(source)), "COPY " + source + " exists in the checkout");
            }
            assertTrue(ignored.contains("!" + source), ".dockerignore sends " + source);
        }
        Instruction cmd = instructions.get(instructions.size() - 1);
        assertEquals("CMD", cmd.keyword());
        assertTrue(cmd.arguments().startsWith("[\"./jfio\""), cmd.arguments());
        assertEquals("jfio", imagePaths().get("/opt/jfio/jfio"), "./jfio in the WORKDIR");
    }
}
