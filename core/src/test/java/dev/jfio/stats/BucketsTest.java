package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free bucket indexes give fio's buckets (io_u.c's if-chains, written out here as the reference). */
class BucketsTest {
    @Test
    void depthLevelsAreFiosOneTwoFourUpToSixtyFourAndMore() {
        for (int depth = 1; depth <= 5000; depth++) {
            int expected = depth >= 64
                    ? 6
                    : depth >= 32 ? 5 : depth >= 16 ? 4 : depth >= 8 ? 3 : depth >= 4 ? 2 : depth >= 2 ? 1 : 0;
            assertEquals(expected, Buckets.depthIndex(depth), "depth " + depth);
        }
    }

    @Test
    void batchBucketsAreZeroThenFourEightUpToSixtyFourAndMore() {
        for (int n = 0; n <= 5000; n++) {
            int expected = n <= 0 ? 0 : n <= 4 ? 1 : n <= 8 ? 2 : n <= 16 ? 3 : n <= 32 ? 4 : n <= 64 ? 5 : 6;
            assertEquals(expected, Buckets.batchIndex(n), "batch " + n);
        }
        assertEquals(6, Buckets.batchIndex(Integer.MAX_VALUE));
    }

    @Test
    void latencyRangesMatchFiosNanoMicroAndMillisecondBucketsAtEveryBound() {
        long[] decade = {2, 4, 10, 20, 50, 100, 250, 500, 750, 1000};
        for (long scale = 1; scale <= 1_000_000_000L; scale *= 10) {
            for (long d : decade) {
                for (long delta = -2; delta <= 2; delta++) {
                    long v = d * scale + delta;
                    assertEquals(reference(v), LatencyRanges.index(v), "latency " + v + " ns");
                }
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextLong(1L << random.nextInt(1, 63));
            assertEquals(reference(v), LatencyRanges.index(v), "latency " + v + " ns");
        }
        assertEquals(0, LatencyRanges.index(-5));
        assertEquals(LatencyRanges.BUCKETS - 1, LatencyRanges.index(Long.MAX_VALUE));
    }

    private static int reference(long nanos) {
        if (nanos < 1000) {
            return decade(Math.max(nanos, 0));
        }
        if (nanos < 1_000_000) {
            return 10 + decade(nanos / 1000);
        }
        long ms = nanos / 1_000_000;
        return 20 + (ms >= 2000 ? 11 : ms >= 1000 ? 10 : decade(ms));
    }

    private static int decade(long v) {
        long[] bounds = {2, 4, 10, 20, 50, 100, 250, 500, 750};
        int i = 0;
        while (i < bounds.length && v >= bounds[i]) {
            i++;
        }
        return i;
    }
}
