package dev.jfio.nbd;

import dev.jfio.testing.MiniJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C while every job waits on a server that does not answer (nbdkit's delay filter, 30 s per
 * read): one Ctrl-C is enough; the jobs are interrupted, the report is printed, the exit is 130.
 */
class HungServerInterruptIT {
    @TempDir
    Path dir;

    @Test
    void oneCtrlCStopsJobsBlockedOnAHungServerAndPrintsTheReport() throws Exception {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        try (NbdServerProcess s = NbdServerProcess.nbdkit(dir, "--filter=delay", "memory", "size=64M", "rdelay=30")) {
            Path out = dir.resolve("out.json");
            Path err = dir.resolve("err.txt");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", bundle,
                    "--name=hung", "--ioengine=nbd", "--uri=" + s.uri(), "--rw=randread", "--bs=4k", "--iodepth=4",
                    "--size=16m", "--output-format=json"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            Thread.sleep(2500);
            assertTrue(p.isAlive(), "jfio ended early: " + Files.readString(err));
            long sent = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectError(new File("/dev/null")).start()
                    .waitFor(5, TimeUnit.SECONDS);
            boolean ended = p.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertTrue(ended, "one Ctrl-C did not stop jfio: " + stderr);
            long ms = (System.nanoTime() - sent) / 1_000_000;
            assertEquals(130, p.exitValue(), stderr);
            assertTrue(ms < 5000, "stopping took " + ms + " ms");
            Object doc = MiniJson.parse(Files.readString(out, StandardCharsets.UTF_8));
            assertEquals("hung", MiniJson.at(doc, "jobs", 0, "jobname"));
        }
    }
}
