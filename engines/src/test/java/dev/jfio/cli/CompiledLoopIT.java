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
 * The JIT's compiled job loop is not thrown away by the statistics: no sample window closing, no
 * latency, depth or batch in a range not seen before makes compiled code hit a branch its profile
 * never saw taken (HotSpot's "unstable_if" trap, which discards the whole compiled loop and sends the
 * job back to the interpreter while it recompiles). Read from the JVM's own compilation log of a
 * real run of the bundle.
 */
class CompiledLoopIT {
    private static final Pattern TRAP = Pattern.compile(
            "<uncommon_trap thread='\\d+' [^>]*reason='unstable_if'[^>]*>\\s*<jvms bci='\\d+' method='([^']*)'");

    private static final Pattern LOOP_COMPILED =
            Pattern.compile("<nmethod [^>]*compiler='c2'[^>]*method='dev\\.jfio\\.run\\.IoLoop step ");

    @TempDir
    Path dir;

    @Test
    void closingSampleWindowsAndNewLatencyRangesLeaveTheCompiledLoopInPlace() throws Exception {
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
                "--rw=randrw",
                "--bs=4k",
                "--size=64m",
                "--iodepth=1",
                "--time_based",
                "--runtime=2500ms", // five bandwidth and IOPS windows, two series intervals
                "--output-format=json"));
        Process p = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.json").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "jfio did not end");
        assertEquals(0, p.exitValue(), () -> read(dir.resolve("err.txt")));
        String compilation = Files.readString(log);
        // no trap means something only if the loop was compiled by C2 and the log is read right
        assertTrue(LOOP_COMPILED.matcher(compilation).find(), "the log shows no C2 compilation of IoLoop.step");
        List<String> traps = new ArrayList<>();
        Matcher m = TRAP.matcher(compilation);
        while (m.find()) {
            if (m.group(1).startsWith("dev.jfio.stats.")) {
                traps.add(m.group(1));
            }
        }
        assertTrue(traps.isEmpty(), "compiled code trapped on a statistics branch never taken before: " + traps);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
