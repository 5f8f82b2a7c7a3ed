package dev.jfio.engine.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync_file_range=flags:N: every N writes the job's file gets a sync_file_range(2) with those
 * flags (seen by strace in a child JVM), counted in the report's sync section, never an fsync.
 */
class SyncFileRangeJobsTest {
    @TempDir
    Path dir;

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    /** Runs the jfio command in a child JVM under strace; returns the syscalls strace saw. */
    private List<String> traced(String... args) throws Exception {
        boolean present = onPath("strace");
        if (!present && "true".equals(System.getenv("CI"))) {
            fail("strace is needed (Debian: apt-get install strace)");
        }
        assumeTrue(present, "needs strace (Debian: apt-get install strace)");
        Path trace = dir.resolve("trace");
        List<String> command = new ArrayList<>(
                List.of("strace", "-f", "-o", trace.toString(), "-e", "trace=sync_file_range,fsync,fdatasync"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.jfio.cli.Main");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("the child JVM did not end: " + command);
        }
        assertEquals(0, p.exitValue(), new String(err, StandardCharsets.UTF_8));
        return Files.readAllLines(trace).stream()
                .filter(l -> l.contains("sync_file_range(") || l.contains("fsync(") || l.contains("fdatasync("))
                .toList();
    }

    @Test
    void everyFourthWriteIssuesSyncFileRangeWithTheFlagsAndTheReportCountsThem() throws Exception {
        for (String engine : List.of("psync", "libaio")) {
            Path out = dir.resolve(engine + ".json");
            List<String> calls = traced(
                    "--name=s",
                    "--ioengine=" + engine,
                    "--filename=" + dir.resolve("f"),
                    "--size=64k",
                    "--bs=4k",
                    "--rw=write",
                    "--sync_file_range=wait_before,write:4",
                    "--output-format=json",
                    "--output=" + out);
            assertTrue(
                    calls.stream().allMatch(c -> c.contains("SYNC_FILE_RANGE_WAIT_BEFORE|SYNC_FILE_RANGE_WRITE")),
                    engine + ": " + calls);
            long syncs = MiniJson.integer(MiniJson.parse(Files.readString(out)), "jobs", 0, "sync", "total_ios");
            assertEquals(calls.size(), syncs, engine + ": the report counts each call: " + calls);
            assertEquals(
                    3, syncs, engine + ": 16 writes, a sync after each 4th one that another write follows (fio: 3)");
        }
    }

    @Test
    void aFlagOutsideWaitBeforeWriteWaitAfterOrACombinationWithFsyncIsRefused() {
        JfioRun run = JfioRun.run(
                "--name=s",
                "--filename=" + dir.resolve("f"),
                "--size=64k",
                "--rw=write",
                "--sync_file_range=write,flush:4");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("sync_file_range=write,flush:4: unknown flag 'flush'"), run.err());
        JfioRun both = JfioRun.run(
                "--name=s",
                "--filename=" + dir.resolve("f"),
                "--size=64k",
                "--rw=write",
                "--fsync=2",
                "--sync_file_range=write");
        assertEquals(1, both.exit(), both.toString());
        assertTrue(both.err().contains("sync_file_range cannot be combined with fsync"), both.err());
    }
}
