package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlockSizeGeneratorTest {

    private static final int DRAWS = 100_000;

    @Test
    void fixedSizeIsConstant() {
        BlockSizeGenerator gen = new BlockSizeGenerator(4096, 4096, null, null, 1);
        for (int i = 0; i < 1000; i++) {
            assertEquals(4096, gen.next());
        }
    }

    @Test
    void rangeStaysWithinBoundsAlignedToTheMinimumAndReachesBothEnds() {
        BlockSizeGenerator gen = new BlockSizeGenerator(4096, 65536, new int[0], new int[0], 2);
        int[] counts = new int[17];
        for (int i = 0; i < DRAWS; i++) {
            int bs = gen.next();
            assertTrue(bs >= 4096 && bs <= 65536, "out of range: " + bs);
            assertEquals(0, bs % 4096, "unaligned: " + bs);
            counts[bs / 4096]++;
        }
        // 16 equally likely sizes.
        for (int k = 1; k <= 16; k++) {
            assertEquals(DRAWS / 16.0, counts[k], DRAWS / 16.0 * 0.08, "size " + k * 4096);
        }
    }

    @Test
    void rangeWithBlockalignUsesMultiplesOfTheAlignment() {
        BlockSizeGenerator gen = new BlockSizeGenerator(1000, 5000, 512, null, null, 3);
        assertEquals(1024, gen.min());
        assertEquals(4608, gen.max());
        for (int i = 0; i < 10_000; i++) {
            int bs = gen.next();
            assertEquals(0, bs % 512);
            assertTrue(bs >= 1024 && bs <= 4608);
        }
    }

    @Test
    void splitProportionsFollowThePercentages() {
        BlockSizeGenerator gen =
                new BlockSizeGenerator(0, 0, new int[] {4096, 16384, 65536}, new int[] {50, 30, 20}, 4);
        Map<Integer, Integer> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(gen.next(), 1, Integer::sum);
        }
        assertEquals(3, counts.size());
        assertEquals(0.50, counts.get(4096) / (double) DRAWS, 0.01);
        assertEquals(0.30, counts.get(16384) / (double) DRAWS, 0.01);
        assertEquals(0.20, counts.get(65536) / (double) DRAWS, 0.01);
        assertEquals(4096, gen.min());
        assertEquals(65536, gen.max());
    }

    @Test
    void splitSkipsZeroPercentSizesAndGivesAShortfallToTheLastSize() {
        BlockSizeGenerator gen = new BlockSizeGenerator(0, 0, new int[] {512, 4096, 8192}, new int[] {0, 40, 30}, 5);
        int small = 0;
        int last = 0;
        for (int i = 0; i < DRAWS; i++) {
            int bs = gen.next();
            if (bs == 512) {
                small++;
            } else if (bs == 8192) {
                last++;
            }
        }
        assertEquals(0, small);
        assertEquals(0.60, last / (double) DRAWS, 0.01);
    }

    @Test
    void sameSeedGivesSameSizes() {
        BlockSizeGenerator a = new BlockSizeGenerator(512, 1 << 20, null, null, 6);
        BlockSizeGenerator b = new BlockSizeGenerator(512, 1 << 20, null, null, 6);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.next(), b.next());
        }
        int first = a.next();
        a.reset();
        BlockSizeGenerator c = new BlockSizeGenerator(512, 1 << 20, null, null, 6);
        assertEquals(c.next(), a.next());
        assertTrue(first > 0);
    }

    @Test
    void inconsistentParametersAreRejectedWithOneLineMessages() {
        assertEquals(
                "bssplit percentages add up to 110, more than 100",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockSizeGenerator(0, 0, new int[] {4096, 8192}, new int[] {60, 50}, 1))
                        .getMessage());
        assertEquals(
                "block size range 8192-4096 has its maximum below its minimum",
                assertThrows(IllegalArgumentException.class, () -> new BlockSizeGenerator(8192, 4096, null, null, 1))
                        .getMessage());
        assertEquals(
                "bssplit needs one percentage per block size",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockSizeGenerator(0, 0, new int[] {4096}, new int[] {60, 40}, 1))
                        .getMessage());
        assertEquals(
                "no multiple of blockalign 4096 lies in the block size range 1000-2000",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> new BlockSizeGenerator(1000, 2000, 4096, null, null, 1))
                        .getMessage());
    }
}
