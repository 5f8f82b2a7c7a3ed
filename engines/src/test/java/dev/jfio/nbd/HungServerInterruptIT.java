package dev.jfio.nbd;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ctrl-C while every job waits on a server that does not answer (nbdkit's delay filter, 30 s per
 * read): one Ctrl-C is enough; the jobs are interrupted, the report is printed, the exit is 130.
 */
class HungServerInterruptIT {
    @TempDir
    Path dir;

    @Test
    void oneCtrlCStopsJobsBlockedOnAHungServerAndPrintsTheReport() throws Exception {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=delay", "rdelay=30")) {
            BundleProcess jfio = BundleProcess.start(dir, "--name=hung", "--ioengine=nbd", "--uri=" + s.uri(),
                    "--rw=randread", "--bs=4k", "--iodepth=4", "--size=16m", "--output-format=json");
            Thread.sleep(2500);
            assertTrue(jfio.isAlive(), "jfio ended early: " + jfio.stderr());
            long ms = jfio.interruptAndWait();
            String stderr = jfio.stderr();
            assertTrue(ms >= 0, "one Ctrl-C did not stop jfio: " + stderr);
            assertEquals(130, jfio.exitValue(), stderr);
            assertTrue(ms < 5000, "stopping took " + ms + " ms");
            Object doc = MiniJson.parse(jfio.stdout());
            assertEquals("hung", MiniJson.at(doc, "jobs", 0, "jobname"));
        }
    }
}
