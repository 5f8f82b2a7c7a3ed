package dev.jfio.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jfio report}'s input and output: fio 3.33's own JSON report is read (with fio's log files
 * next to it for the time series), and bad input or an unwritable output is one line naming the
 * file and what is wrong, with exit status 1.
 */
class ReportCommandTest {
    /** fio 3.33's json+ report of a null-engine randrw job, as the test resources keep it. */
    private static final String FIO_JSONPLUS = "/report/fio-3.33-null-randrw.jsonplus.json";

    @TempDir
    Path dir;

    private record Outcome(int exit, String out, String err) {}

    private static Outcome run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = ReportCommand.run(
                List.of(args),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Outcome o, String... parts) {
        assertEquals(1, o.exit(), o.toString());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("jfio report: "), o.err());
        for (String p : parts) {
            assertTrue(o.err().contains(p), "expected '" + p + "' in: " + o.err());
        }
        assertFalse(o.err().contains("Exception"), o.err());
    }

    /** A copy of fio 3.33's json+ report of a null-engine job ("null-randrw"), in the test's directory. */
    private Path fioReport() throws Exception {
        Path copy = dir.resolve("fio.json");
        try (var in = ReportCommandTest.class.getResourceAsStream(FIO_JSONPLUS)) {
            Files.copy(in, copy);
        }
        return copy;
    }

    @Test
    void aMissingFileIsOneLineNamingIt() {
        Path missing = dir.resolve("nope.json");
        assertOneLine(
                run(missing.toString(), "-o", dir.resolve("r.html").toString()), missing.toString(), "no such file");
        assertFalse(Files.exists(dir.resolve("r.html")));
    }

    @Test
    void aFileThatIsNotJsonIsOneLineNamingIt() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.json"), "fio: connected to NBD server\n");
        assertOneLine(
                run(text.toString(), "-o", dir.resolve("r.html").toString()), text.toString(), "not a JSON report");
    }

    @Test
    void jsonThatIsNotAFioReportIsOneLineNamingIt() throws Exception {
        Path other = Files.writeString(dir.resolve("package.json"), "{\"name\": \"x\", \"version\": \"1.0\"}");
        assertOneLine(run(other.toString(), "-o", dir.resolve("r.html").toString()), other.toString(), "no \"jobs\"");
        Path noName = Files.writeString(dir.resolve("odd.json"), "{\"jobs\": [{\"read\": {}}]}");
        assertOneLine(run(noName.toString(), "-o", dir.resolve("r.html").toString()), noName.toString(), "jobname");
    }

    @Test
    void anUnwritableOutputIsOneLineNamingIt() throws Exception {
        Path report = fioReport();
        Path nowhere = dir.resolve("no-such-dir").resolve("r.html");
        assertOneLine(run(report.toString(), "-o", nowhere.toString()), nowhere.toString(), "no such directory");
        Path aDirectory = Files.createDirectory(dir.resolve("out"));
        assertOneLine(run(report.toString(), "-o", aDirectory.toString()), aDirectory.toString());
    }

    @Test
    void missingArgumentsAreOneLineWithTheUsage() {
        assertOneLine(run(), "usage: jfio report RUN.json");
        assertOneLine(run("x.json"), "-o", "usage");
    }

    @Test
    void fiosJsonPlusGivesTheHeadlineAndTheDistributionFromItsBins() throws Exception {
        Path report = fioReport();
        Path html = dir.resolve("r.html");
        Outcome o = run(report.toString(), "-o", html.toString());
        assertEquals(0, o.exit(), o.toString());
        String page = Files.readString(html);
        assertTrue(page.contains("uPlot"), "uPlot is inlined");
        assertFalse(page.contains("<script src") || page.contains("<link"), "nothing is fetched");
        Map<String, Object> job =
                JobModel.of(RunFile.read(report), RunFile.read(report).jobs().get(0), 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> read = (Map<String, Object>) ((Map<String, Object>) job.get("dirs")).get("read");
        assertTrue((double) read.get("iops") > 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> dist = (Map<String, Object>) ((Map<String, Object>) job.get("dist")).get("read");
        assertEquals("json+ clat bins", dist.get("source"));
        double[] cdf = (double[]) dist.get("cdf");
        assertEquals(100.0, cdf[cdf.length - 1], 1e-9);
    }

    @Test
    void fiosLogFilesNextToTheReportGiveTheTimeSeries() throws Exception {
        Path report = fioReport();
        // fio's HOWTO, "Log File Formats": time (ms), value, data direction, block size, offset
        Files.writeString(
                dir.resolve("null-randrw_iops.1.log"),
                "500, 1000, 0, 4096, 0\n1000, 1200, 0, 4096, 0\n" + "1500, 3000, 0, 4096, 0\n500, 10, 1, 4096, 0\n");
        Files.writeString(dir.resolve("null-randrw_bw.1.log"), "500, 4000, 0, 4096, 0\n1500, 12000, 0, 4096, 0\n");
        Files.writeString(
                dir.resolve("null-randrw_clat.1.log"),
                "100, 2000, 0, 4096, 0\n200, 4000, 0, 4096, 0\n1100, 9000, 0, 4096, 0\n");
        RunFile run = RunFile.read(report);
        Map<String, Object> series =
                JobModel.map(JobModel.of(run, run.jobs().get(0), 0).get("series"));
        assertNotNull(series, "a series from the log files");
        assertTrue(String.valueOf(series.get("source")).contains("null-randrw_*.log"), series.toString());
        double[] t = (double[]) series.get("t");
        assertEquals(2, t.length);
        Map<String, Object> read = JobModel.map(series.get("read"));
        double[] iops = (double[]) read.get("iops");
        assertEquals(1000, iops[0], 1e-9, "second 0: one sample of 1000");
        assertEquals(2100, iops[1], 1e-9, "second 1: the mean of 1200 and 3000");
        assertEquals(12000 * 1024, ((double[]) read.get("bw"))[1], 1e-9, "KiB/s in the log, bytes/s in the report");
        assertEquals(4000, ((double[]) read.get("max"))[0], 1e-9);
        assertEquals(10, ((double[]) JobModel.map(series.get("write")).get("iops"))[0], 1e-9);
    }

    @Test
    void aMalformedLogFileIsOneLineNamingIt() throws Exception {
        Path report = fioReport();
        Path log = Files.writeString(dir.resolve("null-randrw_iops.1.log"), "garbage, here, x\n");
        assertOneLine(
                run(report.toString(), "-o", dir.resolve("r.html").toString()), log.toString(), "not a fio log line");
    }
}
