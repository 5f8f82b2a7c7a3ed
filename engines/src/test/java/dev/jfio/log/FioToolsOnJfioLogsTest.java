package dev.jfio.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.stats.FioPlatBuckets;
import dev.jfio.testing.JfioRun;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's own tools read jfio's output as they read fio's: each runs on the output of the same job by
 * fio 3.33 and by jfio, and gives the same kind of result (files, columns, rows). The tools:
 * {@code fio_jsonplus_clat2csv} and {@code fio2gnuplot} (Debian package fio), and
 * {@code tools/hist/fiologparser_hist.py} from fio's source (fetched by ci/fio-tests.sh).
 */
class FioToolsOnJfioLogsTest {
    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    @Test
    void fioJsonplusClat2csvReadsJfiosJsonPlus() throws Exception {
        Path tool = RequiredTool.require("fio_jsonplus_clat2csv", "fio");
        requirePython("six", "python3-six");
        String[] job = {"--name=c", "--ioengine=null", "--size=16m", "--bs=4k", "--rw=randrw", "--output-format=json+"};
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        run(fio, concat(List.of(RequiredTool.require("fio", "fio").toString(), "--output=c.json"), job));
        JfioRun r = JfioRun.run(concat(List.of("--output=" + jfio.resolve("c.json")), job));
        assertEquals(0, r.exit(), r.toString());
        for (Path d : List.of(fio, jfio)) {
            run(d, PYTHON, tool.toString(), "c.json", "c.csv");
        }
        List<String> f = Files.readAllLines(fio.resolve("c_job0.csv"));
        List<String> j = Files.readAllLines(jfio.resolve("c_job0.csv"));
        assertEquals(f.get(0), j.get(0), "the same columns");
        assertTrue(j.size() > 10, "one row per latency bin with samples: " + j.size());
        for (String line : j.subList(1, j.size())) {
            assertEquals(columns(f.get(1)), columns(line), line);
        }
        for (String line : j.subList(1, j.size())) {
            long ns = Long.parseLong(line.split(",")[0].trim());
            assertEquals(ns, FioPlatBuckets.value(FioPlatBuckets.index(ns)), "a bin of fio's grid: " + line);
        }
        String last = j.get(j.size() - 1);
        assertTrue(last.contains(", 1.0,") || last.contains(", 1.0, "), "cumulative percentiles reach 1.0: " + last);
    }

    @Test
    void fio2gnuplotPlotsJfiosBandwidthAndIopsLogs() throws Exception {
        Path tool = RequiredTool.require("fio2gnuplot", "fio");
        RequiredTool.require("gnuplot", "gnuplot-nox");
        String[] job = {
            "--name=g",
            "--ioengine=null",
            "--size=1g",
            "--rw=read",
            "--time_based",
            "--runtime=2",
            "--rate_iops=5000",
            "--log_avg_msec=100",
            "--write_bw_log=g",
            "--write_iops_log=g"
        };
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        run(fio, concat(List.of(RequiredTool.require("fio", "fio").toString(), "--output=/dev/null"), job));
        JfioRun r = JfioRun.run(concat(List.of("--output=/dev/null"), absolute(jfio, job)));
        assertEquals(0, r.exit(), r.toString());
        for (String mode : List.of("-b", "-i")) {
            for (Path d : List.of(fio, jfio)) {
                Path out = Files.createDirectories(d.resolve("plot" + mode));
                Files.copy(
                        d.resolve(mode.equals("-b") ? "g_bw.1.log" : "g_iops.1.log"),
                        out.resolve(mode.equals("-b") ? "g_bw.1.log" : "g_iops.1.log"));
                String text = run(out, PYTHON, tool.toString(), mode, "-g", "-k", "-t", "jfio");
                assertFalse(text.contains("Could not run gnuplot"), text);
            }
            Set<String> fioFiles = names(fio.resolve("plot" + mode));
            Set<String> jfioFiles = names(jfio.resolve("plot" + mode));
            assertEquals(fioFiles, jfioFiles, "the same plots and data files");
            assertTrue(jfioFiles.stream().anyMatch(n -> n.endsWith(".png")), jfioFiles.toString());
            List<String> fr = Files.readAllLines(fio.resolve("plot" + mode).resolve("result.average"));
            List<String> jr = Files.readAllLines(jfio.resolve("plot" + mode).resolve("result.average"));
            assertTrue(Math.abs(fr.size() - jr.size()) <= 2, "time points: fio " + fr.size() + ", jfio " + jr.size());
        }
    }

    @Test
    void fiologparserHistReadsJfiosHistogramLogs() throws Exception {
        Path parser = fioSource().resolve("tools/hist/fiologparser_hist.py");
        requirePython("pandas", "python3-pandas");
        String[] job = {
            "--name=h",
            "--ioengine=null",
            "--size=1g",
            "--rw=randread",
            "--time_based",
            "--runtime=3",
            "--rate_iops=20000",
            "--write_hist_log=h",
            "--log_hist_msec=500"
        };
        Path fio = Files.createDirectory(dir.resolve("fio"));
        Path jfio = Files.createDirectory(dir.resolve("jfio"));
        run(fio, concat(List.of(RequiredTool.require("fio", "fio").toString(), "--output=/dev/null"), job));
        JfioRun r = JfioRun.run(concat(List.of("--output=/dev/null"), absolute(jfio, job)));
        assertEquals(0, r.exit(), r.toString());
        List<String> f =
                run(fio, PYTHON, parser.toString(), "h_clat_hist.1.log").lines().toList();
        List<String> j = run(jfio, PYTHON, parser.toString(), "h_clat_hist.1.log")
                .lines()
                .toList();
        assertEquals("end-time, samples, min, avg, median, 90%, 95%, 99%, max", j.get(0));
        assertEquals(f.get(0), j.get(0));
        assertTrue(Math.abs(f.size() - j.size()) <= 1, "one row per second: fio " + f.size() + ", jfio " + j.size());
        long fioSamples = Long.parseLong(f.get(1).split(", ")[1]);
        long jfioSamples = Long.parseLong(j.get(1).split(", ")[1]);
        assertTrue(
                Math.abs(fioSamples - jfioSamples) <= 2000,
                "about 20000 I/Os in the first second: fio " + fioSamples + ", jfio " + jfioSamples);
        double median = Double.parseDouble(j.get(1).split(", ")[4]);
        assertTrue(median > 0, "a median latency from fio's bins: " + j.get(1));
    }

    /** fio's source tree, as ci/fio-tests.sh fetches it (FIO_SRC overrides). */
    private static Path fioSource() throws IOException {
        String env = System.getenv("FIO_SRC");
        List<Path> candidates = new ArrayList<>();
        if (env != null) {
            candidates.add(Path.of(env));
        }
        for (Path cache : List.of(
                Path.of("/var/cache/jfio/fio-src"), Path.of(System.getProperty("user.home"), ".cache/jfio/fio-src"))) {
            if (Files.isDirectory(cache)) {
                try (Stream<Path> s = Files.list(cache)) {
                    s.filter(p -> p.getFileName().toString().startsWith("fio-")).forEach(candidates::add);
                }
            }
        }
        for (Path p : candidates) {
            if (Files.isRegularFile(p.resolve("tools/hist/fiologparser_hist.py"))) {
                return p;
            }
        }
        String why = "fio's source (tools/hist/fiologparser_hist.py) is missing: run ci/fio-tests.sh, which"
                + " fetches it with apt-get source fio (Debian package dpkg-dev), or set FIO_SRC";
        if ("true".equals(System.getenv("CI"))) {
            fail(why);
        }
        assumeTrue(false, why);
        return null;
    }

    private static void requirePython(String module, String debianPackage) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", "import " + module)
                .redirectErrorStream(true)
                .start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            String why = "python3 module " + module + " is missing: install the Debian package " + debianPackage;
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
    }

    /** The job with its log names under {@code d}: the in-process jfio runs in this JVM's directory. */
    private static List<String> absolute(Path d, String... job) {
        List<String> out = new ArrayList<>();
        for (String a : job) {
            int eq = a.indexOf('=');
            out.add(a.startsWith("--write_") ? a.substring(0, eq + 1) + d.resolve(a.substring(eq + 1)) : a);
        }
        return out;
    }

    private static String[] concat(List<String> first, String... rest) {
        return concat(first, List.of(rest));
    }

    private static String[] concat(List<String> first, List<String> rest) {
        List<String> all = new ArrayList<>(first);
        all.addAll(rest);
        return all.toArray(new String[0]);
    }

    private static int columns(String line) {
        return line.split(",", -1).length;
    }

    private static String run(Path cwd, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd)
                .directory(cwd.toFile())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.getInputStream().transferTo(out);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished: " + String.join(" ", cmd));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + text);
        return text;
    }

    private static Set<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
