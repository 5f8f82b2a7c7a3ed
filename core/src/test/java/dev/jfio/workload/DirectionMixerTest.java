package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import org.junit.jupiter.api.Test;

class DirectionMixerTest {

    @Test
    void singleDirectionIsAlwaysThatDirection() {
        DirectionMixer reads = new DirectionMixer(true, false, false, 50, 1);
        DirectionMixer writes = new DirectionMixer(false, true, false, 50, 1);
        DirectionMixer trims = new DirectionMixer(false, false, true, 50, 1);
        for (int i = 0; i < 1000; i++) {
            assertSame(IoOp.READ, reads.next());
            assertSame(IoOp.WRITE, writes.next());
            assertSame(IoOp.TRIM, trims.next());
            assertFalse(trims.repeatsPrevious());
        }
    }

    @Test
    void readWriteMixFollowsRwmixread() {
        for (int rwmixread : new int[] {0, 30, 50, 70, 100}) {
            DirectionMixer mixer = new DirectionMixer(true, true, false, rwmixread, rwmixread);
            int reads = 0;
            int n = 100_000;
            for (int i = 0; i < n; i++) {
                if (mixer.next() == IoOp.READ) {
                    reads++;
                }
            }
            assertEquals(rwmixread / 100.0, reads / (double) n, 0.01, "rwmixread=" + rwmixread);
        }
    }

    /** Write share of a mix driven by fio's rwmix cycle; each write is read back at once when {@code verify}. */
    private static double writeShare(int rwmixread, boolean verify, long seed) {
        DirectionMixer mixer = new DirectionMixer(true, true, false, rwmixread, seed);
        long reads = 0;
        long writes = 0;
        long verifyReads = 0;
        for (int i = 0; i < 8192; i++) {
            if (mixer.next(reads + verifyReads, writes) == IoOp.READ) {
                reads++;
            } else {
                writes++;
                verifyReads += verify ? 1 : 0;
            }
        }
        return writes / (double) (reads + writes);
    }

    @Test
    void rwmixCycleFollowsRwmixreadWhenOnlyTheMixIsIssued() {
        for (int rwmixread : new int[] {0, 30, 50, 70, 100}) {
            assertEquals(1 - rwmixread / 100.0, writeShare(rwmixread, false, 3), 0.02, "rwmixread=" + rwmixread);
        }
    }

    @Test
    void rwmixCycleCountsVerifyReadsAsFioDoesSoAVerifyingMixWritesMoreThanHalf() {
        // fio 3.33's t0008 (rw=readwrite, 8192 I/Os, verify_backlog=1) writes 16568 of 32768 KiB:
        // 50.6 %. Averaged over 200 seeds the cycle writes about 50.35 %; independent draws per I/O
        // would give 50 % +- 0.04 %.
        double sum = 0;
        for (long seed = 1; seed <= 200; seed++) {
            sum += writeShare(50, true, seed);
        }
        double mean = sum / 200;
        assertTrue(mean > 0.5015 && mean < 0.51, "mean write share " + mean);
    }

    @Test
    void mixIsReproducibleAndResettable() {
        DirectionMixer a = new DirectionMixer(true, true, false, 50, 9);
        DirectionMixer b = new DirectionMixer(true, true, false, 50, 9);
        IoOp[] first = new IoOp[200];
        for (int i = 0; i < first.length; i++) {
            first[i] = a.next();
            assertSame(first[i], b.next());
        }
        a.reset();
        for (IoOp expected : first) {
            assertSame(expected, a.next());
        }
    }

    @Test
    void trimwriteAlternatesTrimThenWriteOfTheSameBlock() {
        DirectionMixer mixer = new DirectionMixer(false, true, true, 50, 1);
        assertTrue(mixer.trimWrite());
        for (int i = 0; i < 100; i++) {
            assertSame(IoOp.TRIM, mixer.next());
            assertFalse(mixer.repeatsPrevious(), "a trim takes a new block");
            assertSame(IoOp.WRITE, mixer.next());
            assertTrue(mixer.repeatsPrevious(), "the write reuses the trimmed block");
        }
        mixer.next();
        mixer.reset();
        assertSame(IoOp.TRIM, mixer.next());
    }

    @Test
    void combinationsFioHasNoModeForAreRejected() {
        assertEquals(
                "fio has no rw mode that both reads and trims",
                assertThrows(IllegalArgumentException.class, () -> new DirectionMixer(true, false, true, 50, 1))
                        .getMessage());
        assertEquals(
                "a job must read, write or trim",
                assertThrows(IllegalArgumentException.class, () -> new DirectionMixer(false, false, false, 50, 1))
                        .getMessage());
        assertEquals(
                "rwmixread must be between 0 and 100, got 120",
                assertThrows(IllegalArgumentException.class, () -> new DirectionMixer(true, true, false, 120, 1))
                        .getMessage());
    }
}
