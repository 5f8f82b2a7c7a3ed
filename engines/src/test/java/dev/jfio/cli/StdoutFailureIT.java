package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.BundleProcess;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report that cannot be written to stdout is never lost silently: the real command (the bundle
 * in its own JVM) says so in one line naming stdout and the errno, and exits 1.
 */
class StdoutFailureIT {
    private static final String[] SHORT_JOB = {
        "--name=short", "--ioengine=null", "--rw=read", "--bs=4k", "--size=64m", "--output-format=json"
    };

    @TempDir
    Path dir;

    @Test
    void stdoutOnAFullDeviceIsOneLineAndExit1() throws Exception {
        BundleProcess jfio = BundleProcess.start(dir, ProcessBuilder.Redirect.to(new File("/dev/full")), SHORT_JOB);
        assertTrue(jfio.waitForExit(System.nanoTime()) >= 0, "jfio did not end: " + jfio.stderr());
        assertEquals(1, jfio.exitValue(), jfio.stderr());
        assertEquals("jfio: cannot write the report to stdout: No space left on device (ENOSPC)\n", jfio.stderr());
    }

    @Test
    void aReaderThatClosedThePipeIsOneLineAndExit1() throws Exception {
        BundleProcess jfio = BundleProcess.start(dir, ProcessBuilder.Redirect.PIPE, SHORT_JOB);
        jfio.closeStdoutPipe(); // as `jfio ... | head -c 10` once head has gone
        assertTrue(jfio.waitForExit(System.nanoTime()) >= 0, "jfio did not end: " + jfio.stderr());
        assertEquals(1, jfio.exitValue(), jfio.stderr());
        assertEquals("jfio: cannot write the report to stdout: Broken pipe (EPIPE)\n", jfio.stderr());
    }
}
