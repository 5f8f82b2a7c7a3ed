package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fio 3.33's run-wide flags, each against what fio does with it. */
class RunFlagsTest {
    private static final String[] NULL_JOB = {"--name=n", "--ioengine=null", "--size=64m", "--rw=randrw"};

    @TempDir
    Path dir;

    @Test
    void versionNamesTheFioReleaseThatToolsCheckFor() throws Exception {
        String fio = RealFio.run("--version").strip();
        JfioRun v = JfioRun.run("--version");
        assertEquals(0, v.exit());
        assertTrue(v.out().startsWith("jfio-"), v.out());
        assertTrue(v.out().strip().endsWith("(" + fio + ")"), v.out() + " vs fio's " + fio);
        assertTrue(v.out().contains("fio-3"), "fio-plot's bench-fio looks for fio-3: " + v.out());
        Object json = JfioRun.run(args(NULL_JOB, "--output-format=json")).json();
        assertEquals(fio, ((String) MiniJson.at(json, "fio version")));
    }

    @Test
    void terseVersionsTwoToFiveLayFieldsOutAsFio() throws Exception {
        for (int version = 2; version <= 5; version++) {
            String fio = RealFio.run(args(NULL_JOB, "--minimal", "--terse-version=" + version))
                    .strip();
            JfioRun ours = JfioRun.run(args(NULL_JOB, "--minimal", "--terse-version=" + version));
            assertEquals(0, ours.exit(), ours.toString());
            String[] f = fio.split(";", -1);
            String[] j = ours.out().strip().split(";", -1);
            assertEquals(f.length, j.length, "terse v" + version + " field count: fio " + fio + "\njfio " + ours.out());
            assertEquals(shapes(f), shapes(j), "terse v" + version + " field kinds");
            assertEquals(f[0], j[0]);
            if (version > 2) {
                assertEquals(f[1], j[1], "the version field");
            }
        }
    }

    @Test
    void terseVersionOutsideTwoToFiveIsRefused() {
        JfioRun r = JfioRun.run(args(NULL_JOB, "--minimal", "--terse-version=6"));
        assertTrue(r.errorLine().contains("bad terse version format"), r.toString());
        assertTrue(r.errorLine().contains("2, 3, 4, 5"), r.toString());
    }

    @Test
    void appendTerseAddsTerseLinesToTheNormalReport() {
        JfioRun r = JfioRun.run(args(NULL_JOB, "--append-terse"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("Run status group 0"), r.out());
        assertTrue(r.out().contains("\n3;fio-3.33;n;0;0;"), r.out());
    }

    @Test
    void readonlyRefusesAWriteJobAsFioDoesAndRunsAReadJob() throws Exception {
        Path file = dir.resolve("w.dat");
        JfioRun w = JfioRun.run(
                "--readonly", "--name=w", "--filename=" + file, "--size=1m", "--rw=randwrite", "--ioengine=psync");
        assertTrue(
                w.errorLine().contains("job <w> has write or trim bit set, but jfio is in read-only mode"),
                w.toString());
        assertTrue(w.errorLine().startsWith("jfio: command line:"), "says where rw was set: " + w);
        assertFalse(Files.exists(file), "nothing was laid out");
        JfioRun t = JfioRun.run("--readonly", "--name=t", "--ioengine=null", "--size=1m", "--rw=trim");
        assertEquals(1, t.exit(), t.toString());
        JfioRun r = JfioRun.run("--readonly", "--name=r", "--ioengine=null", "--size=1m", "--rw=randread");
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void readonlyNeverLaysAFileOutForAReadJob() throws Exception {
        Path missing = dir.resolve("missing.dat");
        JfioRun r = JfioRun.run("--readonly", "--name=r", "--filename=" + missing, "--size=1m", "--rw=read");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("refusing to extend " + missing), r.err());
        assertTrue(r.err().contains("due to read-only (--readonly)"), r.err());
        assertFalse(Files.exists(missing), "nothing was written");
        Path small = Files.write(dir.resolve("small.dat"), new byte[4096]);
        JfioRun s = JfioRun.run("--readonly", "--name=s", "--filename=" + small, "--size=1m", "--rw=read");
        assertEquals(1, s.exit(), s.toString());
        assertEquals(4096, Files.size(small), "not extended");
        Path whole = Files.write(dir.resolve("whole.dat"), new byte[1 << 20]);
        JfioRun w = JfioRun.run(
                "--readonly", "--name=w", "--filename=" + whole, "--size=1m", "--rw=read", "--output-format=json");
        assertEquals(1 << 20, MiniJson.integer(w.json(), "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void warningsFatalTurnsFiosTimeBasedWithoutRuntimeWarningIntoAnError() {
        String[] job = {"--name=t", "--ioengine=null", "--size=1m", "--time_based"};
        JfioRun warned = JfioRun.run(args(job, "--output-format=json"));
        assertEquals(0, warned.exit(), "runs by size, as fio: " + warned);
        assertTrue(warned.err().contains("time_based requires a runtime/timeout setting"), warned.err());
        assertEquals(1024 * 1024, MiniJson.integer(warned.json(), "jobs", 0, "read", "io_bytes"));
        JfioRun fatal = JfioRun.run(args(job, "--warnings-fatal"));
        assertEquals(1, fatal.exit(), fatal.toString());
        assertTrue(fatal.err().contains("fatal (--warnings-fatal)"), fatal.err());
        assertFalse(fatal.out().contains("Run status"), "no job ran: " + fatal.out());
    }

    @Test
    void timeoutStopsATimeBasedJob() {
        long start = System.nanoTime();
        JfioRun r = JfioRun.run(
                "--timeout=1", "--time_based", "--name=t", "--ioengine=null", "--size=1g", "--output-format=json");
        long millis = (System.nanoTime() - start) / 1_000_000;
        long runtime = MiniJson.integer(r.json(), "jobs", 0, "read", "runtime");
        assertTrue(runtime >= 900 && runtime < 3000, "runtime " + runtime);
        assertTrue(millis < 20_000, "ended after " + millis + " ms");
    }

    @Test
    void allocSizeIsAcceptedAndSaysItChangesNothing() {
        JfioRun r = JfioRun.run(args(NULL_JOB, "--alloc-size=65536", "--output-format=json"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("--alloc-size=65536 has no effect: jfio has no smalloc pool"), r.err());
        JfioRun bad = JfioRun.run(args(NULL_JOB, "--alloc-size=lots"));
        assertTrue(bad.errorLine().contains("--alloc-size=lots"), bad.toString());
    }

    @Test
    void triggerFileStopsTheJobsThenRunsTheTriggerCommand() throws Exception {
        Path trigger = dir.resolve("cut");
        Path marker = dir.resolve("fired");
        Thread toucher = new Thread(() -> {
            try {
                Thread.sleep(700);
                Files.writeString(trigger, "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        toucher.start();
        long start = System.nanoTime();
        JfioRun r = JfioRun.run(
                "--trigger-file=" + trigger,
                "--trigger=echo fired > " + marker,
                "--name=t",
                "--ioengine=null",
                "--size=1g",
                "--time_based",
                "--runtime=60",
                "--output-format=json");
        toucher.join();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, r.exit(), r.toString());
        assertTrue(millis < 20_000, "stopped by the trigger, not by runtime=60: " + millis + " ms");
        assertEquals("fired", Files.readString(marker).strip(), "the command ran");
        assertFalse(Files.exists(trigger), "fio deletes the trigger file");
        assertTrue(MiniJson.integer(r.json(), "jobs", 0, "read", "runtime") < 20_000, "the report is written");
    }

    @Test
    void triggerTimeoutFiresAfterThatTime() throws Exception {
        Path marker = dir.resolve("fired");
        long start = System.nanoTime();
        JfioRun r = JfioRun.run(
                "--trigger-timeout=1",
                "--trigger=echo late > " + marker,
                "--name=t",
                "--ioengine=null",
                "--size=1g",
                "--time_based",
                "--runtime=60",
                "--output-format=json");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(0, r.exit(), r.toString());
        assertTrue(millis >= 1000 && millis < 20_000, millis + " ms");
        assertEquals("late", Files.readString(marker).strip());
    }

    @Test
    void crctestTimesJfiosChecksumsInFiosShape() {
        JfioRun r = JfioRun.run("--crctest=xxhash,md5");
        assertEquals(0, r.exit(), r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("md5:\t\t *\\d+\\.\\d\\d MiB/sec"), lines[0]);
        assertTrue(lines[1].matches("xxhash:\t\t *\\d+\\.\\d\\d MiB/sec"), "fio's order: " + lines[1]);
        JfioRun list = JfioRun.run("--crctest=list");
        assertEquals(
                List.of("md5", "crc32c", "sha256", "xxhash"),
                List.of(list.out().strip().split("\n")));
        JfioRun fioOnly = JfioRun.run("--crctest=sha1");
        assertEquals(1, fioOnly.exit(), fioOnly.toString());
        assertTrue(fioOnly.err().contains("sha1 is one of fio's hashes that jfio's verify does not have"));
    }

    @Test
    void flagsJfioCannotHonourAreRefusedWithTheReason() {
        assertTrue(JfioRun.run("--cpuclock-test").errorLine().contains("System.nanoTime"));
        assertTrue(JfioRun.run(args(NULL_JOB, "--idle-prof=calibrate"))
                .errorLine()
                .contains("--idle-prof=calibrate is not supported"));
        assertTrue(JfioRun.run(args(NULL_JOB, "--trigger-remote=reboot"))
                .errorLine()
                .contains("no client/server mode"));
    }

    @Test
    void idleProfReportsCpuIdlenessInFiosShape() throws Exception {
        long cpus = Files.readAllLines(Path.of("/proc/stat")).stream()
                .filter(l -> l.matches("cpu\\d+ .*"))
                .count();
        JfioRun normal = JfioRun.run(args(NULL_JOB, "--idle-prof=percpu"));
        assertEquals(0, normal.exit(), normal.toString());
        String pct = "\\d+\\.\\d\\d%";
        assertTrue(
                normal.out()
                        .matches("(?s).*\n\nCPU idleness:\n  system: " + pct + "\n  percpu: " + pct + "(, " + pct + "){"
                                + (cpus - 1) + "}\n"),
                normal.out());
        Object json = JfioRun.run(args(NULL_JOB, "--idle-prof=system", "--output-format=json"))
                .json();
        double system = MiniJson.number(json, "cpu_idleness", "system");
        assertTrue(system >= 0 && system <= 100, "system " + system);
        assertFalse(((Map<?, ?>) MiniJson.at(json, "cpu_idleness")).containsKey("cpu-0"), "percpu only");
        assertTrue(
                JfioRun.run(args(NULL_JOB, "--idle-prof=sometimes")).errorLine().contains("accepted: system, percpu"));
    }

    /** Each field's kind: an integer, a decimal, "p%=v", a percentage, or text. */
    private static List<String> shapes(String[] fields) {
        List<String> s = new ArrayList<>();
        for (String f : fields) {
            s.add(
                    f.matches("-?\\d+")
                            ? "int"
                            : f.matches("-?\\d+\\.\\d+")
                                    ? "float"
                                    : f.matches(".*%=\\d+") ? "pct=" : f.endsWith("%") ? "%" : "text");
        }
        return s;
    }

    private static String[] args(String[] job, String... more) {
        List<String> all = new ArrayList<>(List.of(more));
        all.addAll(List.of(job));
        return all.toArray(new String[0]);
    }

    static Map<?, ?> firstDisk(Object json) {
        return (Map<?, ?>) MiniJson.at(json, "disk_util", 0);
    }
}
