package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JIT's compiled job loop is not thrown away by the statistics or by the job's own once-only
 * events: no sample window closing, no latency, depth or batch in a range not seen before, no end of
 * the ramp or of a pass makes compiled code hit a branch its profile never saw taken (HotSpot's
 * "unstable_if" trap, which discards the whole compiled loop and sends the job back to the
 * interpreter while it recompiles). Read from the JVM's own compilation log of a real run of the
 * bundle.
 */
class CompiledLoopIT {
    private static final Pattern TRAP = Pattern.compile(
            "<uncommon_trap thread='\\d+' [^>]*reason='unstable_if'[^>]*>\\s*<jvms bci='\\d+' method='([^']*)'");

    private static final Pattern LOOP_COMPILED =
            Pattern.compile("<nmethod [^>]*compiler='c2'[^>]*method='dev\\.jfio\\.run\\.IoLoop step ");

    /** A C2 compilation of the loop: its compile id. */
    private static final Pattern LOOP_COMPILE_ID =
            Pattern.compile("<nmethod compile_id='(\\d+)' compiler='c2'[^>]*method='dev\\.jfio\\.run\\.IoLoop step ");

    /** Any unstable_if trap: the compilation it discards, and the method its branch is in. */
    private static final Pattern ANY_TRAP = Pattern.compile("<uncommon_trap thread='\\d+' reason='unstable_if'"
            + " [^>]*compile_id='(\\d+)'[^>]*>\\s*<jvms bci='(\\d+)' method='([^']*)'");

    @TempDir
    Path dir;

    @Test
    void closingSampleWindowsAndNewLatencyRangesLeaveTheCompiledLoopInPlace() throws Exception {
        String compilation = compilationLog(
                "--rw=randrw",
                "--size=64m",
                "--runtime=2500ms"); // five bandwidth and IOPS windows, two series intervals
        List<String> traps = new ArrayList<>();
        Matcher m = TRAP.matcher(compilation);
        while (m.find()) {
            if (m.group(1).startsWith("dev.jfio.stats.")) {
                traps.add(m.group(1));
            }
        }
        assertTrue(traps.isEmpty(), "compiled code trapped on a statistics branch never taken before: " + traps);
    }

    @Test
    void theEndOfTheRampAndOfAPassAndLogWindowsLeaveTheCompiledLoopInPlace() throws Exception {
        // the loop is compiled well within the ramp's second; 16 GiB of 4 KiB blocks end the first
        // pass after it, once a second at up to 4 M IOPS; the end of runtime may trap: the job is over.
        // Logging starts at the ramp's end, and its first 250 ms window closes after that.
        String logs = dir.resolve("w").toString();
        String compilation = compilationLog(
                "--rw=read",
                "--size=16g",
                "--ramp_time=1",
                "--runtime=3",
                "--write_iops_log=" + logs,
                "--write_lat_log=" + logs,
                "--log_avg_msec=250");
        List<String> loops = new ArrayList<>();
        Matcher c = LOOP_COMPILE_ID.matcher(compilation);
        while (c.find()) {
            loops.add(c.group(1));
        }
        List<String> traps = new ArrayList<>();
        Matcher m = ANY_TRAP.matcher(compilation);
        while (m.find()) {
            String method = m.group(3);
            if (loops.contains(m.group(1))
                    && !method.startsWith("dev.jfio.run.RunClock expired")
                    && !method.startsWith("dev.jfio.run.IoLoop runToEnd")) {
                traps.add(method + " at bci " + m.group(2));
            }
        }
        assertTrue(traps.isEmpty(), "the compiled IoLoop.step trapped on a branch never taken before: " + traps);
    }

    /** Runs the null engine with {@code options} under -XX:+LogCompilation; returns the log. */
    private String compilationLog(String... options) throws Exception {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        Path log = dir.resolve("compilation.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UnlockDiagnosticVMOptions",
                "-XX:+LogCompilation",
                "-XX:LogFile=" + log,
                "-jar",
                bundle,
                "--name=loop",
                "--ioengine=null",
                "--bs=4k",
                "--iodepth=1",
                "--time_based",
                "--output-format=json"));
        command.addAll(List.of(options));
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.json").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jfio did not end");
        assertEquals(0, p.exitValue(), () -> read(dir.resolve("err.txt")));
        String compilation = Files.readString(log);
        // no trap means something only if the loop was compiled by C2 and the log is read right
        assertTrue(LOOP_COMPILED.matcher(compilation).find(), "the log shows no C2 compilation of IoLoop.step");
        return compilation;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
