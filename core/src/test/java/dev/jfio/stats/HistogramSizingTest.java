package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.junit.jupiter.api.Test;

/**
 * A job's latency histograms take memory in proportion to what it records (issue 11: numjobs=100
 * in a 64 MiB heap), yet give the same percentiles and bins as one histogram spanning the whole
 * range would, alone and merged.
 */
class HistogramSizingTest {
    /** What every job held before: a SingleWriterRecorder (two histograms) from 1 ns to 1 h, per kind. */
    private static final long FULL_RANGE_BYTES = new Histogram(
                    1, LatencyRecorder.HIGHEST_TRACKABLE_NANOS, LatencyRecorder.SIGNIFICANT_DIGITS)
            .getEstimatedFootprintInBytes();

    private static Histogram fullRange() {
        return new Histogram(1, LatencyRecorder.HIGHEST_TRACKABLE_NANOS, LatencyRecorder.SIGNIFICANT_DIGITS);
    }

    /** Log-uniform latencies from 100 ns to {@code maxNanos}. */
    private static long[] latencies(int n, long maxNanos, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long[] v = new long[n];
        double span = Math.log(maxNanos / 100.0);
        for (int i = 0; i < n; i++) {
            v[i] = (long) (100 * Math.exp(random.nextDouble() * span));
        }
        return v;
    }

    private static JobStats readJob(long[] clats) {
        JobStats s = new JobStats(new boolean[] {true, false, false}, false, false, 1);
        s.begin(0);
        for (long clat : clats) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 4096, 4096, -1, clat, clat, -1);
        }
        return s;
    }

    private static List<long[]> buckets(Histogram h) {
        List<long[]> out = new ArrayList<>();
        for (HistogramIterationValue v : h.recordedValues()) {
            out.add(new long[] {v.getValueIteratedTo(), v.getCountAtValueIteratedTo()});
        }
        return out;
    }

    private static void assertSameDistribution(Histogram expected, LatencyResult actual) {
        assertEquals(expected.getTotalCount(), actual.histogram().getTotalCount());
        for (double p :
                new double[] {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 100}) {
            assertEquals(expected.getValueAtPercentile(p), actual.histogram().getValueAtPercentile(p), "p" + p);
        }
        List<long[]> want = buckets(expected);
        List<long[]> got = buckets(actual.histogram());
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i)[0], got.get(i)[0], "bucket " + i);
            assertEquals(want.get(i)[1], got.get(i)[1], "count of bucket " + i);
        }
    }

    @Test
    void aNewReadJobHoldsAQuarterOfWhatFullRangeRecordersHeld() {
        JobStats s = new JobStats(new boolean[] {true, false, false}, false, false, 1);
        long before = 2 * 2 * FULL_RANGE_BYTES; // clat and lat, two histograms each
        long now = s.histogramFootprintBytes();
        assertEquals(1_083_392, before, "the figure this test compares with");
        assertTrue(now <= 2 * 160 * 1024, "a new read job's histograms take " + now + " bytes");
        assertTrue(now <= before / 3, "a new read job's histograms take " + now + " bytes");
    }

    @Test
    void histogramsGrowOnlyBeyond134MsAndOnlyAsFarAsTheLargestLatency() {
        long created = new JobStats(new boolean[] {true, false, false}, false, false, 1).histogramFootprintBytes();
        JobStats milli = readJob(latencies(100_000, 100_000_000, 2)); // up to 100 ms: no growth
        JobStats slow = readJob(latencies(100_000, 10_000_000_000L, 1)); // up to 10 s
        assertEquals(created, milli.histogramFootprintBytes(), "a job whose I/O takes under 134 ms never grows");
        assertTrue(slow.histogramFootprintBytes() > created, "10 s job: " + slow.histogramFootprintBytes());
        assertTrue(slow.histogramFootprintBytes() <= 2 * 201 * 1024, "10 s job: " + slow.histogramFootprintBytes());
    }

    @Test
    void aFinishedJobKeepsOnlyPackedHistograms() {
        // spread over six decades, so most of the buckets up to 100 ms hold a count: the worst case
        JobStats s = readJob(latencies(100_000, 100_000_000, 3));
        long dense = s.histogramFootprintBytes();
        s.end(1_000_000);
        s.compact();
        long packed = s.histogramFootprintBytes();
        assertTrue(packed <= dense / 4, "finished job's histograms take " + packed + " bytes, " + dense + " running");
    }

    @Test
    void endingMeasurementLeavesThePackingToCompactWhichChangesNoFigure() {
        // packing is tens of milliseconds of cold code: the job thread does it after its CPU sample
        long[] clats = latencies(100_000, 100_000_000, 9);
        JobStats s = readJob(clats);
        long dense = s.histogramFootprintBytes();
        s.end(1_000_000);
        assertEquals(dense, s.histogramFootprintBytes(), "end() must not pack");
        LatencyResult ended = s.snapshotDirections()[0].clat();
        s.compact();
        assertTrue(s.histogramFootprintBytes() <= dense / 4, "compact() packs: " + s.histogramFootprintBytes());
        Histogram reference = fullRange();
        for (long v : clats) {
            reference.recordValue(v);
        }
        assertSameDistribution(reference, ended);
        assertSameDistribution(reference, s.snapshotDirections()[0].clat());
    }

    @Test
    void percentilesAndBinsAreThoseOfAFullRangeHistogram() {
        long[] clats = latencies(200_000, 2_000_000_000L, 4);
        Histogram reference = fullRange();
        for (long v : clats) {
            reference.recordValue(v);
        }
        JobStats s = readJob(clats);
        assertSameDistribution(reference, s.snapshotDirections()[0].clat()); // while running
        s.end(1_000_000);
        s.compact();
        assertSameDistribution(reference, s.snapshotDirections()[0].clat()); // finished, packed
    }

    @Test
    void latenciesBeyondAnHourAreBinnedAtAnHourAndTheExactMaxIsKept() {
        long twoHours = 2 * LatencyRecorder.HIGHEST_TRACKABLE_NANOS;
        JobStats s = readJob(new long[] {1000, twoHours});
        s.end(1_000_000);
        LatencyResult clat = s.snapshotDirections()[0].clat();
        assertEquals(twoHours, clat.max());
        assertEquals(
                clat.histogram().highestEquivalentValue(LatencyRecorder.HIGHEST_TRACKABLE_NANOS), clat.percentile(100));
    }

    @Test
    void mergingJobsOfDifferentRangesIsLossless() {
        long[] fast = latencies(50_000, 20_000, 5);
        long[] slow = latencies(50_000, 500_000_000, 6);
        Histogram reference = fullRange();
        List<JobResult> parts = new ArrayList<>();
        for (long[] clats : new long[][] {fast, slow, fast}) {
            for (long v : clats) {
                reference.recordValue(v);
            }
            JobStats s = readJob(clats);
            s.end(1_000_000);
            s.compact();
            parts.add(JobStatsTest.build(s));
        }
        JobResult merged = JobResultBuilder.merge(parts);
        assertSameDistribution(reference, merged.dirs()[0].clat());
        assertEquals(150_000, merged.dirs()[0].clat().n());
    }

    @Test
    void aStatusResultTakenWhileRunningIsUnaffectedByLaterRecording() {
        JobStats s = readJob(latencies(1000, 10_000, 7));
        LatencyResult early = s.snapshotDirections()[0].clat();
        long count = early.histogram().getTotalCount();
        for (long v : latencies(1000, 10_000_000, 8)) {
            s.recordIo(IoOp.READ, 4096, 4096, -1, v, v, -1);
        }
        assertEquals(count, early.histogram().getTotalCount());
        assertEquals(2000, s.snapshotDirections()[0].clat().histogram().getTotalCount());
    }
}
