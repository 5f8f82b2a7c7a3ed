package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RngTest {

    private static long[] draw(Rng rng, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedGivesSameSequence() {
        assertArrayEquals(draw(new Rng(42), 1000), draw(new Rng(42), 1000));
    }

    @Test
    void differentSeedsGiveDifferentSequences() {
        long[] a = draw(new Rng(42), 100);
        long[] b = draw(new Rng(43), 100);
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                equal++;
            }
        }
        assertEquals(0, equal);
    }

    @Test
    void setSeedRestartsTheSequence() {
        Rng rng = new Rng(7);
        long[] first = draw(rng, 50);
        rng.nextGaussian();
        rng.setSeed(7);
        assertArrayEquals(first, draw(rng, 50));
    }

    @Test
    void nextDoubleStaysInUnitIntervalWithMeanOneHalf() {
        Rng rng = new Rng(1);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double d = rng.nextDouble();
            assertTrue(d >= 0 && d < 1, "out of [0,1): " + d);
            sum += d;
        }
        assertEquals(0.5, sum / 100_000, 0.005);
    }

    @Test
    void boundedDrawsStayInRangeAndAreFlat() {
        Rng rng = new Rng(3);
        int bound = 7;
        int[] counts = new int[bound];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            int v = rng.nextInt(bound);
            assertTrue(v >= 0 && v < bound);
            counts[v]++;
        }
        double chi = 0;
        double expected = (double) n / bound;
        for (int c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        // 6 degrees of freedom: the 99.99th percentile is about 27.9.
        assertTrue(chi < 28, "chi-square " + chi);
    }

    @Test
    void boundedLongDrawsHandleBoundsNearTheTopOfTheRange() {
        Rng rng = new Rng(5);
        long bound = Long.MAX_VALUE - 12345;
        long above = 0;
        for (int i = 0; i < 10_000; i++) {
            long v = rng.nextLong(bound);
            assertTrue(v >= 0 && v < bound);
            if (v > bound / 2) {
                above++;
            }
        }
        assertEquals(5000, above, 300);
    }

    @Test
    void nonPositiveBoundIsRejectedWithAClearMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Rng(1).nextInt(0));
        assertEquals("bound must be positive, got 0", e.getMessage());
    }

    @Test
    void exponentialDrawsHaveTheRequestedMean() {
        Rng rng = new Rng(11);
        double sum = 0;
        for (int i = 0; i < 100_000; i++) {
            double v = rng.nextExponential(250.0);
            assertTrue(v >= 0 && Double.isFinite(v));
            sum += v;
        }
        assertEquals(250.0, sum / 100_000, 250.0 * 0.02);
    }

    @Test
    void gaussianDrawsAreStandardNormal() {
        Rng rng = new Rng(13);
        double sum = 0;
        double squares = 0;
        int within1 = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double v = rng.nextGaussian();
            sum += v;
            squares += v * v;
            if (Math.abs(v) < 1) {
                within1++;
            }
        }
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, squares / n, 0.02);
        assertEquals(0.6827, (double) within1 / n, 0.01);
    }

    @Test
    void seedForIsReproducibleAndDistinctPerJobCloneAndStream() {
        assertEquals(Rng.seedFor(0x89, 1, 0, Rng.STREAM_OFFSET), Rng.seedFor(0x89, 1, 0, Rng.STREAM_OFFSET));
        Set<Long> seeds = new HashSet<>();
        for (int job = 0; job < 4; job++) {
            for (int clone = 0; clone < 4; clone++) {
                for (int stream = 0; stream < 5; stream++) {
                    seeds.add(Rng.seedFor(0x89, job, clone, stream));
                }
            }
        }
        assertEquals(4 * 4 * 5, seeds.size());
        assertNotEquals(Rng.seedFor(0x89, 1, 0, 0), Rng.seedFor(0x8a, 1, 0, 0));
    }
}
