package dev.jfio.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.job.SteadyState;
import org.junit.jupiter.api.Test;

/** fio's steadystate.c arithmetic, on samples fio 3.33 judged (its JSON of an iops:5% job, 3 s). */
class SteadyStateDetectorTest {
    private static final long S = 1_000_000_000L;

    /** Feeds one sample per second: {@code perSecond[i]} I/Os of 4 KiB in second i. */
    private static SteadyStateDetector feed(SteadyState ss, long... perSecond) {
        SteadyStateDetector d = new SteadyStateDetector(ss);
        d.begin(0);
        long ios = 0;
        for (int i = 0; i < perSecond.length && !d.attained(); i++) {
            ios += perSecond[i];
            d.tick((i + 1) * S, new long[] {ios * 4096, 0, 0}, new long[] {ios, 0, 0});
        }
        return d;
    }

    @Test
    void meanDeviationAsFioComputedIt() {
        SteadyStateResult r = feed(new SteadyState(true, false, true, 5, 3, 0), 2001, 2001, 2002)
                .result();
        assertTrue(r.attained());
        assertEquals(0.666667, r.maxDeviation(), 1e-6, "fio: max_deviation 0.666667");
        assertEquals(0.033311, r.criterion(), 1e-6, "fio: criterion 0.033311%");
        assertArrayEquals(new long[] {2001, 2001, 2002}, r.iopsData());
        assertEquals(2001, r.iopsMean());
        assertEquals(2001 * 4096, r.bw()[0]);
    }

    @Test
    void slopeOfARisingRateAgainstItsLimit() {
        SteadyStateResult rising = feed(new SteadyState(true, true, true, 5, 3, 0), 100, 110, 120, 130)
                .result();
        assertFalse(rising.attained(), "a slope of 10/s is 9% of the mean, above 5%");
        assertEquals(10.0, rising.slopeValue(), 1e-9);
        assertArrayEquals(new long[] {110, 120, 130}, rising.iopsData(), "the last three, oldest first");
        SteadyStateResult flat = feed(new SteadyState(true, true, true, 5, 3, 0), 100, 110, 120, 121, 121)
                .result();
        assertTrue(flat.attained(), "[110, 120, 121]: a slope of 5.5/s is 4.7% of the mean");
        assertEquals(5.5, flat.slopeValue(), 1e-9, "fio's running sums give the exact least-squares slope");
        assertArrayEquals(new long[] {110, 120, 121}, flat.iopsData());
    }

    @Test
    void nothingIsSampledUntilOneSecondAfterTheRamp() {
        SteadyStateDetector d = feed(new SteadyState(true, false, false, 1000, 2, 2 * S), 1, 2, 5, 7, 9);
        SteadyStateResult r = d.result();
        assertTrue(r.attained(), "sampled from 3 s (ss_ramp + 1 s), judged at 4 s");
        assertArrayEquals(new long[] {5, 7}, r.iopsData(), "the ramp's seconds are not sampled");
    }
}
