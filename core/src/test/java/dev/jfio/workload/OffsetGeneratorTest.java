package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OffsetGeneratorTest {

    private static final int BS = 4096;

    private static OffsetGenerator randomWithMap(long start, long blocks, long seed) {
        return new OffsetGenerator(start, blocks * BS, BS, true, 100, DistributionKind.RANDOM, 0, false, seed);
    }

    /** Runs one pass and checks every block is hit exactly once; returns the offsets in order. */
    private static long[] assertFullPass(OffsetGenerator gen, long start, int blocks) {
        BitSet seen = new BitSet(blocks);
        long[] order = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            long off = gen.next(BS);
            assertTrue(off >= start && off <= start + (long) (blocks - 1) * BS, "offset out of range: " + off);
            assertEquals(0, (off - start) % BS, "unaligned offset " + off);
            int block = (int) ((off - start) / BS);
            assertFalse(seen.get(block), "block " + block + " visited twice");
            seen.set(block);
            order[i] = off;
        }
        assertEquals(blocks, seen.cardinality());
        assertEquals(-1, gen.next(BS), "pass should end after every block was visited");
        assertEquals(-1, gen.next(BS), "pass stays ended");
        return order;
    }

    @Test
    void randomWithoutNorandommapVisitsEveryBlockExactlyOncePerPass() {
        for (int blocks : new int[] {1, 2, 3, 5, 16, 17, 100, 1000, 4097, 65_537}) {
            assertFullPass(randomWithMap(0, blocks, blocks), 0, blocks);
        }
    }

    @Test
    void randomPassCoversHundredsOfThousandsOfBlocksThatAreNotAPowerOfTwo() {
        int blocks = 300_007;
        assertFullPass(randomWithMap(8192, blocks, 99), 8192, blocks);
    }

    @Test
    void randomOrderIsShuffledNotSequential() {
        long[] order = assertFullPass(randomWithMap(0, 10_000, 1), 0, 10_000);
        int ascendingNeighbours = 0;
        for (int i = 1; i < order.length; i++) {
            if (order[i] == order[i - 1] + BS) {
                ascendingNeighbours++;
            }
        }
        assertTrue(ascendingNeighbours < 50, "too ordered: " + ascendingNeighbours);
    }

    @Test
    void hugeBlockCountsAreSampledWithoutRepeatsAcrossTheWholeRegion() {
        long blocks = 1_000_000_000_007L;
        OffsetGenerator gen =
                new OffsetGenerator(0, blocks * 512, 512, true, 100, DistributionKind.RANDOM, 0, false, 5);
        assertEquals(blocks, gen.blocks());
        Set<Long> seen = new HashSet<>();
        double sum = 0;
        int samples = 20_000;
        for (int i = 0; i < samples; i++) {
            long off = gen.next(512);
            assertTrue(off >= 0 && off < blocks * 512);
            assertEquals(0, off % 512);
            assertTrue(seen.add(off), "repeat at " + off);
            sum += (double) off / 512 / blocks;
        }
        assertEquals(0.5, sum / samples, 0.01);
    }

    @Test
    void resetRepeatsThePassExactlyAsFioLoopsDo() {
        OffsetGenerator gen = randomWithMap(0, 777, 3);
        long[] first = assertFullPass(gen, 0, 777);
        gen.reset();
        long[] second = assertFullPass(gen, 0, 777);
        assertArrayEquals(first, second);
    }

    @Test
    void nextPassGivesAnotherFullPassInANewOrder() {
        OffsetGenerator gen = randomWithMap(0, 777, 3);
        long[] first = assertFullPass(gen, 0, 777);
        gen.nextPass();
        long[] second = assertFullPass(gen, 0, 777);
        assertFalse(Arrays.equals(first, second));
    }

    @Test
    void sameSeedGivesSameSequenceAndDifferentSeedsDiffer() {
        for (DistributionKind kind : DistributionKind.values()) {
            double param = kind == DistributionKind.ZIPF ? 1.2 : kind == DistributionKind.PARETO ? 0.2 : 10;
            long[] a = draw(new OffsetGenerator(0, 1 << 30, BS, true, 100, kind, param, true, 1), 500);
            long[] b = draw(new OffsetGenerator(0, 1 << 30, BS, true, 100, kind, param, true, 1), 500);
            long[] c = draw(new OffsetGenerator(0, 1 << 30, BS, true, 100, kind, param, true, 2), 500);
            assertArrayEquals(a, b, kind.name());
            assertFalse(Arrays.equals(a, c), kind.name());
        }
        assertFalse(Arrays.equals(draw(randomWithMap(0, 1000, 1), 1000), draw(randomWithMap(0, 1000, 2), 1000)));
    }

    private static long[] draw(OffsetGenerator gen, int count) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = gen.next(BS);
        }
        return out;
    }

    @Test
    void sequentialRunsInOrderAndEndsWhenTheNextBlockWouldNotFit() {
        OffsetGenerator gen =
                new OffsetGenerator(0, 10 * BS + 100, BS, false, 100, DistributionKind.RANDOM, 0, false, 1);
        for (int i = 0; i < 10; i++) {
            assertEquals((long) i * BS, gen.next(BS));
        }
        assertEquals(-1, gen.next(BS));
        gen.reset();
        assertEquals(0, gen.next(BS));
    }

    @Test
    void sequentialVariableSizesFollowEachOtherAndTheLastShrinksToFitAsFio() {
        OffsetGenerator gen = new OffsetGenerator(0, 8 * BS, BS, false, 0, DistributionKind.RANDOM, 0, false, 1);
        assertEquals(0, gen.next(BS));
        assertEquals(BS, gen.next(4 * BS));
        assertEquals(4 * BS, gen.lastLength());
        assertEquals(5 * BS, gen.next(2 * BS));
        assertEquals(
                7 * BS, gen.next(2 * BS), "7 blocks used: 2 do not fit, so the I/O is 1 block (fio's get_next_buflen)");
        assertEquals(BS, gen.lastLength());
        assertEquals(-1, gen.next(BS));
    }

    @Test
    void randomMapWithVaryingSizesVisitsEveryUnitExactlyOnce() {
        OffsetGenerator gen = new OffsetGenerator(0, 64 * BS, BS, true, 100, DistributionKind.RANDOM, 0, false, 7);
        gen.trackCoverage();
        int[] hits = new int[64];
        long off;
        int ios = 0;
        while ((off = gen.next(3 * BS)) >= 0) {
            ios++;
            int len = gen.lastLength();
            assertTrue(len >= BS && len <= 3 * BS && len % BS == 0, "length " + len);
            for (long b = off / BS; b < (off + len) / BS; b++) {
                hits[(int) b]++;
            }
        }
        for (int b = 0; b < 64; b++) {
            assertEquals(1, hits[b], "unit " + b);
        }
        assertTrue(ios < 64, "I/Os longer than one unit cover several: " + ios);
    }

    @Test
    void offsetsAreAlignedToTheUnitRelativeToAnUnalignedStart() {
        long start = 1000;
        OffsetGenerator seq = new OffsetGenerator(start, 16 * BS, BS, false, 100, DistributionKind.RANDOM, 0, false, 1);
        assertEquals(start, seq.next(BS));
        assertEquals(start + BS, seq.next(BS));
        OffsetGenerator rnd = randomWithMap(start, 16, 4);
        assertFullPass(rnd, start, 16);
        OffsetGenerator zipf = new OffsetGenerator(start, 16 * BS, BS, true, 100, DistributionKind.ZIPF, 1.2, false, 4);
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, (zipf.next(BS) - start) % BS);
        }
    }

    @Test
    void biggerBlocksNearTheEndAreMovedBackSoTheyFitAndThePassStillEnds() {
        int blocks = 10;
        OffsetGenerator gen = randomWithMap(0, blocks, 8);
        int ios = 0;
        long off;
        while ((off = gen.next(4 * BS)) >= 0) {
            assertTrue(off + 4 * BS <= blocks * BS, "I/O runs past the end: " + off);
            assertEquals(0, off % BS);
            ios++;
        }
        assertEquals(blocks, ios);
    }

    @Test
    void blockLargerThanTheRegionGivesMinusOne() {
        OffsetGenerator gen = new OffsetGenerator(0, 4 * BS, BS, true, 100, DistributionKind.RANDOM, 0, true, 1);
        assertEquals(-1, gen.next(8 * BS));
    }

    @Test
    void norandommapNeverEndsAndRepeatsBlocks() {
        int blocks = 100;
        OffsetGenerator gen = new OffsetGenerator(0, blocks * BS, BS, true, 100, DistributionKind.RANDOM, 0, true, 1);
        assertFalse(gen.usesRandomMap());
        BitSet seen = new BitSet();
        int repeats = 0;
        for (int i = 0; i < 10 * blocks; i++) {
            long off = gen.next(BS);
            assertTrue(off >= 0 && off < blocks * BS);
            int b = (int) (off / BS);
            if (seen.get(b)) {
                repeats++;
            }
            seen.set(b);
        }
        assertTrue(repeats > 0);
        assertEquals(blocks, seen.cardinality(), "1000 uniform draws over 100 blocks should hit them all");
    }

    @Test
    void skewedDistributionsNeverUseTheMapNorEnd() {
        for (DistributionKind kind :
                new DistributionKind[] {DistributionKind.ZIPF, DistributionKind.PARETO, DistributionKind.NORMAL}) {
            double param = kind == DistributionKind.ZIPF ? 1.2 : kind == DistributionKind.PARETO ? 0.2 : 10;
            OffsetGenerator gen = new OffsetGenerator(0, 10 * BS, BS, true, 100, kind, param, false, 1);
            assertFalse(gen.usesRandomMap());
            for (int i = 0; i < 1000; i++) {
                assertTrue(gen.next(BS) >= 0, kind.name());
            }
        }
    }

    @Test
    void percentageRandomZeroIsPurelySequential() {
        OffsetGenerator gen = new OffsetGenerator(0, 100 * BS, BS, true, 0, DistributionKind.RANDOM, 0, false, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals((long) i * BS, gen.next(BS));
        }
        assertEquals(-1, gen.next(BS));
    }

    @Test
    void percentageRandomHundredIsPurelyRandom() {
        OffsetGenerator gen = new OffsetGenerator(0, 100_000L * BS, BS, true, 100, DistributionKind.RANDOM, 0, true, 1);
        assertEquals(0, countSequentialSteps(gen, 10_000), 2);
    }

    @Test
    void percentageRandomFiftyMakesAboutHalfTheIosContinueSequentially() {
        OffsetGenerator gen = new OffsetGenerator(0, 100_000L * BS, BS, true, 50, DistributionKind.RANDOM, 0, true, 1);
        int steps = countSequentialSteps(gen, 10_000);
        assertEquals(5000, steps, 250);
    }

    @Test
    void percentageRandomWithTheMapEndsWhenTheRandomShareHasVisitedEveryBlock() {
        int blocks = 1000;
        OffsetGenerator gen = new OffsetGenerator(0, blocks * BS, BS, true, 50, DistributionKind.RANDOM, 0, false, 1);
        int ios = 0;
        while (gen.next(BS) >= 0) {
            ios++;
            assertTrue(ios < 10 * blocks, "pass did not end");
        }
        // About half the I/Os are random, and the random share takes exactly `blocks` I/Os.
        assertEquals(2 * blocks, ios, 200);
        for (int i = 0; i < 100; i++) {
            assertEquals(-1, gen.next(BS), "an ended pass stays ended, sequential draws included");
        }
        gen.nextPass();
        assertTrue(gen.next(BS) >= 0);
    }

    @Test
    void norandommapWithBigBlocksDrawsOnlyWhereTheyFitWithoutFavouringTheEnd() {
        int blocks = 10;
        OffsetGenerator gen = new OffsetGenerator(0, blocks * BS, BS, true, 100, DistributionKind.RANDOM, 0, true, 3);
        int[] hits = new int[blocks];
        int n = 70_000;
        for (int i = 0; i < n; i++) {
            long off = gen.next(4 * BS);
            assertTrue(off + 4 * BS <= blocks * BS, "I/O runs past the end: " + off);
            hits[(int) (off / BS)]++;
        }
        // 7 places fit a 4-block I/O, equally likely.
        for (int b = 0; b < 7; b++) {
            assertEquals(n / 7.0, hits[b], n / 7.0 * 0.05, "start block " + b);
        }
        assertEquals(0, hits[7] + hits[8] + hits[9]);
    }

    private static int countSequentialSteps(OffsetGenerator gen, int count) {
        long previous = gen.next(BS);
        int steps = 0;
        for (int i = 1; i < count; i++) {
            long off = gen.next(BS);
            if (off == previous + BS) {
                steps++;
            }
            previous = off;
        }
        return steps;
    }

    @Test
    void uniformNorandommapIsFlat() {
        int blocks = 1000;
        OffsetGenerator gen = new OffsetGenerator(0, blocks * BS, BS, true, 100, DistributionKind.RANDOM, 0, true, 9);
        int[] hits = new int[blocks];
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            hits[(int) (gen.next(BS) / BS)]++;
        }
        assertTrue(StatsUtil.chiSquare(hits, n) < 999 + 6 * Math.sqrt(2 * 999));
    }

    @Test
    void badParametersAreRejectedWithOneLineMessages() {
        assertEquals(
                "region of 100 bytes is smaller than the block size 4096",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new OffsetGenerator(0, 100, BS, true, 100, DistributionKind.RANDOM, 0, false, 1))
                        .getMessage());
        assertEquals(
                "percentage_random must be between 0 and 100, got 101",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new OffsetGenerator(0, BS, BS, true, 101, DistributionKind.RANDOM, 0, false, 1))
                        .getMessage());
        assertEquals(
                "zipf theta must be positive and not 1.0, got 1.0",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new OffsetGenerator(0, BS, BS, true, 100, DistributionKind.ZIPF, 1.0, false, 1))
                        .getMessage());
        assertDoesNotThrow(
                () -> new OffsetGenerator(0, BS, BS, false, 100, DistributionKind.ZIPF, 1.0, false, 1),
                "sequential jobs ignore the distribution");
    }
}
