package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.job.Measurement;
import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import org.junit.jupiter.api.Test;

/** What JobStats keeps when fio's gtod_reduce / disable_* switch latencies off, and its sample windows. */
class JobStatsMeasurementTest {
    private static final long MS = 1_000_000L;

    private static Measurement measuring(boolean lat, boolean clat, boolean slat, int bwMs, int iopsMs) {
        return new Measurement(lat, clat, slat, true, true, bwMs, iopsMs, UnifiedRw.NONE, 4, null);
    }

    private static JobStats recorded(Measurement m) {
        JobStats s = new JobStats(JobStatsTest.READ_ONLY, true, true, 4, m);
        s.begin(0);
        for (int i = 0; i < 1000; i++) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 4096, 4096, 10 + i, 1000 + i, 1100 + i, 2000 + i);
            s.recordSync(500);
        }
        s.end(MS);
        return s;
    }

    @Test
    void gtodReduceKeepsNoHistogramAndCountsEveryIo() {
        JobStats s = recorded(measuring(false, false, false, 500, 500));
        assertEquals(0, s.histogramFootprintBytes(), "no recorder exists, so recording costs nothing");
        DirectionResult r = s.snapshotDirections()[0];
        assertEquals(1000, r.totalIos());
        assertEquals(4096 * 1000, r.ioBytes());
        assertEquals(0, r.slat().n() + r.clat().n() + r.lat().n());
        assertEquals(null, r.schedLat(), "no sched lat either: it is a latency");
        assertEquals(1000, s.counts().issued[3], "flushes are still counted, as fio's total_io_u[sync]");
        assertEquals(0, s.syncResult().n(), "fio keeps no sync latency under disable_clat");
        long distribution = java.util.stream.LongStream.of(s.counts().latNs()).sum()
                + java.util.stream.LongStream.of(s.counts().latUs()).sum();
        assertEquals(0, distribution, "no latency distribution (fio's io_u_lat, under disable_clat)");
    }

    @Test
    void eachKindSwitchedOffAloneLeavesTheOthers() {
        DirectionResult noLat = recorded(measuring(false, true, true, 500, 500)).snapshotDirections()[0];
        assertEquals(0, noLat.lat().n());
        assertEquals(1000, noLat.clat().n());
        assertEquals(1000, noLat.slat().n());
        DirectionResult noSlat =
                recorded(measuring(true, true, false, 500, 500)).snapshotDirections()[0];
        assertEquals(0, noSlat.slat().n());
        assertEquals(1000, noSlat.lat().n());
    }

    @Test
    void bandwidthAndIopsSamplesCloseOnTheirOwnWindows() {
        JobStats s = new JobStats(JobStatsTest.READ_ONLY, false, false, 1, measuring(true, true, true, 100, 300));
        s.begin(0);
        for (long t = 1; t <= 1200; t++) { // one 4 KiB read per millisecond for 1.2 s
            s.recordIo(IoOp.READ, 4096, 4096, -1, 1000, 1000, -1);
            s.tick(t * MS);
        }
        s.end(1200 * MS);
        DirectionResult r = s.snapshotDirections()[0];
        assertEquals(12, r.bwSamples().samples(), "1200 ms in 100 ms windows");
        assertEquals(4000, r.bwSamples().mean(), 1.0, "4 KiB per ms is 4000 KiB/s");
        assertEquals(4, r.iopsSamples().samples(), "1200 ms in 300 ms windows");
        assertEquals(1000, r.iopsSamples().mean(), 1.0);
    }
}
