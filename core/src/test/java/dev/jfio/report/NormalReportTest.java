package dev.jfio.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class NormalReportTest {

    @Test
    void nullRandrwMatchesFioLineForLineUnderEveryLocale() {
        String expected = Golden.fioNormalReport("fio-3.33-null-randrw.normal.txt");
        for (Locale l : Golden.LOCALES) {
            assertEquals(
                    expected,
                    Golden.underLocale(l, () -> Golden.render(Fixtures.nullNormal(), ReportFormat.NORMAL)),
                    l.toString());
        }
    }

    @Test
    void nbdGroupReportMatchesFioLineForLineUnderEveryLocale() {
        String expected = Golden.fioNormalReport("fio-3.33-nbd-2jobs-group.normal.txt");
        for (Locale l : Golden.LOCALES) {
            assertEquals(
                    expected,
                    Golden.underLocale(l, () -> Golden.render(Fixtures.nbdNormal(), ReportFormat.NORMAL)),
                    l.toString());
        }
    }

    @Test
    void latencyLineSwitchesNsecUsecMsecAsFio() {
        assertEquals(
                "    clat (nsec): min=1500, max=99999, avg=50000.00, stdev=5000.00\n",
                line(new LatencyResult(10, 1500, 99_999, 50_000, 5000, null)));
        // usec needs min > 2000, max > 99999 and stdev > 1000 all together
        assertEquals(
                "    clat (nsec): min=2500, max=100000, avg=50000.00, stdev=999.00\n",
                line(new LatencyResult(10, 2500, 100_000, 50_000, 999, null)));
        assertEquals(
                "    clat (usec): min=2, max=100, avg=50.00, stdev= 1.00\n",
                line(new LatencyResult(10, 2500, 100_000, 50_000, 1001, null)));
        assertEquals(
                "    clat (msec): min=2, max=100, avg=50.00, stdev= 1.00\n",
                line(new LatencyResult(10, 2_000_001, 100_000_000, 50_000_000, 1_000_001, null)));
    }

    private static String line(LatencyResult l) {
        StringBuilder sb = new StringBuilder();
        NormalReport.latencyLine("clat", l, sb);
        return sb.toString();
    }

    @Test
    void percentileUnitFollowsThePercentileValuesAndRoundsUp() {
        Histogram h = new Histogram(3);
        h.recordValueWithCount(2500, 50);
        h.recordValueWithCount(150_000, 50);
        StringBuilder sb = new StringBuilder();
        NormalReport.percentiles(
                "clat", new LatencyResult(100, 2500, 150_000, 76_250, 1000, h), new double[] {50, 99}, sb);
        // 2500 ns shown as 3 usec: fio rounds up when scaling
        assertEquals("    clat percentiles (usec):\n     | 50.00th=[    3], 99.00th=[  150]\n", sb.toString());
    }

    @Test
    void percentilesNeverExceedTheMaxShown() {
        Histogram h = new Histogram(2);
        h.recordValueWithCount(1_234_567, 100);
        long max = 1_234_567;
        LatencyResult l = new LatencyResult(100, max, max, max, 0, h);
        StringBuilder sb = new StringBuilder();
        NormalReport.percentiles("clat", l, JobFixture.P, sb);
        String text = sb.toString();
        // usec, rounded up as fio does: at most ceil(max / 1000)
        for (String part : text.split("\\[")) {
            if (part.contains("]")) {
                long v = Long.parseLong(part.substring(0, part.indexOf(']')).trim());
                assertTrue(v <= (max + 999) / 1000, text);
            }
        }
        assertTrue(h.getValueAtPercentile(99.99) > max, "the histogram alone would overshoot");
    }

    @Test
    void jfioAdditionsFollowFiosLinesInTheJobBlock() {
        RunResult run = withExtras(Fixtures.nbdNormal());
        String out = Golden.render(run, ReportFormat.NORMAL);
        assertEquals(Golden.golden("jfio-extras.normal.txt", out), out);
        String[] lines = out.split("\n");
        int lat = indexOf(lines, "     lat (usec): min=10,");
        assertTrue(lines[lat + 1].startsWith("    sched lat (usec): min=12, max=30000, avg=400.00"), lines[lat + 1]);
        assertTrue(
                indexOf(lines, "    sched lat percentiles (usec):") > indexOf(lines, "    clat percentiles (usec):"));
        int depthLine = indexOf(lines, "     latency   : target=0");
        assertEquals("  engine       : export_size=1073741824, flags=0xded", lines[depthLine + 1]);
        assertEquals("  note         : server does not advertise CAN_MULTI_CONN", lines[depthLine + 2]);
        assertEquals("  note         : " + NormalReport.SCHED_LAT_NOTE, lines[depthLine + 3]);
        assertEquals("  error        : read at offset 4096: Input/output error", lines[depthLine + 4]);
        assertTrue(
                lines[1].startsWith("job0: (groupid=0, jobs=2): err= 5 (read at offset 4096: Input/output error)"
                        + ": pid=17957: "),
                lines[1]);
    }

    @Test
    void jobWithRuntimeStatesItsDrainAfterTheEngineLine() {
        JobFixture j = new JobFixture();
        j.name = "timed";
        j.error = 110;
        j.errorMessage = "read of 4096 bytes at offset 0 on x failed: ETIMEDOUT";
        j.engineProperties.put("export_size", "1024");
        j.drainTimeoutMillis = 2500;
        String out = Golden.render(
                new RunResult("jfio-0.1.0", 0, Map.of(), List.of(j.build()), List.of()), ReportFormat.NORMAL);
        String[] lines = out.split("\n");
        int engine = indexOf(lines, "  engine       : export_size=1024");
        assertEquals(
                "  drain        : drain_timeout=2500ms (I/O still in flight 2500ms after runtime or a stop"
                        + " fails with ETIMEDOUT)",
                lines[engine + 1]);
        assertTrue(lines[engine + 2].startsWith("  error        : "), out);
    }

    @Test
    void jobWithoutRuntimeHasNoDrainLine() {
        JobFixture j = new JobFixture();
        j.error = 5;
        j.errorMessage = "boom";
        String out = Golden.render(
                new RunResult("jfio-0.1.0", 0, Map.of(), List.of(j.build()), List.of()), ReportFormat.NORMAL);
        assertFalse(out.contains("drain"), out);
    }

    @Test
    void failedJobWithoutIoIsStillReported() {
        JobFixture j = new JobFixture();
        j.name = "broken";
        j.error = 111;
        RunResult run = new RunResult("jfio-0.1.0", 0, Map.of(), List.of(j.build()), List.of());
        String out = Golden.render(run, ReportFormat.NORMAL);
        assertTrue(out.contains("broken: (groupid=0, jobs=1): err=111 (Connection refused): pid=1: "), out);
        assertFalse(out.contains("  error        :"), "no message, no error line");
    }

    @Test
    void jobWithoutIoAndWithoutErrorPrintsNothingLikeFio() {
        JobFixture j = new JobFixture();
        RunResult run = new RunResult("jfio-0.1.0", 0, Map.of(), List.of(j.build()), List.of());
        assertEquals("\n", Golden.render(run, ReportFormat.NORMAL));
    }

    static RunResult withExtras(RunResult base) {
        JobResult j = base.jobs().get(0);
        Histogram h = new Histogram(3);
        h.recordValueWithCount(300_000, 90);
        h.recordValueWithCount(30_000_000, 10);
        DirectionResult r = j.dirs()[0];
        DirectionResult read = new DirectionResult(
                r.op(),
                r.ioBytes(),
                r.totalIos(),
                r.shortIos(),
                r.dropIos(),
                r.runtimeMillis(),
                r.slat(),
                r.clat(),
                r.lat(),
                new LatencyResult(100, 12_000, 30_000_000, 400_000, 2_500_000, h),
                r.bwSamples(),
                r.iopsSamples(),
                3);
        Map<String, String> props = new java.util.LinkedHashMap<>();
        props.put("export_size", "1073741824");
        props.put("flags", "0xded");
        JobResult e = new JobResult(
                j.jobName(),
                j.groupId(),
                j.jobs(),
                5,
                "read at offset 4096: Input/output error",
                j.jobOptions(),
                j.description(),
                j.ioengine(),
                j.headerRw(),
                j.blockSizes(),
                j.iodepth(),
                j.pid(),
                j.startEpochMillis(),
                new DirectionResult[] {read, j.dirs()[1], DirectionResult.empty(IoOp.TRIM)},
                j.syncLat(),
                j.syncIos(),
                j.cpu(),
                j.jobRuntimeMillis(),
                j.elapsedSeconds(),
                j.iodepthLevel(),
                j.iodepthSubmit(),
                j.iodepthComplete(),
                j.latencyNs(),
                j.latencyUs(),
                j.latencyMs(),
                j.issued(),
                j.continueOnError(),
                j.totalErrors(),
                j.firstError(),
                j.percentiles(),
                true,
                props,
                List.of("server does not advertise CAN_MULTI_CONN"),
                null,
                -1,
                null,
                UnifiedRw.NONE,
                4,
                null,
                null);
        return new RunResult(base.version(), base.timestampMillis(), base.globalOptions(), List.of(e), base.groups());
    }

    private static int indexOf(String[] lines, String prefix) {
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with \"" + prefix + "\"");
    }
}
