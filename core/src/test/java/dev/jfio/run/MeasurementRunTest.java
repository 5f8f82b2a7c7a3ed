package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.report.ReportFormat;
import dev.jfio.report.Reports;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SteadyStateResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gtod_reduce, disable_*, stats, unified_rw_reporting, significant_figures and the sample windows in
 * real runs: what the job measures and what its report shows.
 */
class MeasurementRunTest {

    @TempDir
    Path dir;

    private RunResult run(String... extra) throws Exception {
        String[] base = {
            "--name=t", "--ioengine=instant", "--filename=t0", "--size=1m", "--bs=4k", "--rw=randrw", "--disk_util=0"
        };
        return new OneEngineRun(dir, InstantEngineProvider.class)
                .run(Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new))
                .result();
    }

    private static String render(RunResult run, ReportFormat format) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Reports.write(run, Set.of(format), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static long sum(double[] percentages) {
        return Math.round(Arrays.stream(percentages).sum());
    }

    @Test
    void cpuUsageCountsFromTheEndOfRampTimeAsFiosRusageReset() throws Exception {
        // the instant engine keeps the job thread busy in ramp_time and after it alike: counted from
        // the job's start, its CPU time would be about twice its measured runtime
        JobResult job = run("--time_based", "--ramp_time=600ms", "--runtime=400ms")
                .jobs()
                .get(0);
        double busy = job.cpu().usrPercent() + job.cpu().sysPercent();
        assertTrue(busy > 20 && busy <= 110, "usr + sys = " + busy + " % of the measured runtime");
    }

    @Test
    void gtodReduceCountsEveryIoButTimesNone() throws Exception {
        JobResult timed = run().jobs().get(0);
        assertTrue(timed.dirs()[0].clat().n() > 0 && timed.dirs()[0].lat().n() > 0);
        assertEquals(100, sum(timed.latencyNs()) + sum(timed.latencyUs()) + sum(timed.latencyMs()));

        RunResult reduced = run("--gtod_reduce=1");
        JobResult job = reduced.jobs().get(0);
        assertEquals(256, job.dirs()[0].totalIos() + job.dirs()[1].totalIos(), "1 MiB in 4 KiB I/Os");
        for (DirectionResult d : job.dirs()) {
            assertEquals(0, d.clat().n());
            assertEquals(0, d.lat().n());
            assertEquals(0, d.slat().n());
        }
        assertEquals(0, sum(job.latencyNs()) + sum(job.latencyUs()) + sum(job.latencyMs()), "no latency distribution");
        String normal = render(reduced, ReportFormat.NORMAL);
        assertFalse(normal.contains("clat") || normal.contains(" lat (") || normal.contains("percentiles"), normal);
        assertTrue(normal.contains("  read: IOPS="), normal);
        String json = render(reduced, ReportFormat.JSON);
        assertFalse(json.contains("\"percentile\""), "fio prints no percentiles without clat");
    }

    @Test
    void disableLatKeepsCompletionLatency() throws Exception {
        JobResult job = run("--disable_lat=1").jobs().get(0);
        assertEquals(0, job.dirs()[0].lat().n());
        assertEquals(job.dirs()[0].totalIos(), job.dirs()[0].clat().n());
        JobResult noClat = run("--disable_clat=1").jobs().get(0);
        assertEquals(0, noClat.dirs()[1].clat().n());
        assertEquals(noClat.dirs()[1].totalIos(), noClat.dirs()[1].lat().n());
    }

    @Test
    void aJobWithoutStatsIsLeftOutOfTheReportAndItsGroup() throws Exception {
        RunResult run = new OneEngineRun(dir, InstantEngineProvider.class)
                .run(
                        "--ioengine=instant",
                        "--filename=t0",
                        "--size=1m",
                        "--name=quiet",
                        "--rw=read",
                        "--stats=0",
                        "--name=loud",
                        "--rw=write")
                .result();
        assertEquals(1, run.jobs().size());
        assertEquals("loud", run.jobs().get(0).jobName());
        assertEquals(0, run.groups().get(0).dirs()[0].ioBytes(), "the quiet job's reads are not in the group");
        assertEquals(1 << 20, run.groups().get(0).dirs()[1].ioBytes());
    }

    @Test
    void unifiedMixedSumsEveryDirectionIntoOneMixedSection() throws Exception {
        for (String spelling : new String[] {"mixed", "1"}) {
            RunResult run = run("--unified_rw_reporting=" + spelling);
            JobResult job = run.jobs().get(0);
            assertEquals(1 << 20, job.dirs()[0].ioBytes(), "reads and writes summed in the read slot");
            assertEquals(256, job.dirs()[0].totalIos());
            assertEquals(256, job.dirs()[0].clat().n());
            assertEquals(0, job.dirs()[1].ioBytes());
            assertEquals(256, job.issued()[0], "issued rwts: total=256,0,0,0 as fio");
            assertEquals(1 << 20, run.groups().get(0).dirs()[0].ioBytes());
            String normal = render(run, ReportFormat.NORMAL);
            assertTrue(normal.contains("  mixed: IOPS=") && normal.contains("  MIXED: bw="), normal);
            assertFalse(
                    normal.contains("  read: ") || normal.contains("  write: ") || normal.contains("READ:"), normal);
            String json = render(run, ReportFormat.JSON);
            assertTrue(json.contains("\n      \"mixed\" : {"), json);
            assertFalse(json.contains("\n      \"read\" : {") || json.contains("\n      \"sync\" : {"), "mixed alone");
            assertEquals(80, render(run, ReportFormat.TERSE).trim().split(";").length, "fio's terse v3: one direction");
        }
    }

    @Test
    void unifiedBothAddsTheMixedSumAfterTheDirections() throws Exception {
        RunResult run = run("--unified_rw_reporting=both");
        JobResult job = run.jobs().get(0);
        assertEquals(1 << 20, job.dirs()[0].ioBytes() + job.dirs()[1].ioBytes());
        String normal = render(run, ReportFormat.NORMAL);
        assertTrue(normal.contains("  read: IOPS=") && normal.contains("  write: IOPS="), normal);
        assertTrue(normal.contains("  mixed: IOPS=") && normal.contains("(1024KiB/"), normal);
        assertTrue(normal.contains("   READ: bw=") && normal.contains("  MIXED: bw="), normal);
        String json = render(run, ReportFormat.JSON);
        assertTrue(json.indexOf("\n      \"sync\" : {") < json.indexOf("\n      \"mixed\" : {"), json);
        assertEquals(
                162, render(run, ReportFormat.TERSE).trim().split(";").length, "fio's terse v3: read, write, mixed");
    }

    @Test
    void significantFiguresSetThePrecisionOfTheNormalReport() throws Exception {
        // fio's num2str: 1 MiB is 1024KiB at 4 figures, 1MiB (1MB) at 2, as fio 3.33 prints them
        assertTrue(render(run("--rw=read"), ReportFormat.NORMAL).contains("io=1024KiB (1049kB)"));
        String two = render(run("--rw=read", "--significant_figures=2"), ReportFormat.NORMAL);
        assertTrue(two.contains("(1MiB/") && two.contains("io=1MiB (1MB)"), two);
    }

    @Test
    void sampleWindowsFollowBwavgtimeAndIopsavgtime() throws Exception {
        JobResult job = run("--rw=read", "--time_based", "--runtime=1200ms", "--bwavgtime=100", "--iopsavgtime=400")
                .jobs()
                .get(0);
        int bw = job.dirs()[0].bwSamples().samples();
        int iops = job.dirs()[0].iopsSamples().samples();
        assertTrue(bw >= 8 && bw <= 12, "1.2 s in 100 ms windows: " + bw);
        assertTrue(iops >= 2 && iops <= 3, "1.2 s in 400 ms windows: " + iops);
    }

    @Test
    void aSteadyRateEndsTheJobOnceTheCriterionHoldsForTheDuration() throws Exception {
        RunResult run =
                run("--rw=read", "--rate_iops=200", "--time_based", "--runtime=60", "--ss=iops:20%", "--ss_dur=2");
        JobResult job = run.jobs().get(0);
        SteadyStateResult ss = job.steadyState();
        assertTrue(ss.attained(), "200 IOPS held steady");
        assertTrue(
                job.dirs()[0].runtimeMillis() < 20_000, "ended long before runtime: " + job.dirs()[0].runtimeMillis());
        assertEquals("iops:20.000000%", ss.ss());
        assertEquals(2, ss.iopsData().length);
        assertTrue(ss.iopsMean() > 150 && ss.iopsMean() < 250, "mean of " + Arrays.toString(ss.iopsData()));
        assertEquals(ss.bwMean(), ss.iopsMean() * 4096, ss.bwMean() * 0.2, "bw samples are bytes/s");
        String json = render(run, ReportFormat.JSON);
        assertTrue(json.contains("\"steadystate\" : {") && json.contains("\"attained\" : 1"), json);
        assertTrue(render(run, ReportFormat.NORMAL).contains("  steadystate  : attained=yes, bw="));
    }

    @Test
    void aCriterionThatCannotHoldLetsTheJobRunItsRuntime() throws Exception {
        JobResult job = run(
                        "--rw=read",
                        "--rate_iops=200",
                        "--time_based",
                        "--runtime=2500ms",
                        "--ss=iops_slope:0",
                        "--ss_dur=2")
                .jobs()
                .get(0);
        assertFalse(job.steadyState().attained(), "no slope is below 0");
        assertTrue(job.dirs()[0].runtimeMillis() >= 2500, "ran its runtime: " + job.dirs()[0].runtimeMillis());
        assertTrue(
                render(run("--rw=read", "--size=64k"), ReportFormat.JSON).indexOf("steadystate") < 0,
                "none without ss_dur");
    }

    @Test
    void aGroupReportingGroupIsJudgedOnItsSummedRateAndEndsTogether() throws Exception {
        RunResult run = run(
                "--rw=read",
                "--rate_iops=100",
                "--numjobs=3",
                "--group_reporting",
                "--time_based",
                "--runtime=60",
                "--ss=iops:20%",
                "--ss_dur=2");
        JobResult group = run.jobs().get(0);
        assertEquals(3, group.jobs());
        assertTrue(group.steadyState().attained());
        assertTrue(group.dirs()[0].runtimeMillis() < 20_000, "every clone ended: " + group.dirs()[0].runtimeMillis());
        long mean = group.steadyState().iopsMean();
        assertTrue(mean > 225 && mean < 375, "three clones at 100 IOPS, summed: " + mean);
    }

    @Test
    void logsOfWhatIsNotMeasuredAreLeftOutAsFioLeavesThem() throws Exception {
        String prefix = dir.resolve("x").toString();
        run("--rw=read", "--disable_clat=1", "--disable_bw=1", "--write_lat_log=" + prefix, "--write_bw_log=" + prefix);
        // fio 3.33 with the same job: x_lat.1.log with 256 rows, x_slat.1.log and x_bw.1.log empty, no x_clat.1.log
        assertEquals(
                256,
                java.nio.file.Files.readAllLines(dir.resolve("x_lat.1.log")).size());
        assertEquals(0, java.nio.file.Files.size(dir.resolve("x_bw.1.log")), "disable_bw: no per-I/O bw rows");
        assertFalse(java.nio.file.Files.exists(dir.resolve("x_clat.1.log")), "disable_clat: no clat log");
    }
}
