package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The ns → bin mapping against fio 3.33's own {@code plat_val_to_idx} and {@code plat_idx_to_val}
 * (stat.c), compiled with gcc from that source and run on these values on 2026-12-02.
 */
class FioPlatBucketsTest {
    private static final long[][] VALUE_TO_BIN = {
        {0L, 0},
        {1L, 1},
        {63L, 63},
        {64L, 64},
        {127L, 127},
        {128L, 128},
        {129L, 128},
        {255L, 191},
        {256L, 192},
        {1000L, 317},
        {4095L, 447},
        {4096L, 448},
        {59733L, 692},
        {1000000L, 954},
        {123456789L, 1397},
        {17179869184L, 1855},
        {34359738368L, 1855},
        {1000000000000L, 1855},
    };
    private static final long[][] BIN_TO_VALUE = {
        {0, 0L},
        {127, 127L},
        {128, 129L},
        {129, 131L},
        {191, 255L},
        {192, 258L},
        {500, 7456L},
        {1000, 1712128L},
        {1500, 387973120L},
        {1791, 8556380160L},
        {1792, 8657043456L},
        {1855, 17112760320L},
    };

    @Test
    void theGridHasFiosBinCount() {
        assertEquals(1856, FioPlatBuckets.BINS);
        assertEquals(64, FioPlatBuckets.PER_GROUP);
    }

    @Test
    void valuesGoToTheBinsFioPutsThemIn() {
        for (long[] c : VALUE_TO_BIN) {
            assertEquals(c[1], FioPlatBuckets.index(c[0]), "plat_val_to_idx(" + c[0] + ")");
        }
    }

    @Test
    void binsStandForTheValuesFioGivesThem() {
        for (long[] c : BIN_TO_VALUE) {
            assertEquals(c[1], FioPlatBuckets.value((int) c[0]), "plat_idx_to_val(" + c[0] + ")");
        }
    }

    @Test
    void everyBinsValueMatchesFioOverTheWholeGrid() {
        // fio: s = s * 31 + plat_idx_to_val(i) over all 1856 bins, in unsigned 64-bit arithmetic
        long s = 0;
        for (int i = 0; i < FioPlatBuckets.BINS; i++) {
            s = s * 31 + FioPlatBuckets.value(i);
        }
        assertEquals("8986774690568043520", Long.toUnsignedString(s));
    }

    @Test
    void eachBinHoldsItsLowerBoundAndItsValue() {
        for (int i = 0; i < FioPlatBuckets.BINS - 1; i++) {
            assertEquals(i, FioPlatBuckets.index(FioPlatBuckets.lowerBound(i)), "lower bound of bin " + i);
            assertEquals(i, FioPlatBuckets.index(FioPlatBuckets.value(i)), "value of bin " + i);
            assertTrue(FioPlatBuckets.lowerBound(i + 1) > FioPlatBuckets.lowerBound(i));
        }
    }
}
