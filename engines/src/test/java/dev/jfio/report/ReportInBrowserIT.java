package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.BundleProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jfio report} in a real browser: the report of a real run of examples/nbd.fio (jfio's
 * embedded NBD server, json+) and of a real fio 3.33 null-engine run (json+, with its bw/iops/lat
 * log files next to it), which is also a two-run comparison, opened in headless Chromium. Every
 * chart must have drawn its series (the page checks its canvases' pixels and writes the outcome into
 * the DOM, read here from --dump-dom) and the console must show no error. The screenshot goes to
 * target/report-it/report.png.
 */
class ReportInBrowserIT {
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    static Path dir;

    private static Path html;
    private static Path target;

    @BeforeAll
    static void runsAndReport() throws Exception {
        String bundle = System.getProperty("jfio.bundle");
        assumeTrue(bundle != null, "runs in the integration-test phase, where jfio.bundle names target/jfio.jar");
        target = Path.of(bundle).toAbsolutePath().getParent().resolve("report-it");
        Files.createDirectories(target);
        requireBinary("fio", "fio");
        requireBinary("chromium", "chromium");
        BundleProcess nbd = BundleProcess.start(
                dir,
                Path.of("../examples/nbd.fio").toAbsolutePath().toString(),
                "--uri=",
                "--runtime=3",
                "--time_based",
                "--output-format=json+",
                "--output=" + dir.resolve("nbd.json"));
        assertEquals(0, nbd.waitFor(TIMEOUT_SECONDS), nbd.stderr());
        Process fio = new ProcessBuilder(
                        "fio",
                        "--name=null-randrw",
                        "--ioengine=null",
                        "--rw=randrw",
                        "--bs=4k",
                        "--size=1g",
                        "--time_based",
                        "--runtime=3",
                        "--write_bw_log=fio",
                        "--write_iops_log=fio",
                        "--write_lat_log=fio",
                        "--log_avg_msec=250",
                        "--output-format=json+",
                        "--output=fio.json")
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("fio.out").toFile())
                .start();
        assertTrue(fio.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS), "fio did not finish");
        assertEquals(0, fio.exitValue(), Files.readString(dir.resolve("fio.out")));
        assertTrue(Files.exists(dir.resolve("fio_clat.1.log")), "fio wrote its clat log");
        html = target.resolve("report.html");
        Files.deleteIfExists(html);
        BundleProcess report = BundleProcess.start(
                dir,
                "report",
                dir.resolve("nbd.json").toString(),
                dir.resolve("fio.json").toString(),
                "-o",
                html.toString());
        assertEquals(0, report.waitFor(TIMEOUT_SECONDS), report.stderr());
    }

    private static void requireBinary(String binary, String pkg) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, binary))) {
                return;
            }
        }
        String message = binary + " is not installed (Debian package " + pkg + "; ci/install-deps.sh installs it)";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message);
        }
        Assumptions.abort(message);
    }

    /** Runs headless Chromium on the report with {@code flags}; returns {stdout, stderr}. */
    private static String[] chromium(String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--user-data-dir=" + dir.resolve("chromium-profile"),
                "--virtual-time-budget=10000",
                "--enable-logging=stderr",
                "--v=0"));
        cmd.addAll(List.of(flags));
        cmd.add(html.toUri().toString());
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(cmd)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            Assertions.fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + Files.readString(err));
        }
        return new String[] {Files.readString(out), Files.readString(err)};
    }

    @Test
    void everyChartDrawsItsSeriesAndTheConsoleShowsNoError() throws Exception {
        String[] run = chromium("--dump-dom");
        String dom = run[0];
        Matcher checks = Pattern.compile(
                        "id=\"checks\"[^>]*data-charts=\"(\\d+)\" data-drawn=\"(\\d+)\" data-errors=\"(\\d+)\"")
                .matcher(dom);
        assertTrue(checks.find(), "the page ran its checks: " + run[1]);
        int charts = Integer.parseInt(checks.group(1));
        assertEquals(charts, Integer.parseInt(checks.group(2)), "every chart drew: " + chartStates(dom));
        assertEquals(0, Integer.parseInt(checks.group(3)), "errors on the page: " + dom.substring(checks.start()));
        for (String chart : List.of(
                "r0j0-iops",
                "r0j0-bw",
                "r0j0-lat-read",
                "r0j0-lat-write",
                "r0j0-dist", // nbd.fio, from the "jfio" key
                "r1j0-iops",
                "r1j0-bw",
                "r1j0-lat-read",
                "r1j0-dist", // fio 3.33, from its logs and json+ bins
                "compare-0",
                "compare-iops",
                "compare-p99",
                "compare-dist")) {
            assertTrue(
                    dom.contains("data-chart=\"" + chart + "\" data-drawn=\"yes\""), chart + ": " + chartStates(dom));
        }
        List<String> console =
                run[1].lines().filter(l -> l.contains(":CONSOLE(")).toList();
        assertTrue(console.isEmpty(), "console output: " + console);
    }

    @Test
    void theNbdRunShowsWhatTheServerAdvertised() throws Exception {
        String dom = chromium("--dump-dom")[0];
        assertTrue(dom.contains("NBD export"), "the section");
        assertTrue(dom.contains("export_size") && dom.contains("1073741824"), "the export's size");
        assertTrue(dom.contains("CAN_MULTI_CONN"), "the flags");
        assertTrue(dom.contains("jfio embedded memory server"), "the server");
    }

    @Test
    void aScreenshotIsWritten() throws Exception {
        Path png = target.resolve("report.png");
        Files.deleteIfExists(png);
        chromium("--screenshot=" + png, "--window-size=1280,4000", "--hide-scrollbars");
        assertTrue(Files.size(png) > 50_000, "screenshot of " + Files.size(png) + " bytes");
    }

    private static String chartStates(String dom) {
        Matcher m = Pattern.compile("data-chart=\"([^\"]+)\" data-drawn=\"([^\"]+)\"")
                .matcher(dom);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            sb.append(m.group(1)).append('=').append(m.group(2)).append(' ');
        }
        return sb.toString();
    }
}
