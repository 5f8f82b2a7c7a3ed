package dev.jfio.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class WrittenBlocksTest {

    @Test
    void latestWriteToAnOffsetWinsAndMovesToTheEndOfWriteOrder() {
        WrittenBlocks w = new WrittenBlocks(0, 64 * 4096, 4096);
        w.record(0, 8192, 4096, 0);
        w.record(0, 0, 4096, 1);
        w.record(0, 8192, 4096, 2);
        assertEquals(2, w.size());
        assertEquals(0, w.offsetAt(0));
        assertEquals(1, w.sequenceAt(0));
        assertEquals(8192, w.offsetAt(1));
        assertEquals(2, w.sequenceAt(1));
    }

    @Test
    void offsetOrderSortsByTargetThenOffset() {
        WrittenBlocks w = new WrittenBlocks(2, 1 << 20, 1 << 20, 4096);
        w.record(1, (1 << 20) + 4096, 4096, 0);
        w.record(0, (1 << 20) + 8192, 8192, 1);
        w.record(0, 1 << 20, 4096, 2);
        w.record(1, 1 << 20, 4096, 3);
        w.orderByOffset();
        long[] offsets = new long[w.size()];
        int[] targets = new int[w.size()];
        for (int i = 0; i < w.size(); i++) {
            offsets[i] = w.offsetAt(i) - (1 << 20);
            targets[i] = w.targetAt(i);
        }
        assertEquals("[0, 8192, 0, 4096]", java.util.Arrays.toString(offsets));
        assertEquals("[0, 0, 1, 1]", java.util.Arrays.toString(targets));
        assertEquals(8192, w.lengthAt(1));
        w.orderByWrite();
        assertEquals(0, w.sequenceAt(0));
        assertEquals(3, w.sequenceAt(3));
    }

    @Test
    void overlappingWriteReplacesEveryBlockItTouches() {
        WrittenBlocks w = new WrittenBlocks(0, 16 * 4096, 4096);
        w.record(0, 0, 8192, 0);
        w.record(0, 8192, 8192, 1);
        w.record(0, 16384, 4096, 2);
        w.record(0, 4096, 8192, 3); // overlaps the first two
        assertEquals(2, w.size());
        w.orderByOffset();
        assertEquals(4096, w.offsetAt(0));
        assertEquals(3, w.sequenceAt(0));
        assertEquals(16384, w.offsetAt(1));
    }

    @Test
    void clearForgetsEverythingAndTheSlotsAreReusable() {
        WrittenBlocks w = new WrittenBlocks(0, 4 * 4096, 4096);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 4; i++) {
                w.record(0, i * 4096L, 4096, round * 10 + i);
            }
            assertEquals(4, w.size());
            w.clear();
            assertEquals(0, w.size());
        }
        w.record(0, 4096, 4096, 99);
        assertEquals(1, w.size());
        assertEquals(99, w.sequenceAt(0));
    }

    @Test
    void blockOutsideTheRegionIsRefused() {
        WrittenBlocks w = new WrittenBlocks(4096, 8192, 4096);
        assertEquals(
                "block 8192+8192 of target 0 lies outside the verify region 4096+8192 of 1 target(s)",
                assertThrows(IllegalArgumentException.class, () -> w.record(0, 8192, 8192, 0))
                        .getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.record(0, 0, 4096, 0));
        assertThrows(IllegalArgumentException.class, () -> w.record(1, 4096, 4096, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> w.offsetAt(0));
    }

    @Test
    void fillingEverySlotTwiceKeepsOneEntryPerSlot() {
        int slots = 1000;
        WrittenBlocks w = new WrittenBlocks(0, slots * 512L, 512);
        for (int pass = 0; pass < 2; pass++) {
            for (int i = slots - 1; i >= 0; i--) {
                w.record(0, i * 512L, 512, pass * slots + i);
            }
        }
        assertEquals(slots, w.size());
        w.orderByOffset();
        for (int i = 0; i < slots; i++) {
            assertEquals(i * 512L, w.offsetAt(i));
            assertEquals(slots + i, w.sequenceAt(i));
        }
    }
}
