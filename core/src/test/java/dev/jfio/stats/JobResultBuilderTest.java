package dev.jfio.stats;

import static dev.jfio.stats.JobStatsTest.MS;
import static dev.jfio.stats.JobStatsTest.READ_ONLY;
import static dev.jfio.stats.JobStatsTest.READ_WRITE;
import static dev.jfio.stats.JobStatsTest.info;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class JobResultBuilderTest {

    private static JobResult build(JobInfo info, JobStats s) {
        return JobResultBuilder.build(info, s, CpuSample.ZERO, CpuSample.ZERO);
    }

    private static long latency(SplittableRandom rnd) {
        // long-tailed: mostly tens of microseconds, some milliseconds
        return rnd.nextInt(100) < 97 ? 20_000 + rnd.nextInt(80_000) : 1_000_000 + rnd.nextInt(40_000_000);
    }

    @Test
    void mergeIsLosslessForHistogramsAndExactStats() {
        JobStats a = new JobStats(READ_WRITE, true, false, 16);
        JobStats b = new JobStats(READ_WRITE, true, false, 16);
        JobStats all = new JobStats(READ_WRITE, true, false, 16);
        a.begin(0);
        b.begin(0);
        all.begin(0);
        SplittableRandom rnd = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            JobStats target = i % 3 == 0 ? a : b;
            IoOp d = rnd.nextBoolean() ? IoOp.READ : IoOp.WRITE;
            long slat = rnd.nextInt(5000);
            long clat = latency(rnd);
            for (JobStats s : new JobStats[] {target, all}) {
                s.recordIssue(d);
                s.recordIo(d, 4096, 4096, slat, clat, slat + clat, -1);
            }
        }
        a.end(1000 * MS);
        b.end(1000 * MS);
        all.end(1000 * MS);
        JobResult merged = JobResultBuilder.merge(List.of(build(info("a", 0), a), build(info("b", 0), b)));
        JobResult direct = build(info("all", 0), all);

        assertEquals("a", merged.jobName());
        assertEquals(2, merged.jobs());
        for (IoOp d : new IoOp[] {IoOp.READ, IoOp.WRITE}) {
            DirectionResult m = merged.dirs()[d.ordinal()];
            DirectionResult x = direct.dirs()[d.ordinal()];
            assertEquals(x.totalIos(), m.totalIos());
            assertEquals(x.ioBytes(), m.ioBytes());
            for (LatencyResult[] pair :
                    new LatencyResult[][] {{m.slat(), x.slat()}, {m.clat(), x.clat()}, {m.lat(), x.lat()}}) {
                assertEquals(pair[1].n(), pair[0].n());
                assertEquals(pair[1].min(), pair[0].min());
                assertEquals(pair[1].max(), pair[0].max());
                assertEquals(pair[1].mean(), pair[0].mean(), pair[1].mean() * 1e-12);
                assertEquals(pair[1].stddev(), pair[0].stddev(), pair[1].stddev() * 1e-9);
                for (double p : PercentileConfig.DEFAULT_POINTS) {
                    assertEquals(pair[1].percentile(p), pair[0].percentile(p), "p" + p);
                }
                assertEquals(pair[1].histogram(), pair[0].histogram());
            }
        }
        assertArrayEquals(direct.latencyUs(), merged.latencyUs(), 1e-9);
        assertArrayEquals(direct.latencyMs(), merged.latencyMs(), 1e-9);
        assertArrayEquals(direct.issued(), merged.issued());
    }

    @Test
    void mergedDistributionsComeFromCountsNotFromShownPercentages() {
        JobStats a = new JobStats(READ_ONLY, true, false, 16);
        JobStats b = new JobStats(READ_ONLY, true, false, 16);
        for (JobStats s : new JobStats[] {a, b}) {
            s.begin(0);
            int shallow = s == a ? 1 : 3;
            for (int i = 0; i < 2000; i++) {
                s.recordIssue(IoOp.READ);
                s.recordDepth(i < shallow ? 1 : 16);
            }
            if (s == a) {
                s.recordSubmitBatch(1);
            } else {
                for (int i = 0; i < 3; i++) {
                    s.recordSubmitBatch(8);
                }
            }
            s.end(MS);
        }
        JobResult ra = build(info("a", 0), a);
        assertEquals(0.1, ra.iodepthLevel()[0], 1e-12, "1 of 2000 is 0.05%, shown as 0.1");
        JobResult merged = JobResultBuilder.merge(List.of(ra, build(info("b", 0), b)));
        // exact: 4 of 4000; from the shown percentages it would look like 2 + 3 of 4000 (0.125%)
        assertEquals(0.1, merged.iodepthLevel()[0], 1e-12);
        assertEquals(3996 * 100.0 / 4000, merged.iodepthLevel()[4], 1e-9);
        // 1 submit of 1 and 3 submits of 8: weighting by I/Os would make this 50/50
        assertArrayEquals(new double[] {0, 25, 75, 0, 0, 0, 0}, merged.iodepthSubmit(), 1e-9);
    }

    @Test
    void mergeOfMergedResultsStaysExact() {
        JobStats[] s = new JobStats[3];
        JobResult[] r = new JobResult[3];
        for (int i = 0; i < 3; i++) {
            s[i] = new JobStats(READ_ONLY, false, false, 1);
            s[i].begin(0);
            s[i].recordIssue(IoOp.READ);
            s[i].recordDepth(i == 0 ? 1 : 2);
            s[i].recordIo(IoOp.READ, 4096, 4096, -1, 1000 * (i + 1), 1000 * (i + 1), -1);
            s[i].end(MS);
            r[i] = build(info("j" + i, 0), s[i]);
        }
        JobResult twoThenOne = JobResultBuilder.merge(List.of(JobResultBuilder.merge(List.of(r[0], r[1])), r[2]));
        JobResult allAtOnce = JobResultBuilder.merge(List.of(r[0], r[1], r[2]));
        assertEquals(3, twoThenOne.jobs());
        assertArrayEquals(allAtOnce.iodepthLevel(), twoThenOne.iodepthLevel(), 1e-12);
        assertEquals(
                allAtOnce.dirs()[0].clat().stddev(), twoThenOne.dirs()[0].clat().stddev(), 1e-9);
    }

    @Test
    void bandwidthSamplesAreSummedAsFioDoesForGroups() {
        SampleStats a = new SampleStats(100, 300, 200, 100, 3);
        SampleStats b = new SampleStats(50, 150, 100, 50, 3);
        SampleStats sum = JobResultBuilder.sumSamples(List.of(a, b, SampleStats.EMPTY));
        assertEquals(150, sum.min());
        assertEquals(450, sum.max());
        assertEquals(300.0, sum.mean(), 1e-12);
        assertEquals(6, sum.samples());
        assertEquals(Math.sqrt((100.0 * 100 * 2 + 50.0 * 50 * 2) / 5), sum.stddev(), 1e-9);
    }

    @Test
    void mergeTakesLongestRuntimeAndSumsJobRuntimeCpuAndErrors() {
        JobStats a = new JobStats(READ_ONLY, false, false, 1);
        JobStats b = new JobStats(READ_ONLY, false, false, 1);
        a.begin(0);
        a.recordIo(IoOp.READ, 512, 512, -1, 10, 10, -1);
        a.recordError(IoOp.READ, 5);
        a.end(1000 * MS);
        b.begin(0);
        b.recordIo(IoOp.READ, 512, 512, -1, 10, 10, -1);
        b.end(3000 * MS);
        JobResult ra = JobResultBuilder.build(info("a", 0), a, CpuSample.ZERO, new CpuSample(500_000, 0, 10, 1, 2));
        JobResult rb = JobResultBuilder.build(info("b", 0), b, CpuSample.ZERO, new CpuSample(0, 300_000, 5, 0, 3));
        assertEquals(50.0, ra.cpu().usrPercent(), 1e-9);
        JobResult m = JobResultBuilder.merge(List.of(ra, rb));
        assertEquals(3000, m.dirs()[0].runtimeMillis());
        assertEquals(4000, m.jobRuntimeMillis());
        assertEquals(12.5, m.cpu().usrPercent(), 1e-9);
        assertEquals(7.5, m.cpu().sysPercent(), 1e-9);
        assertEquals(15, m.cpu().ctx());
        assertEquals(1, m.cpu().majf());
        assertEquals(5, m.cpu().minf());
        assertEquals(1, m.totalErrors());
        assertEquals(5, m.firstError());
        assertEquals(1, m.dirs()[0].errors());
    }

    @Test
    void cpuPercentagesAreOfTheJobRuntime() {
        CpuResult cpu = JobResultBuilder.cpu(new CpuSample(500_000, 250_000, 7, 1, 9), 2000);
        assertEquals(25.0, cpu.usrPercent(), 1e-12);
        assertEquals(12.5, cpu.sysPercent(), 1e-12);
        assertEquals(7, cpu.ctx());
        assertEquals(0.0, JobResultBuilder.cpu(new CpuSample(5, 5, 0, 0, 0), 0).usrPercent());
    }

    @Test
    void mergeOfOneResultIsThatResultAndOfNoneIsRefused() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.end(MS);
        JobResult r = build(info("solo", 0), s);
        assertSame(r, JobResultBuilder.merge(List.of(r)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> JobResultBuilder.merge(List.of()));
        assertEquals("nothing to merge: the group has no job results", e.getMessage());
    }

    @Test
    void buildPassesJobInfoThrough() {
        JobStats s = new JobStats(READ_ONLY, false, true, 1);
        s.begin(0);
        s.end(MS);
        JobInfo info = new JobInfo(
                "job0",
                3,
                5,
                "boom",
                Map.of("size", "64m"),
                "desc",
                "nbd",
                "randread",
                new BlockSizeRange(new int[] {4096, 0, 0}, new int[] {4096, 0, 0}),
                16,
                1234,
                7,
                PercentileConfig.DEFAULT,
                true,
                true,
                Map.of("export", "1G"),
                List.of("note"),
                -1,
                UnifiedRw.NONE,
                4,
                null);
        JobResult r = build(info, s);
        assertEquals("job0", r.jobName());
        assertEquals(3, r.groupId());
        assertEquals(1, r.jobs());
        assertEquals(5, r.error());
        assertEquals("boom", r.errorMessage());
        assertTrue(r.continueOnError());
        assertEquals("nbd", r.ioengine());
        assertEquals(16, r.iodepth());
        assertEquals(1234, r.startEpochMillis());
        assertEquals(7, r.elapsedSeconds());
        assertEquals(ProcessHandle.current().pid(), r.pid());
        assertEquals(Map.of("export", "1G"), r.engineProperties());
        assertEquals(List.of("note"), r.notes());
        assertEquals(0, r.dirs()[0].schedLat().n());
        assertNull(r.dirs()[1].schedLat());
    }

    @Test
    void groupFiguresAreAggregateAndMinMaxOverReportedResults() {
        JobStats a = new JobStats(READ_ONLY, false, false, 1);
        a.begin(0);
        a.recordIo(IoOp.READ, 1_000_000, 1_000_000, -1, 10, 10, -1);
        a.end(1000 * MS);
        JobStats b = new JobStats(READ_WRITE, false, false, 1);
        b.begin(0);
        b.recordIo(IoOp.READ, 3_000_000, 3_000_000, -1, 10, 10, -1);
        b.end(2000 * MS);
        JobStats c = new JobStats(READ_ONLY, false, false, 1);
        c.begin(0);
        c.recordIo(IoOp.READ, 500_000, 500_000, -1, 10, 10, -1);
        c.end(500 * MS);
        List<GroupResult> groups = JobResultBuilder.groups(
                List.of(build(info("c", 1), c), build(info("a", 0), a), build(info("b", 0), b)));
        assertEquals(2, groups.size());
        GroupResult g0 = groups.get(0);
        assertEquals(0, g0.groupId());
        GroupResult.DirectionGroup read = g0.dirs()[0];
        assertEquals(4_000_000, read.ioBytes());
        assertEquals(2_000_000, read.aggBwBytes());
        assertEquals(1_000_000, read.minBwBytes());
        assertEquals(1_500_000, read.maxBwBytes());
        assertEquals(1000, read.minRuntimeMillis());
        assertEquals(2000, read.maxRuntimeMillis());
        assertEquals(new GroupResult.DirectionGroup(0, 0, 0, 0, 0, 0), g0.dirs()[1]);
        assertEquals(1, groups.get(1).groupId());
        assertEquals(1_000_000, groups.get(1).dirs()[0].aggBwBytes());
    }
}
