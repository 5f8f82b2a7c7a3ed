package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.BundleProcess;
import dev.jfio.testing.MiniJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGINT (Ctrl-C) and SIGTERM (systemd, Kubernetes, timeout) on the real command (the bundle jar
 * in its own JVM): the jobs stop, the partial report is written as one JSON document to stdout or
 * to --output, and the exit status is 128, as fio 3.33's.
 */
class InterruptIT {
    private static final String[] LONG_JOB = {
        "--name=long",
        "--ioengine=null",
        "--rw=randread",
        "--bs=4k",
        "--size=1g",
        "--time_based",
        "--runtime=120",
        "--rate_iops=20000",
        "--output-format=json",
        "--eta=always"
    };

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalStopsTheJobsPrintsThePartialReportAndExits128(String signal) throws Exception {
        BundleProcess jfio = BundleProcess.start(dir, LONG_JOB);
        jfio.awaitStderr(BundleProcess.READING);
        long stopMs = jfio.signalAndWait(signal);
        String stderr = jfio.stderr();
        assertTrue(stopMs >= 0, "jfio did not stop within 10 s of SIG" + signal + ": " + stderr);
        assertEquals(128, jfio.exitValue(), stderr);
        assertTrue(stderr.contains("SIG" + signal + ": stopping the jobs"), stderr);
        long ios = MiniJson.integer(MiniJson.parse(jfio.stdout()), "jobs", 0, "read", "total_ios");
        assertTrue(ios > 0 && ios < 120 * 20_000, "partial run did " + ios + " I/Os");
        assertTrue(stopMs < 5000, "stopping took " + stopMs + " ms");
    }

    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalWritesThePartialReportToTheOutputFile(String signal) throws Exception {
        Path report = dir.resolve("report.json");
        BundleProcess jfio = BundleProcess.start(dir, with(LONG_JOB, "--output=" + report));
        jfio.awaitStderr(BundleProcess.READING);
        long stopMs = jfio.signalAndWait(signal);
        String stderr = jfio.stderr();
        assertTrue(stopMs >= 0, "jfio did not stop within 10 s of SIG" + signal + ": " + stderr);
        assertEquals(128, jfio.exitValue(), stderr);
        assertEquals("", jfio.stdout());
        Object doc = MiniJson.parse(Files.readString(report));
        assertEquals("long", MiniJson.at(doc, "jobs", 0, "jobname"));
        assertTrue(MiniJson.integer(doc, "jobs", 0, "read", "total_ios") > 0, Files.readString(report));
    }

    private static String[] with(String[] args, String extra) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 1);
        all[args.length] = extra;
        return all;
    }
}
