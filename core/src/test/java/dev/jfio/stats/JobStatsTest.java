package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JobStatsTest {
    static final boolean[] READ_ONLY = {true, false, false};
    static final boolean[] READ_WRITE = {true, true, false};
    static final long MS = 1_000_000L;

    static JobInfo info(String name, int group) {
        return new JobInfo(
                name,
                group,
                0,
                null,
                Map.of(),
                null,
                "null",
                "randrw",
                new BlockSizeRange(new int[3], new int[3]),
                1,
                0,
                1,
                PercentileConfig.DEFAULT,
                false,
                false,
                Map.of(),
                List.of(),
                -1,
                UnifiedRw.NONE,
                4,
                null);
    }

    static JobResult build(JobStats s) {
        return JobResultBuilder.build(info("j", 0), s, CpuSample.ZERO, CpuSample.ZERO);
    }

    @Test
    void exactStatsComeFromEveryRecordedLatency() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        for (long clat : new long[] {100, 200, 300, 400}) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 4096, 4096, -1, clat, clat + 50, -1);
        }
        s.end(MS);
        DirectionResult r = s.snapshotDirections()[0];
        assertEquals(4, r.clat().n());
        assertEquals(100, r.clat().min());
        assertEquals(400, r.clat().max());
        assertEquals(250.0, r.clat().mean(), 1e-12);
        assertEquals(Math.sqrt(50000.0 / 3), r.clat().stddev(), 1e-9);
        assertEquals(300.0, r.lat().mean(), 1e-12);
        assertEquals(4 * 4096, r.ioBytes());
        assertEquals(4, r.totalIos());
    }

    @Test
    void shortIosAreThoseWithFewerBytesThanRequested() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.recordIo(IoOp.READ, 4096, 4096, -1, 10, 10, -1);
        s.recordIo(IoOp.READ, 1000, 4096, -1, 10, 10, -1);
        s.end(MS);
        DirectionResult r = s.snapshotDirections()[0];
        assertEquals(1, r.shortIos());
        assertEquals(5096, r.ioBytes());
    }

    @Test
    void slatOnlyForAsyncEnginesAndSchedLatOnlyWhenRateLimited() {
        JobStats sync = new JobStats(READ_ONLY, false, false, 1);
        sync.begin(0);
        sync.recordIo(IoOp.READ, 512, 512, 5, 10, 15, 20);
        sync.end(MS);
        assertEquals(0, sync.snapshotDirections()[0].slat().n());
        assertNull(sync.snapshotDirections()[0].schedLat());

        JobStats async = new JobStats(READ_ONLY, true, true, 8);
        async.begin(0);
        async.recordIo(IoOp.READ, 512, 512, 5, 10, 15, 20);
        async.end(MS);
        DirectionResult r = async.snapshotDirections()[0];
        assertEquals(5, r.slat().max());
        assertNotNull(r.schedLat());
        assertEquals(20, r.schedLat().max());
    }

    @Test
    void unusedDirectionsAreEmptyAndRecordingThemIsRefused() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.end(MS);
        assertEquals(DirectionResult.empty(IoOp.WRITE), s.snapshotDirections()[1]);
        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> s.recordIo(IoOp.WRITE, 1, 1, -1, 1, 1, -1));
        assertEquals("I/O recorded for direction write, which the job does not do", e.getMessage());
    }

    @Test
    void beginDiscardsWhatWasRecordedDuringRampTime() {
        JobStats s = new JobStats(READ_ONLY, true, false, 4);
        s.begin(0);
        s.recordIssue(IoOp.READ);
        s.recordDepth(4);
        s.recordIo(IoOp.READ, 4096, 4096, 1, 1_000_000, 1_000_000, -1);
        s.recordError(IoOp.READ, 5);
        s.tick(600 * MS);
        s.begin(1000 * MS);
        s.recordIssue(IoOp.READ);
        s.recordIo(IoOp.READ, 512, 512, 2, 300, 400, -1);
        s.end(2000 * MS);
        JobResult r = build(s);
        DirectionResult d = r.dirs()[0];
        assertEquals(1, d.totalIos());
        assertEquals(512, d.ioBytes());
        assertEquals(300, d.clat().max());
        assertEquals(1, d.clat().histogram().getTotalCount());
        assertEquals(0, d.errors());
        assertEquals(0, d.bwSamples().samples());
        assertEquals(0, r.totalErrors());
        assertEquals(1000, r.jobRuntimeMillis());
        assertEquals(0.0, r.iodepthLevel()[2]);
    }

    @Test
    void percentileIsClampedToExactMaxWhenHistogramBucketExceedsIt() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.recordIo(IoOp.READ, 512, 512, -1, 1_000_001, 1_000_001, -1);
        s.end(MS);
        LatencyResult clat = s.snapshotDirections()[0].clat();
        assertTrue(
                clat.histogram().getValueAtPercentile(99.99) > 1_000_001,
                "test premise: HdrHistogram reports the bucket's highest equivalent value");
        assertEquals(1_000_001, clat.percentile(99.99));
        assertEquals(1_000_001, clat.percentile(1));
    }

    @Test
    void latencyBeyondOneHourKeepsItsExactMax() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        long twoHours = TimeUnit.HOURS.toNanos(2);
        s.recordIo(IoOp.READ, 512, 512, -1, twoHours, twoHours, -1);
        s.end(MS);
        LatencyResult clat = s.snapshotDirections()[0].clat();
        assertEquals(twoHours, clat.max());
        assertEquals(1, clat.histogram().getTotalCount());
        assertTrue(clat.histogram().getMaxValue() < twoHours);
    }

    @Test
    void errorsCountPerDirectionWithTotalAndFirstErrno() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        s.recordError(IoOp.WRITE, 28);
        s.recordError(IoOp.READ, 5);
        s.recordError(IoOp.WRITE, 5);
        s.end(MS);
        JobResult r = build(s);
        assertEquals(1, r.dirs()[0].errors());
        assertEquals(2, r.dirs()[1].errors());
        assertEquals(3, r.totalErrors());
        assertEquals(28, r.firstError());
    }

    @Test
    void flushesGoToTheSyncSection() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        s.recordSync(1000);
        s.recordSync(3000);
        s.end(MS);
        JobResult r = build(s);
        assertEquals(2, r.syncIos());
        assertEquals(2000.0, r.syncLat().mean(), 1e-12);
        assertArrayEquals(new long[] {0, 0, 0, 2}, r.issued());
    }

    @Test
    void sampleWindowsCloseEvery500msAndSkipIdleDirections() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        for (int i = 0; i < 100; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, 10, 10, -1);
        }
        s.tick(499 * MS);
        s.tick(500 * MS);
        for (int i = 0; i < 50; i++) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, 10, 10, -1);
        }
        s.tick(1000 * MS);
        s.tick(1500 * MS);
        s.recordIo(IoOp.READ, 4096, 4096, -1, 10, 10, -1);
        s.end(1700 * MS);
        DirectionResult read = s.snapshotDirections()[0];
        SampleStats bw = read.bwSamples();
        assertEquals(2, bw.samples());
        assertEquals(400, bw.min());
        assertEquals(800, bw.max());
        assertEquals(600.0, bw.mean(), 1e-9);
        assertEquals(Math.sqrt(2 * 200.0 * 200.0), bw.stddev(), 1e-9);
        SampleStats iops = read.iopsSamples();
        assertEquals(2, iops.samples());
        assertEquals(100, iops.min());
        assertEquals(200, iops.max());
        assertEquals(0, s.snapshotDirections()[1].bwSamples().samples());
    }

    @Test
    void sampleRateUsesTheWindowsActualLength() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.recordIo(IoOp.READ, 1024 * 1000, 1024 * 1000, -1, 10, 10, -1);
        s.tick(1000 * MS);
        s.end(1000 * MS);
        assertEquals(1000, s.snapshotDirections()[0].bwSamples().min());
    }

    @Test
    void runtimeIsRoundedUpToWholeMillisecondsAsFio() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(10 * MS);
        s.recordIo(IoOp.READ, 512, 512, -1, 10, 10, -1);
        s.end(10 * MS + 2_000_500_000L);
        DirectionResult[] d = s.snapshotDirections();
        assertEquals(2001, d[0].runtimeMillis());
        assertEquals(0, d[1].runtimeMillis(), "no bytes written: no write runtime");
        assertEquals(2000, build(s).jobRuntimeMillis());
    }

    @Test
    void latencyBucketsUseCompletionLatencyAndFioRanges() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        long[] clats = {1, 3, 999, 1000, 1999, 2000, 999_999, 1_000_000, 1_500_000_000L, 2_500_000_000L};
        for (long c : clats) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 512, 512, -1, c, c + 5_000_000_000L, -1);
        }
        s.end(MS);
        JobResult r = build(s);
        assertArrayEquals(new double[] {10, 10, 0, 0, 0, 0, 0, 0, 0, 10}, r.latencyNs(), 1e-9);
        assertArrayEquals(new double[] {20, 10, 0, 0, 0, 0, 0, 0, 0, 10}, r.latencyUs(), 1e-9);
        assertArrayEquals(new double[] {10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 10}, r.latencyMs(), 1e-9);
    }

    @Test
    void latencyPercentagesAreOfIssuedIosWithFloorForRareBuckets() {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        for (int i = 0; i < 20000; i++) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 512, 512, -1, i == 0 ? 5_000 : 60_000, 70_000, -1);
        }
        s.end(MS);
        double[] us = build(s).latencyUs();
        assertEquals(0.01, us[2], 1e-12, "1 in 20000 is 0.005%, shown as fio's 0.01");
        assertEquals(19999 * 100.0 / 20000, us[5], 1e-9);
    }

    @Test
    void iodepthDistributionsMatchFioBuckets() {
        JobStats s = new JobStats(READ_ONLY, true, false, 16);
        s.begin(0);
        for (int i = 0; i < 10000; i++) {
            s.recordIssue(IoOp.READ);
        }
        for (int depth : new int[] {1, 3, 7, 15}) {
            s.recordDepth(depth);
        }
        for (int i = 0; i < 9996; i++) {
            s.recordDepth(16);
        }
        s.recordSubmitBatch(0);
        s.recordSubmitBatch(4);
        s.recordSubmitBatch(4);
        s.recordSubmitBatch(1);
        s.recordCompleteBatch(5);
        s.recordCompleteBatch(17);
        s.recordCompleteBatch(64);
        s.recordCompleteBatch(65);
        s.end(MS);
        JobResult r = build(s);
        assertArrayEquals(new double[] {0.1, 0.1, 0.1, 0.1, 99.96, 0, 0}, r.iodepthLevel(), 1e-9);
        assertArrayEquals(new double[] {25, 75, 0, 0, 0, 0, 0}, r.iodepthSubmit(), 1e-9);
        assertArrayEquals(new double[] {0, 0, 25, 0, 25, 25, 25}, r.iodepthComplete(), 1e-9);
    }

    @Test
    void liveCountersAreReadableFromAnotherThread() throws Exception {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        Thread t = new Thread(() -> {
            s.begin(0);
            for (int i = 0; i < 1000; i++) {
                s.recordIo(IoOp.WRITE, 4096, 4096, -1, 10, 10, -1);
            }
        });
        t.start();
        t.join();
        assertEquals(1000 * 4096L, s.liveBytes(IoOp.WRITE));
        assertEquals(1000, s.liveIos(IoOp.WRITE));
        assertEquals(0, s.liveIos(IoOp.READ));
    }

    @Test
    void statusRequestIsServedByTheJobThreadAtItsNextTick() throws Exception {
        JobStats s = new JobStats(READ_ONLY, false, false, 1);
        s.begin(0);
        s.recordIssue(IoOp.READ);
        s.recordIo(IoOp.READ, 4096, 4096, -1, 700, 800, -1);
        CompletableFuture<JobResult> status = s.requestStatus(info("j", 0), CpuSample.ZERO, () -> CpuSample.ZERO);
        assertTrue(!status.isDone());
        s.tick(300 * MS);
        JobResult r = status.get(1, TimeUnit.SECONDS);
        assertEquals(1, r.dirs()[0].clat().n());
        assertEquals(300, r.jobRuntimeMillis());
        s.recordIssue(IoOp.READ);
        s.recordIo(IoOp.READ, 4096, 4096, -1, 900, 1000, -1);
        s.end(600 * MS);
        JobResult fin = build(s);
        assertEquals(2, fin.dirs()[0].clat().n());
        assertEquals(2, fin.dirs()[0].clat().histogram().getTotalCount(), "status snapshot must not lose values");
    }

    @Test
    void recordingAllocatesNothing() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        JobStats s = new JobStats(READ_WRITE, true, true, 16);
        s.begin(0);
        long now = 0;
        for (int round = 0; round < 2; round++) {
            long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
            for (int i = 0; i < 1_000_000; i++) {
                IoOp d = (i & 1) == 0 ? IoOp.READ : IoOp.WRITE;
                s.recordIssue(d);
                s.recordDepth(i & 15);
                s.recordIo(d, 4096, 4096, i & 1023, 1000 + i, 2000 + i, 3000 + i);
                s.recordSubmitBatch(1);
                s.recordCompleteBatch(1);
                now += 1000;
                s.tick(now);
            }
            long allocated = mx.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
            if (round == 1) {
                assertTrue(allocated < 4096, "recording allocated " + allocated + " bytes");
            }
        }
    }
}
