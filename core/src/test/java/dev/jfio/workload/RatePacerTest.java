package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    private static final long T0 = 1_000_000_000_000L;

    @Test
    void unlimitedPacerIssuesImmediately() {
        RatePacer pacer = new RatePacer(0, 0, false, 1);
        assertFalse(pacer.limited());
        assertEquals(T0 + 5, pacer.nextDueNanos(T0 + 5, 4096));
    }

    @Test
    void linearThousandIopsAreDueExactlyOneMillisecondApart() {
        RatePacer pacer = new RatePacer(0, 1000, false, 1);
        assertTrue(pacer.limited());
        pacer.start(T0);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(T0 + i * 1_000_000L, pacer.nextDueNanos(T0, 4096));
        }
    }

    @Test
    void scheduleIsAbsoluteAndDoesNotDriftWhenTheRunnerIsLate() {
        RatePacer pacer = new RatePacer(0, 1000, false, 1);
        pacer.start(T0);
        assertEquals(T0, pacer.nextDueNanos(T0, 4096));
        // The runner comes back 50 ms late: the next I/Os are still due on the original grid.
        assertEquals(T0 + 1_000_000L, pacer.nextDueNanos(T0 + 50_000_000L, 4096));
        assertEquals(T0 + 2_000_000L, pacer.nextDueNanos(T0 + 50_000_001L, 4096));
    }

    @Test
    void thirdOfASecondIntervalsDoNotAccumulateRoundingError() {
        RatePacer pacer = new RatePacer(0, 3, false, 1);
        pacer.start(0);
        long due = 0;
        for (int i = 0; i <= 3_000; i++) {
            due = pacer.nextDueNanos(0, 1);
        }
        assertEquals(1000L * 1_000_000_000L, due);
    }

    @Test
    void byteRateSpacesVariableSizesByTheirOwnBytes() {
        RatePacer pacer = new RatePacer(1_048_576, 0, false, 1);
        pacer.start(T0);
        assertEquals(T0, pacer.nextDueNanos(T0, 4096));
        // 4 KiB at 1 MiB/s takes 1/256 s.
        assertEquals(T0 + 3_906_250L, pacer.nextDueNanos(T0, 65536));
        // then 64 KiB more: 68 KiB in all = 68/1024 s.
        assertEquals(T0 + 66_406_250L, pacer.nextDueNanos(T0, 512));
    }

    @Test
    void whenBothLimitsAreGivenTheStricterOneWins() {
        RatePacer pacer = new RatePacer(1_000_000, 100, false, 1);
        pacer.start(0);
        pacer.nextDueNanos(0, 1000);
        // bytes allow the next at 1 ms, IOPS only at 10 ms.
        assertEquals(10_000_000L, pacer.nextDueNanos(0, 100_000));
        // 101000 bytes at 1 MB/s: 101 ms, later than the IOPS limit's 20 ms.
        assertEquals(101_000_000L, pacer.nextDueNanos(0, 1000));
    }

    @Test
    void veryHighByteRatesStayExact() {
        long rate = 40_000_000_000L;
        RatePacer pacer = new RatePacer(rate, 0, false, 1);
        pacer.start(0);
        pacer.nextDueNanos(0, 1 << 30);
        for (int i = 0; i < 100; i++) {
            pacer.nextDueNanos(0, 1 << 30);
        }
        // 101 GiB at 40 GB/s: 108447924224 / 40e9 s = 2.7111981056 s.
        assertEquals(2_711_198_105L, pacer.nextDueNanos(0, 1), 1);
    }

    @Test
    void poissonInterArrivalsHaveTheLinearMeanAndVary() {
        RatePacer pacer = new RatePacer(0, 1000, true, 42);
        pacer.start(0);
        int n = 100_000;
        long previous = pacer.nextDueNanos(0, 4096);
        assertEquals(0, previous);
        double sumSquares = 0;
        for (int i = 0; i < n; i++) {
            long due = pacer.nextDueNanos(0, 4096);
            double gap = due - previous;
            assertTrue(gap >= 0);
            sumSquares += gap * gap;
            previous = due;
        }
        double mean = (double) previous / n;
        assertEquals(1_000_000, mean, 1_000_000 * 0.01);
        // exponential: standard deviation equals the mean
        double sd = Math.sqrt(sumSquares / n - mean * mean);
        assertEquals(mean, sd, mean * 0.03);
    }

    @Test
    void poissonIsReproducibleForTheSameSeed() {
        RatePacer a = new RatePacer(0, 500, true, 3);
        RatePacer b = new RatePacer(0, 500, true, 3);
        a.start(0);
        b.start(0);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextDueNanos(0, 1), b.nextDueNanos(0, 1));
        }
    }

    @Test
    void firstCallStartsTheScheduleWhenStartWasNotCalled() {
        RatePacer pacer = new RatePacer(0, 1000, false, 1);
        assertEquals(T0, pacer.nextDueNanos(T0, 1));
        assertEquals(T0 + 1_000_000L, pacer.nextDueNanos(T0 + 7, 1));
    }

    @Test
    void negativeRatesAreRejected() {
        assertEquals(
                "rate_iops must not be negative, got -1",
                assertThrows(IllegalArgumentException.class, () -> new RatePacer(0, -1, false, 1))
                        .getMessage());
    }
}
