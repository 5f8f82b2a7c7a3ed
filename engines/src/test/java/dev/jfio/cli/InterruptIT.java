package dev.jfio.cli;

import dev.jfio.testing.MiniJson;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Ctrl-C on the real command (the bundle jar in its own JVM): the jobs stop, the partial report
 * is printed, and the exit status is 130.
 */
class InterruptIT {

    @Test
    void sigintStopsTheJobsPrintsThePartialReportAndExits130() throws Exception {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        Path out = Files.createTempFile("jfio-interrupt", ".json");
        Path err = Files.createTempFile("jfio-interrupt", ".err");
        try {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process p = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED", "-jar", bundle,
                    "--name=long", "--ioengine=null", "--rw=randread", "--bs=4k", "--size=1g", "--time_based",
                    "--runtime=120", "--rate_iops=20000", "--output-format=json"))
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // wait until the job runs (the JVM has started and the report header would be out)
            Thread.sleep(2000);
            assertTrue(p.isAlive(), "jfio ended early: " + Files.readString(err));
            long sent = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).redirectError(new File("/dev/null")).start()
                    .waitFor(5, TimeUnit.SECONDS);
            boolean ended = p.waitFor(10, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            assertTrue(ended, "jfio did not stop within 10 s of SIGINT");
            long stopMs = (System.nanoTime() - sent) / 1_000_000;
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertEquals(130, p.exitValue(), stderr);
            assertTrue(stderr.contains("stopping the jobs"), stderr);
            Object doc = MiniJson.parse(Files.readString(out, StandardCharsets.UTF_8));
            long ios = MiniJson.integer(doc, "jobs", 0, "read", "total_ios");
            assertTrue(ios > 10_000 && ios < 120 * 20_000, "partial run did " + ios + " I/Os");
            assertTrue(stopMs < 5000, "stopping took " + stopMs + " ms");
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
