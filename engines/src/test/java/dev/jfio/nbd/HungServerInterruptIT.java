package dev.jfio.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals while every job waits on a server that does not answer (nbdkit's delay filter, 30 s per
 * read): one Ctrl-C is enough (the jobs are interrupted, the report is printed, the exit is 128);
 * a second signal exits at once, without waiting for the blocked jobs.
 */
class HungServerInterruptIT {
    @TempDir
    Path dir;

    @Test
    void oneCtrlCStopsJobsBlockedOnAHungServerAndPrintsTheReport() throws Exception {
        try (ServerFixture s = hungServer()) {
            BundleProcess jfio = startHung(s);
            long ms = jfio.interruptAndWait();
            String stderr = jfio.stderr();
            assertTrue(ms >= 0, "one Ctrl-C did not stop jfio: " + stderr);
            assertEquals(128, jfio.exitValue(), stderr);
            assertTrue(ms < 5000, "stopping took " + ms + " ms");
            Object doc = MiniJson.parse(jfio.stdout());
            assertEquals("hung", MiniJson.at(doc, "jobs", 0, "jobname"));
        }
    }

    @Test
    void aSecondSignalExitsAtOnceWithoutTheReport() throws Exception {
        try (ServerFixture s = hungServer()) {
            BundleProcess jfio = startHung(s);
            jfio.signal("TERM");
            // the jobs are blocked: jfio waits a second before interrupting them, the window for the second signal
            jfio.awaitStderr("stopping the jobs");
            long sent = System.nanoTime();
            jfio.signal("TERM");
            long ms = jfio.waitForExit(sent);
            String stderr = jfio.stderr();
            assertTrue(ms >= 0, "a second SIGTERM did not stop jfio: " + stderr);
            assertEquals(128 + 15, jfio.exitValue(), stderr);
            assertTrue(stderr.contains("SIGTERM again, exiting now"), stderr);
            assertEquals("", jfio.stdout());
        }
    }

    /** nbdkit that takes 30 s per read, verbose (-v) so that its log shows each read arriving. */
    private ServerFixture hungServer() throws Exception {
        return ServerFixture.nbdkitUnix(dir, "64M", "-v", "--filter=delay", "rdelay=30");
    }

    /** Starts jfio against the hung server and returns once its reads are at the server (and so blocked). */
    private BundleProcess startHung(ServerFixture s) throws Exception {
        BundleProcess jfio = BundleProcess.start(
                dir,
                "--name=hung",
                "--ioengine=nbd",
                "--uri=" + s.uri(),
                "--rw=randread",
                "--bs=4k",
                "--iodepth=4",
                "--size=16m",
                "--output-format=json");
        jfio.await(() -> s.logLines("delay: pread") > 0, "a read at the server");
        return jfio;
    }
}
