package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SkewedIndexGeneratorTest {

    private static final int BLOCKS = 1000;
    private static final int DRAWS = 100_000;

    private static int[] hits(SkewedIndexGenerator gen) {
        int[] hits = new int[(int) gen.blocks()];
        for (int i = 0; i < DRAWS; i++) {
            long v = gen.next();
            assertTrue(v >= 0 && v < hits.length, "index out of range: " + v);
            hits[(int) v]++;
        }
        return hits;
    }

    /** Σ i^-θ for i = 1..k. */
    private static double harmonic(int k, double theta) {
        double s = 0;
        for (int i = 1; i <= k; i++) {
            s += Math.pow(i, -theta);
        }
        return s;
    }

    @Test
    void zipfOnePointTwoGivesTheTopTenthOfBlocksRoughlyTheTheoreticalShare() {
        double theory = harmonic(BLOCKS / 10, 1.2) / harmonic(BLOCKS, 1.2);
        double scattered = StatsUtil.topShare(
                hits(new SkewedIndexGenerator(DistributionKind.ZIPF, BLOCKS, 1.2, -1, true, 1)), 0.1);
        double contiguous =
                rankShareBelowTenth(new SkewedIndexGenerator(DistributionKind.ZIPF, BLOCKS, 1.2, 0, false, 1));
        assertTrue(theory > 0.8, "theory " + theory);
        assertEquals(theory, contiguous, 0.03);
        assertTrue(scattered >= contiguous - 0.01, "scattering cannot make the top tenth colder: " + scattered);
    }

    @Test
    void zipfWithThetaBelowOneIsSkewedButLessSo() {
        double share = StatsUtil.topShare(
                hits(new SkewedIndexGenerator(DistributionKind.ZIPF, BLOCKS, 0.8, -1, true, 2)), 0.1);
        double theory = harmonic(BLOCKS / 10, 0.8) / harmonic(BLOCKS, 0.8);
        assertEquals(theory, share, 0.08);
        assertTrue(share > 0.3 && share < 0.8, "share " + share);
    }

    @Test
    void paretoPointTwoFollowsItsEightyTwentyLikeLaw() {
        // rank = (n-1)·u^(ln 0.2 / ln 0.8): P(rank < n/10) = 0.1^(ln 0.8 / ln 0.2) ≈ 0.726
        double theory = Math.pow(0.1, Math.log(0.8) / Math.log(0.2));
        double contiguous =
                rankShareBelowTenth(new SkewedIndexGenerator(DistributionKind.PARETO, BLOCKS, 0.2, 0, false, 3));
        assertEquals(theory, contiguous, 0.01);
        double scattered = StatsUtil.topShare(
                hits(new SkewedIndexGenerator(DistributionKind.PARETO, BLOCKS, 0.2, -1, true, 3)), 0.1);
        assertTrue(scattered > 0.7, "share " + scattered);
    }

    private static double rankShareBelowTenth(SkewedIndexGenerator gen) {
        int below = 0;
        for (int i = 0; i < DRAWS; i++) {
            if (gen.next() < BLOCKS / 10) {
                below++;
            }
        }
        return (double) below / DRAWS;
    }

    @Test
    void normalConcentratesAroundTheMiddleOfTheRegion() {
        SkewedIndexGenerator gen = new SkewedIndexGenerator(DistributionKind.NORMAL, BLOCKS, 10, -1, false, 4);
        int[] hits = hits(gen);
        long middle = 0;
        double sum = 0;
        for (int i = 0; i < BLOCKS; i++) {
            sum += (double) i * hits[i];
            if (i >= 400 && i < 600) {
                middle += hits[i];
            }
        }
        assertEquals(BLOCKS / 2.0, sum / DRAWS, 5);
        // fio's sum of 12 uniforms has σ ≈ n/12, plus a uniform term 10% of n wide: σ ≈ 0.088 n,
        // so ±0.1 n holds about 74% of the draws.
        assertEquals(0.74, (double) middle / DRAWS, 0.04);
        assertEquals(0, hits[0] + hits[BLOCKS - 1], 5);
    }

    @Test
    void normalWiderDeviationSpreadsFurther() {
        double narrow = spread(new SkewedIndexGenerator(DistributionKind.NORMAL, BLOCKS, 0, -1, false, 5));
        double wide = spread(new SkewedIndexGenerator(DistributionKind.NORMAL, BLOCKS, 60, -1, false, 5));
        assertEquals(BLOCKS / 12.0, narrow, 3);
        assertTrue(wide > 1.5 * narrow, narrow + " vs " + wide);
    }

    private static double spread(SkewedIndexGenerator gen) {
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < DRAWS; i++) {
            double v = gen.next();
            sum += v;
            squares += v * v;
        }
        double mean = sum / DRAWS;
        return Math.sqrt(squares / DRAWS - mean * mean);
    }

    @Test
    void normalCenterMovesThePeak() {
        SkewedIndexGenerator gen = new SkewedIndexGenerator(DistributionKind.NORMAL, BLOCKS, 0, 0.75, false, 6);
        int[] hits = hits(gen);
        int peakBucket = 0;
        int[] buckets = new int[10];
        for (int i = 0; i < BLOCKS; i++) {
            buckets[i / 100] += hits[i];
        }
        for (int b = 1; b < 10; b++) {
            if (buckets[b] > buckets[peakBucket]) {
                peakBucket = b;
            }
        }
        assertEquals(7, peakBucket, 1);
    }

    @Test
    void scatteredNormalIsStillSkewedButItsHotBlocksAreSpreadOut() {
        int[] hits = hits(new SkewedIndexGenerator(DistributionKind.NORMAL, BLOCKS, 10, -1, true, 7));
        assertTrue(StatsUtil.topShare(hits, 0.2) > 0.6);
        int middle = 0;
        for (int i = 400; i < 600; i++) {
            middle += hits[i];
        }
        assertTrue((double) middle / DRAWS < 0.4, "hot blocks should not all sit in the middle");
    }

    @Test
    void uniformIsFlat() {
        int[] hits = hits(new SkewedIndexGenerator(DistributionKind.RANDOM, BLOCKS, 0, -1, true, 8));
        double chi = StatsUtil.chiSquare(hits, DRAWS);
        assertTrue(chi < 999 + 6 * Math.sqrt(2 * 999), "chi-square " + chi);
        assertTrue(StatsUtil.topShare(hits, 0.1) < 0.12);
    }

    @Test
    void singleBlockAlwaysGivesIndexZero() {
        for (DistributionKind kind : DistributionKind.values()) {
            double param = kind == DistributionKind.ZIPF ? 1.2 : kind == DistributionKind.PARETO ? 0.2 : 10;
            SkewedIndexGenerator gen = new SkewedIndexGenerator(kind, 1, param, -1, true, 1);
            for (int i = 0; i < 100; i++) {
                assertEquals(0, gen.next(), kind.name());
            }
        }
    }

    @Test
    void zipfOverHugeRegionsCapsTheZetaWorkAndStaysInRange() {
        long blocks = 1L << 40;
        long t0 = System.nanoTime();
        SkewedIndexGenerator gen = new SkewedIndexGenerator(DistributionKind.ZIPF, blocks, 1.2, -1, true, 9);
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
        for (int i = 0; i < 10_000; i++) {
            long v = gen.next();
            assertTrue(v >= 0 && v < blocks);
        }
    }

    @Test
    void setSeedRestartsTheSequence() {
        SkewedIndexGenerator gen = new SkewedIndexGenerator(DistributionKind.PARETO, BLOCKS, 0.3, -1, true, 10);
        long[] first = new long[100];
        for (int i = 0; i < first.length; i++) {
            first[i] = gen.next();
        }
        gen.setSeed(10);
        for (long expected : first) {
            assertEquals(expected, gen.next());
        }
    }

    @Test
    void outOfRangeParametersAreRejectedWithOneLineMessages() {
        assertEquals(
                "pareto h must be between 0 and 1 (exclusive), got 1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SkewedIndexGenerator(DistributionKind.PARETO, 10, 1.0, -1, true, 1))
                        .getMessage());
        assertEquals(
                "normal deviation must be between 0 and 100 (percent), got 101.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SkewedIndexGenerator(DistributionKind.NORMAL, 10, 101, -1, true, 1))
                        .getMessage());
        assertEquals(
                "zipf theta must be positive and not 1.0, got -0.5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SkewedIndexGenerator(DistributionKind.ZIPF, 10, -0.5, -1, true, 1))
                        .getMessage());
        assertEquals(
                "random_center must be between 0.0 and 1.0, got 1.5",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new SkewedIndexGenerator(DistributionKind.ZIPF, 10, 1.2, 1.5, true, 1))
                        .getMessage());
    }
}
