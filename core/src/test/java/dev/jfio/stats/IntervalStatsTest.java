package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The per-interval series a job's statistics keep for the JSON report's "jfio" key: each interval's
 * I/Os, bytes and completion latency percentiles, bounded in size, merged for group_reporting.
 */
class IntervalStatsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final boolean[] READ_WRITE = {true, true, false};

    /** {@code n} reads of {@code clat} ns, completing at {@code at}. */
    private static void reads(JobStats s, int n, long clat, long at) {
        for (int i = 0; i < n; i++) {
            s.recordIssue(IoOp.READ);
            s.recordIo(IoOp.READ, 4096, 4096, -1, clat, clat, -1);
        }
        s.tick(at);
    }

    @Test
    void eachIntervalHoldsItsOwnIosBytesAndLatencies() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        reads(s, 1000, 100_000, SECOND); // 100 us
        reads(s, 500, 2_000_000, 2 * SECOND); // 2 ms
        reads(s, 10, 50_000, 2 * SECOND + SECOND / 2); // 50 us in a last, partial, half second (kept: not shorter)
        s.end(2 * SECOND + SECOND / 2);
        IntervalSeries series = s.series();
        assertEquals(3, series.points());
        assertArrayEquals(new long[] {0, 1000, 2000}, series.startMillis());
        assertArrayEquals(new long[] {1000, 1000, 500}, series.durationMillis());
        IntervalSeries.Direction read = series.dirs()[0];
        assertArrayEquals(new long[] {1000, 500, 10}, read.ios());
        assertArrayEquals(new long[] {1000 * 4096, 500 * 4096, 10 * 4096}, read.bytes());
        long[] p50 = read.clatNanos()[0];
        // the series' histograms resolve 1%: each interval's median is its own latency, not the run's
        assertEquals(100_000, p50[0], 1_000);
        assertEquals(2_000_000, p50[1], 20_000);
        assertEquals(50_000, p50[2], 500);
        long[] max = read.clatNanos()[4];
        assertEquals(2_000_000, max[1], 20_000);
        IntervalSeries.Direction write = series.dirs()[1];
        assertArrayEquals(new long[] {0, 0, 0}, write.ios(), "a direction idle in an interval has zero I/Os");
        assertArrayEquals(new long[] {0, 0, 0}, write.clatNanos()[0]);
        assertNull(series.dirs()[2], "trim is not done by the job");
    }

    @Test
    void aLastIntervalShorterThanHalfAnIntervalJoinsThePointBefore() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        reads(s, 1000, 100_000, SECOND);
        reads(s, 3, 100_000, SECOND + SECOND / 10); // the drain: 100 ms with a few completions
        s.end(SECOND + SECOND / 10);
        IntervalSeries series = s.series();
        assertEquals(1, series.points());
        assertEquals(1003, series.dirs()[0].ios()[0]);
        assertEquals(1100, series.durationMillis()[0]);
    }

    @Test
    void rampTimeEndsStartTheSeriesAgain() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        reads(s, 100, 1_000_000, SECOND);
        s.begin(SECOND + 5); // ramp_time over: what came before is not measured
        reads(s, 7, 100_000, 2 * SECOND + 5);
        s.end(2 * SECOND + 5);
        IntervalSeries series = s.series();
        assertEquals(1, series.points());
        assertEquals(7, series.dirs()[0].ios()[0]);
        assertEquals(100_000, series.dirs()[0].clatNanos()[0][0], 1_000);
    }

    @Test
    void aLongRunIsCoalescedToAtMostMaxPointsAndKeepsEveryIo() {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.configureIntervals(SECOND / 100, null);
        s.begin(0);
        int intervals = 5000;
        for (int i = 1; i <= intervals; i++) {
            reads(s, 2, i == 4000 ? 9_000_000 : 100_000, i * SECOND / 100);
        }
        s.end(intervals * SECOND / 100);
        IntervalSeries series = s.series();
        assertTrue(series.points() <= SeriesBuilder.MAX_POINTS, series.points() + " points");
        assertTrue(series.points() >= SeriesBuilder.MAX_POINTS / 4, series.points() + " points");
        long ios = 0;
        long millis = 0;
        for (int i = 0; i < series.points(); i++) {
            ios += series.dirs()[0].ios()[i];
            millis += series.durationMillis()[i];
            if (i > 0) {
                assertEquals(series.startMillis()[i - 1] + series.durationMillis()[i - 1], series.startMillis()[i]);
            }
        }
        assertEquals(2L * intervals, ios);
        assertEquals(50_000, millis);
        long maxOfMax = 0;
        for (long m : series.dirs()[0].clatNanos()[4]) {
            maxOfMax = Math.max(maxOfMax, m);
        }
        assertEquals(9_000_000, maxOfMax, 90_000, "a coalesced point keeps the largest max");
    }

    @Test
    void groupReportingSumsTheClonesIntervals() {
        IntervalSeries a = seriesOf(100, 10);
        IntervalSeries b = seriesOf(300, 30);
        IntervalSeries merged = IntervalSeries.merge(List.of(a, b));
        assertArrayEquals(new long[] {400, 40}, merged.dirs()[0].ios());
        assertEquals(1000, merged.intervalMillis());
    }

    private static IntervalSeries seriesOf(int first, int second) {
        JobStats s = new JobStats(READ_WRITE, false, false, 1);
        s.begin(0);
        reads(s, first, 100_000, SECOND);
        reads(s, second, 100_000, 2 * SECOND);
        s.end(2 * SECOND);
        return s.series();
    }
}
