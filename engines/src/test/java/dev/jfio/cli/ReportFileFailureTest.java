package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written to --output is never lost silently: one line naming the file and
 * the errno, exit 1, on a device that is always full and on a real full file system.
 */
class ReportFileFailureTest {
    private static final String[] SHORT_JOB = {
        "--name=short", "--ioengine=null", "--rw=read", "--bs=4k", "--size=16m", "--output-format=json"
    };

    @TempDir
    Path dir;

    @Test
    void outputToAFullDeviceIsOneLineNamingItAndExit1() {
        JfioRun run = JfioRun.run(with("--output=/dev/full"));
        assertEquals("jfio: cannot write the report to /dev/full: No space left on device (ENOSPC)", run.errorLine());
        assertEquals("", run.out());
    }

    @Test
    void outputOnAFullFileSystemIsOneLineNamingItAndExit1() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("small"));
        mountSmallTmpfs(mount);
        try {
            fill(mount.resolve("filler"));
            Path report = mount.resolve("report.json");
            JfioRun run = JfioRun.run(with("--output=" + report));
            assertEquals(
                    "jfio: cannot write the report to " + report + ": No space left on device (ENOSPC)",
                    run.errorLine());
        } finally {
            command("umount", mount.toString());
        }
    }

    @Test
    void outputThatWorksIsOneJsonDocumentAndExit0() throws Exception {
        Path report = dir.resolve("report.json");
        JfioRun run = JfioRun.run(with("--output=" + report));
        assertEquals(0, run.exit(), run.toString());
        assertEquals("", run.err());
        dev.jfio.testing.MiniJson.parse(Files.readString(report));
    }

    /** Mounts a 64 KiB tmpfs: needs root, which the tests have here and in CI (CI=true fails without it). */
    private static void mountSmallTmpfs(Path mount) throws Exception {
        boolean root = Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        if (!root) {
            String why = "the full-file-system test needs root to mount a tmpfs; not root, so it cannot run";
            if ("true".equals(System.getenv("CI"))) {
                fail(why);
            }
            assumeTrue(false, why);
        }
        assertEquals(
                0,
                command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mount.toString()),
                "mount -t tmpfs failed");
    }

    private static void fill(Path file) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int i = 0; i < 1024; i++) {
                out.write(block);
                out.flush();
            }
            fail("a 64 KiB tmpfs took 4 MiB");
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left on device"), e.toString());
        }
    }

    private static int command(String... command) throws Exception {
        Process p = new ProcessBuilder(command).inheritIO().start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " hung");
        return p.exitValue();
    }

    private static String[] with(String extra) {
        String[] all = java.util.Arrays.copyOf(SHORT_JOB, SHORT_JOB.length + 1);
        all[SHORT_JOB.length] = extra;
        return all;
    }
}
