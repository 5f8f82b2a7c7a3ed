package dev.jfio.engine.file.uring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs on engine {@code io_uring} through the jfio command: fio's job files unchanged, depth,
 * verify, registered files, kernel errors, and what a user sees when the kernel, a sandbox or a
 * limit refuses (those in a child JVM under strace or prlimit).
 */
class IoUringJobsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private static String[] json(String... a) {
        List<String> l = new ArrayList<>(List.of(a));
        l.add("--output-format=json");
        return l.toArray(new String[0]);
    }

    @Test
    void fioJobFileRunsUnchangedAndKeeps32InFlight() throws IOException {
        Path jobs = dir.resolve("uring.fio");
        Files.writeString(
                jobs,
                "[global]\nioengine=io_uring\ndirect=1\niodepth=32\nrw=randread\nbs=4k\nsize=16m\nfilename="
                        + dir.resolve("data") + "\n\n[job]\n");
        JfioRun run = JfioRun.run(json(jobs.toString()));
        assertEquals(0, run.exit(), run.toString());
        Object json = run.json();
        assertEquals(4096, MiniJson.integer(json, "jobs", 0, "read", "total_ios"));
        assertTrue(MiniJson.number(json, "jobs", 0, "iodepth_level", "32") > 0, "depth 32 was reached: " + run.out());
        assertEquals("1", MiniJson.at(json, "jobs", 0, "jfio", "engine", "direct"));
    }

    @Test
    void verifyRoundTripsAtDepthDirectAndBuffered() {
        for (String direct : new String[] {"1", "0"}) {
            JfioRun run = JfioRun.run(json(
                    "--name=v",
                    "--ioengine=io_uring",
                    "--filename=" + dir.resolve("v" + direct),
                    "--size=4m",
                    "--rw=randwrite",
                    "--bs=4k",
                    "--iodepth=16",
                    "--direct=" + direct,
                    "--verify=crc32c"));
            assertEquals(0, run.exit(), run.toString());
            assertEquals(1024, MiniJson.integer(run.json(), "jobs", 0, "write", "total_ios"), run.toString());
            assertEquals(1024, MiniJson.integer(run.json(), "jobs", 0, "read", "total_ios"), run.toString());
        }
    }

    @Test
    void registeredFilesFollowFilesOpenedAndClosedUnderOpenfiles() throws IOException {
        JfioRun run = JfioRun.run(json(
                "--name=r",
                "--ioengine=io_uring",
                "--registerfiles=1",
                "--directory=" + dir,
                "--nrfiles=4",
                "--openfiles=2",
                "--size=4m",
                "--rw=randwrite",
                "--iodepth=8"));
        assertEquals(0, run.exit(), run.toString());
        assertEquals(1024, MiniJson.integer(run.json(), "jobs", 0, "write", "total_ios"), run.toString());
        for (int i = 0; i < 4; i++) {
            assertEquals(MIB, Files.size(dir.resolve("r.0." + i)));
        }
    }

    @Test
    void trimsPunchHolesAndFlushesSyncThroughTheRing() throws IOException {
        JfioRun run = JfioRun.run(json(
                "--name=t",
                "--ioengine=io_uring",
                "--filename=" + dir.resolve("t"),
                "--size=1m",
                "--rw=randtrim",
                "--bs=64k",
                "--iodepth=4"));
        assertEquals(0, run.exit(), run.toString());
        assertEquals(16, MiniJson.integer(run.json(), "jobs", 0, "trim", "total_ios"), run.toString());
        run = JfioRun.run(json(
                "--name=s",
                "--ioengine=io_uring",
                "--filename=" + dir.resolve("s"),
                "--size=128k",
                "--rw=write",
                "--fsync=4",
                "--iodepth=4"));
        assertEquals(0, run.exit(), run.toString());
        // 32 writes: a sync after each 4th one that another write follows (as fio: 7)
        assertEquals(7, MiniJson.integer(run.json(), "jobs", 0, "sync", "total_ios"), run.toString());
    }

    @Test
    void kernelReadErrorsFailTheirIoWithEioAndCountUnderContinueOnError() throws Exception {
        try (FuseDisk disk = FuseDisk.mount(dir, "4M", "error", "error=EIO", "error-pread-rate=25%")) {
            JfioRun run = JfioRun.run(json(
                    "--name=e",
                    "--ioengine=io_uring",
                    "--filename=" + disk.file,
                    "--size=1m",
                    "--rw=randread",
                    "--iodepth=8",
                    "--continue_on_error=read"));
            assertEquals(0, run.exit(), run.toString());
            long errors = MiniJson.integer(run.json(), "jobs", 0, "total_err");
            assertTrue(errors > 0 && errors < 256, errors + " of 256 reads failed");
            assertEquals(5, MiniJson.integer(run.json(), "jobs", 0, "first_error"), run.out());
            run = JfioRun.run(
                    json("--name=e", "--ioengine=io_uring", "--filename=" + disk.file, "--size=1m", "--rw=randread"));
            assertEquals(1, run.exit(), "without continue_on_error the first EIO fails the job");
            assertTrue(run.err().contains("EIO (io_uring read failed)"), run.err());
        }
    }

    @Test
    void waitForReadsTheDeviceHoldsEndsAtTheJobsTimeLimit() throws Exception {
        try (FuseDisk disk = FuseDisk.mount(dir, "4M", "delay", "rdelay=1")) {
            long start = System.nanoTime();
            JfioRun run = JfioRun.run(json(
                    "--name=d",
                    "--ioengine=io_uring",
                    "--filename=" + disk.file,
                    "--size=1m",
                    "--rw=randread",
                    "--iodepth=4",
                    "--runtime=300ms",
                    "--time_based",
                    "--drain_timeout=300ms"));
            long took = System.nanoTime() - start;
            assertNotEquals(0, run.exit(), "reads still held at the time limit fail the job");
            assertTrue(run.err().contains("ETIMEDOUT") || run.err().contains("timed out"), run.err());
            assertTrue(took < TimeUnit.SECONDS.toNanos(5), "took " + took / 1_000_000 + " ms");
        }
    }

    // ---- the kernel, a sandbox or a limit says no: one line, in a child JVM --------------------

    /** Runs the jfio command in a child JVM behind {@code wrapper}; returns exit code and stderr. */
    private static String[] child(List<String> wrapper, String... args) throws Exception {
        List<String> command = new ArrayList<>(wrapper);
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
        return new String[] {Integer.toString(p.exitValue()), new String(err, StandardCharsets.UTF_8)};
    }

    private static void requireTool(String tool, String pkg) {
        boolean present = FuseDisk.onPath(tool);
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(tool + " is needed (Debian: apt-get install " + pkg + ")");
        }
        assumeTrue(present, "needs " + tool + " (Debian: apt-get install " + pkg + ")");
    }

    @Test
    void kernelOrSandboxWithoutIoUringIsOneLineSuggestingLibaioOrPsync() throws Exception {
        requireTool("strace", "strace");
        Path data = Files.write(dir.resolve("d"), new byte[MIB]);
        String[][] cases = {
            {"EPERM", "Operation not permitted (EPERM): this kernel or sandbox does not allow io_uring"},
            {"ENOSYS", "Function not implemented (ENOSYS): this kernel has no io_uring"}
        };
        for (String[] c : cases) {
            String[] r = child(
                    List.of(
                            "strace",
                            "-f",
                            "--seccomp-bpf",
                            "-o",
                            "/dev/null",
                            "-e",
                            "trace=io_uring_setup",
                            "-e",
                            "inject=io_uring_setup:error=" + c[0]),
                    "--name=x",
                    "--ioengine=io_uring",
                    "--filename=" + data,
                    "--size=1m",
                    "--rw=read");
            assertEquals("1", r[0], r[1]);
            List<String> lines = r[1].lines().filter(l -> l.startsWith("jfio:")).toList();
            assertEquals(1, lines.size(), r[1]);
            assertEquals(
                    "jfio: x: ioengine=io_uring: io_uring_setup failed: " + c[1]
                            + (c[0].equals("EPERM") ? " (kernel.io_uring_disabled, seccomp, a container profile)" : "")
                            + "; use ioengine=libaio or ioengine=psync instead",
                    lines.get(0));
            assertFalse(r[1].contains("Exception"), r[1]);
        }
    }

    @Test
    void fixedbufsOverTheLockedMemoryLimitNamesTheLimitAndHowToRaiseIt() throws Exception {
        requireTool("prlimit", "util-linux");
        requireTool("setpriv", "util-linux");
        String[] r = child(
                List.of(
                        "prlimit",
                        "--memlock=65536:65536",
                        "setpriv",
                        "--bounding-set=-ipc_lock",
                        "--inh-caps=-ipc_lock"),
                "--name=m",
                "--ioengine=io_uring",
                "--filename=" + dir.resolve("m"),
                "--size=1m",
                "--rw=read",
                "--bs=64k",
                "--iodepth=16",
                "--direct=1",
                "--fixedbufs=1");
        assertEquals("1", r[0], r[1]);
        assertTrue(
                r[1].contains(
                        "jfio: m: fixedbufs=1 pins 16 I/O buffers of 64 KiB (1024 KiB) but the locked-memory limit"
                                + " RLIMIT_MEMLOCK is 64 KiB: raise it (ulimit -l 1088"),
                r[1]);
    }
}
