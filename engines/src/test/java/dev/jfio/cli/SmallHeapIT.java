package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundle in a small heap (issue 11): many jobs fit, since each job's histograms are sized to
 * what it records; and running out of memory anyway is one line on stderr with the remedy, a
 * non-zero exit and, when jobs ran, their report; never a stack trace.
 */
class SmallHeapIT {
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    private static void assertNoTrace(String stderr) {
        assertFalse(stderr.contains("Exception"), stderr);
        assertFalse(stderr.contains("\tat "), stderr);
    }

    /** The lines of stderr that are not the JVM's notice of JAVA_TOOL_OPTIONS. */
    private static List<String> jfioLines(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("Picked up ")).toList();
    }

    @Test
    void hundredNullJobsRunInA64MibHeap() throws Exception {
        BundleProcess jfio = BundleProcess.start(
                dir,
                List.of("-Xmx64m"),
                "--name=t",
                "--ioengine=null",
                "--size=1m",
                "--numjobs=100",
                "--output-format=json");
        assertEquals(0, jfio.waitFor(TIMEOUT_SECONDS), jfio.stderr());
        assertNoTrace(jfio.stderr());
        Object doc = MiniJson.parse(jfio.stdout());
        for (int i = 0; i < 100; i++) {
            assertEquals(256, MiniJson.integer(doc, "jobs", i, "read", "total_ios"));
            assertEquals(0, MiniJson.integer(doc, "jobs", i, "error"));
            assertTrue(MiniJson.integer(doc, "jobs", i, "read", "clat_ns", "percentile", "99.000000") > 0);
        }
    }

    @Test
    void twoHundredGroupReportedJobsRunInA128MibHeap() throws Exception {
        BundleProcess jfio = BundleProcess.start(
                dir,
                List.of("-Xmx128m"),
                "--name=t",
                "--ioengine=null",
                "--size=1m",
                "--numjobs=200",
                "--group_reporting",
                "--output-format=json");
        assertEquals(0, jfio.waitFor(TIMEOUT_SECONDS), jfio.stderr());
        assertNoTrace(jfio.stderr());
        Object doc = MiniJson.parse(jfio.stdout());
        assertEquals(200 * 256, MiniJson.integer(doc, "jobs", 0, "read", "total_ios"));
        assertEquals(200 * 256, MiniJson.integer(doc, "jobs", 0, "read", "clat_ns", "N"));
    }

    @Test
    void runningOutOfHeapAtSetupIsOneLineWithTheRemedy() throws Exception {
        BundleProcess jfio = BundleProcess.start(
                dir,
                List.of("-Xmx16m"),
                "--name=t",
                "--ioengine=null",
                "--size=1m",
                "--numjobs=2000",
                "--output-format=json");
        int exit = jfio.waitFor(TIMEOUT_SECONDS);
        String stderr = jfio.stderr();
        assertEquals(1, exit, stderr);
        assertNoTrace(stderr);
        List<String> lines = jfioLines(stderr);
        assertEquals(1, lines.size(), stderr);
        assertTrue(
                lines.get(0)
                        .startsWith("jfio: out of memory (Java heap space) with 2000 jobs; give the JVM more"
                                + " with JAVA_TOOL_OPTIONS=-Xmx"),
                stderr);
        assertTrue(lines.get(0).contains("JFIO_JAVA_OPTS=-Xmx"), stderr);
        assertEquals("", jfio.stdout(), "nothing ran, so there is no report");
    }

    @Test
    void aJobRunningOutOfMemoryFailsWithEnomemAndTheReportIsWritten() throws Exception {
        // a 32 MiB buffer does not fit the direct memory of a 16 MiB heap; the job thread allocates it
        BundleProcess jfio = BundleProcess.start(
                dir,
                List.of("-Xmx16m"),
                "--name=big",
                "--ioengine=null",
                "--size=64m",
                "--bs=32m",
                "--output-format=json");
        int exit = jfio.waitFor(TIMEOUT_SECONDS);
        String stderr = jfio.stderr();
        assertEquals(1, exit, stderr);
        assertNoTrace(stderr);
        List<String> lines = jfioLines(stderr);
        assertEquals(1, lines.size(), stderr);
        assertTrue(
                lines.get(0).startsWith("jfio: out of memory (")
                        && lines.get(0)
                                .contains(" with 1 job; give the JVM"
                                        + " more with JAVA_TOOL_OPTIONS=-XX:MaxDirectMemorySize="),
                stderr);
        Object doc = MiniJson.parse(jfio.stdout());
        assertEquals(12, MiniJson.integer(doc, "jobs", 0, "error"), "ENOMEM");
    }
}
