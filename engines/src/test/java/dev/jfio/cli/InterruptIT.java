package dev.jfio.cli;

import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C on the real command (the bundle jar in its own JVM): the jobs stop, the partial report
 * is printed, and the exit status is 130.
 */
class InterruptIT {
    @TempDir
    Path dir;

    @Test
    void sigintStopsTheJobsPrintsThePartialReportAndExits130() throws Exception {
        BundleProcess jfio = BundleProcess.start(dir, "--name=long", "--ioengine=null", "--rw=randread", "--bs=4k",
                "--size=1g", "--time_based", "--runtime=120", "--rate_iops=20000", "--output-format=json");
        // wait until the job runs (the JVM has started and the job is under way)
        Thread.sleep(2000);
        assertTrue(jfio.isAlive(), "jfio ended early: " + jfio.stderr());
        long stopMs = jfio.interruptAndWait();
        String stderr = jfio.stderr();
        assertTrue(stopMs >= 0, "jfio did not stop within 10 s of SIGINT: " + stderr);
        assertEquals(130, jfio.exitValue(), stderr);
        assertTrue(stderr.contains("stopping the jobs"), stderr);
        Object doc = MiniJson.parse(jfio.stdout());
        long ios = MiniJson.integer(doc, "jobs", 0, "read", "total_ios");
        assertTrue(ios > 10_000 && ios < 120 * 20_000, "partial run did " + ios + " I/Os");
        assertTrue(stopMs < 5000, "stopping took " + stopMs + " ms");
    }
}
