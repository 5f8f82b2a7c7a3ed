package dev.jfio.engine.file.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.MiniJson;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel failing AIO calls, made with strace's fault injection on a jfio process: io_setup
 * refused (EAGAIN, as when /proc/sys/fs/aio-max-nr is exhausted; ENOSYS, as without AIO), and
 * io_submit failing requests with EIO mid-run. strace is required in CI (CI=true); elsewhere the
 * tests are skipped without it. strace 6.1 injects only into traced calls, so the call is traced
 * (into /dev/null), not {@code trace=none}.
 */
class LibaioFaultInjectionTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @BeforeAll
    static void straceIsInstalled() {
        boolean found = false;
        for (String entry :
                System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            found |= Files.isExecutable(Path.of(entry, "strace"));
        }
        if (!found && "true".equals(System.getenv("CI"))) {
            fail("strace is not installed: CI needs it for the fault injection tests (Debian package strace)");
        }
        assumeTrue(found, "strace is not installed (Debian package strace)");
    }

    /** Runs jfio in a JVM under {@code strace -f -e trace=CALL -e inject=CALL:SPEC}; returns exit, stdout, stderr. */
    private String[] jfioUnderStrace(String inject, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "strace",
                "-f",
                "-o",
                "/dev/null",
                "-e",
                "trace=" + inject.substring(0, inject.indexOf(':')),
                "-e",
                "inject=" + inject,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.jfio.cli.Main"));
        command.addAll(List.of(args));
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("jfio under strace did not finish in 120 s");
        }
        return new String[] {
            String.valueOf(process.exitValue()),
            Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8)
        };
    }

    private String[] job(String inject, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "--name=j",
                "--ioengine=libaio",
                "--filename=" + dir.resolve("data"),
                "--size=4m",
                "--rw=randread",
                "--bs=4k",
                "--direct=1",
                "--iodepth=8"));
        args.addAll(List.of(extra));
        return jfioUnderStrace(inject, args.toArray(new String[0]));
    }

    @Test
    void ioSetupRefusedWithEagainIsOneLineNamingAioMaxNr() throws Exception {
        String[] run = job("io_setup:error=EAGAIN");
        assertEquals("1", run[0], run[2]);
        String[] lines = run[2].strip().split("\n");
        String line = lines[lines.length - 1];
        assertTrue(
                line.contains("ioengine=libaio: io_setup(8 events) failed: EAGAIN (Resource temporarily unavailable): "
                        + "the system-wide limit of AIO events is reached (/proc/sys/fs/aio-nr is "),
                run[2]);
        assertTrue(line.contains("raise it (sysctl -w fs.aio-max-nr=1048576) or lower iodepth or numjobs"), line);
        assertTrue(!run[2].contains("\tat "), "no stack trace: " + run[2]);
    }

    @Test
    void ioSetupMissingIsOneLineSuggestingPsync() throws Exception {
        String[] run = job("io_setup:error=ENOSYS");
        assertEquals("1", run[0], run[2]);
        assertTrue(
                run[2].contains("this kernel has no AIO (CONFIG_AIO is off) or a sandbox hides io_setup; "
                        + "use ioengine=psync instead"),
                run[2]);
        assertTrue(!run[2].contains("\tat "), "no stack trace: " + run[2]);
    }

    @Test
    void requestsTheKernelFailsWithEioAreCountedUnderContinueOnError() throws Exception {
        // every 20th io_submit from the 10th on fails: the request it carried fails with EIO
        String[] run = job("io_submit:error=EIO:when=10+20", "--continue_on_error=read", "--output-format=json");
        assertEquals("0", run[0], run[2]);
        Object json = MiniJson.parse(run[1]);
        long errors = MiniJson.integer(json, "jobs", 0, "total_err");
        assertTrue(errors > 0, run[1]);
        assertEquals(5, MiniJson.integer(json, "jobs", 0, "first_error"), "EIO");
        assertEquals(
                4 * MIB - errors * 4096,
                MiniJson.integer(json, "jobs", 0, "read", "io_bytes"),
                "every other read completes: " + run[2]);
    }
}
