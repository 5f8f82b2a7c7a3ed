package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jfio.job.RwMode;
import dev.jfio.run.CloneProgress;
import dev.jfio.run.CloneProgress.Phase;
import dev.jfio.run.RunProgress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ETA line against lines fio 3.33 printed for the same situations (quoted in each test). */
class EtaLineTest {
    private static final long S = 1_000_000_000L;
    private static final long MIB = 1L << 20;

    private static CloneProgress clone(Phase phase, RwMode rw, long phaseNanos, long done, long runtime) {
        return new CloneProgress(
                phase,
                rw,
                50,
                phase == Phase.RUNNING ? 1 : 0,
                phaseNanos,
                done,
                100L << 30,
                true,
                runtime,
                0,
                0,
                0,
                0,
                false);
    }

    private static RunProgress progress(long[] bytes, long[] ios, CloneProgress... clones) {
        return new RunProgress(bytes, ios, List.of(clones));
    }

    @Test
    void aTimeBasedReadShowsStateRatesAndTimeLeft() {
        // fio: Jobs: 1 (f=1): [R(1)][40.0%][r=412MiB/s][r=105k IOPS][eta 00m:03s]
        EtaLine line = new EtaLine();
        RunProgress p = progress(
                new long[] {412 * MIB, 0, 0},
                new long[] {105_472, 0, 0},
                clone(Phase.RUNNING, RwMode.READ, 2 * S, 412 * MIB, 5 * S));
        assertEquals("Jobs: 1 (f=1): [R(1)][40.0%][r=412MiB/s][r=105k IOPS][eta 00m:03s]", line.format(p, S, 2 * S));
    }

    @Test
    void ratesAreOfTheLastIntervalOnly() {
        EtaLine line = new EtaLine();
        CloneProgress c = clone(Phase.RUNNING, RwMode.RANDREAD, 2 * S, 1, 5 * S);
        line.format(progress(new long[] {400 * MIB, 0, 0}, new long[] {102_400, 0, 0}, c), S, S);
        String second = line.format(progress(new long[] {500 * MIB, 0, 0}, new long[] {128_000, 0, 0}, c), S, 2 * S);
        assertEquals("Jobs: 1 (f=1): [r(1)][40.0%][r=100MiB/s][r=25.6k IOPS][eta 00m:03s]", second);
    }

    @Test
    void aMixedWorkloadShowsBothDirections() {
        // fio: Jobs: 1 (f=1): [m(1)][60.0%][r=5961MiB/s,w=2555MiB/s][r=1526k,w=654k IOPS][eta 00m:02s]
        EtaLine line = new EtaLine();
        RunProgress p = progress(
                new long[] {5961 * MIB, 2555 * MIB, 0},
                new long[] {1_526_000, 654_000, 0},
                clone(Phase.RUNNING, RwMode.RANDRW, 3 * S, 1, 5 * S));
        assertEquals(
                "Jobs: 1 (f=1): [m(1)][60.0%][r=5961MiB/s,w=2555MiB/s][r=1526k,w=654k IOPS][eta 00m:02s]",
                line.format(p, S, 3 * S));
    }

    @Test
    void jobsInDifferentStatesMakeARunString() {
        // fio: Jobs: 2 (f=2): [_(1),W(1),M(1)][...]; and [r(1),P(2)] before the stonewall
        assertEquals(
                "_(1),W(1),M(1)",
                EtaLine.runString(List.of(
                        clone(Phase.DONE, RwMode.RANDREAD, 0, 0, 0),
                        clone(Phase.RUNNING, RwMode.WRITE, 0, 0, 0),
                        clone(Phase.RUNNING, RwMode.RW, 0, 0, 0))));
        assertEquals(
                "r(1),P(2)",
                EtaLine.runString(List.of(
                        clone(Phase.RUNNING, RwMode.RANDREAD, 0, 0, 0),
                        clone(Phase.PENDING, RwMode.WRITE, 0, 0, 0),
                        clone(Phase.PENDING, RwMode.RW, 0, 0, 0))));
        assertEquals(
                "X(1),I(1),/(1),d(1)",
                EtaLine.runString(List.of(
                        clone(Phase.FAILED, RwMode.READ, 0, 0, 0),
                        clone(Phase.STARTING, RwMode.READ, 0, 0, 0),
                        clone(Phase.RAMP, RwMode.READ, 0, 0, 0),
                        clone(Phase.RUNNING, RwMode.RANDTRIM, 0, 0, 0))));
    }

    @Test
    void rampTimeShowsNoPercentageAndNoRates() {
        // fio: Jobs: 1 (f=0): [/(1)][-.-%][eta 00m:03s]
        EtaLine line = new EtaLine();
        CloneProgress ramp = new CloneProgress(
                Phase.RAMP, RwMode.READ, 100, 0, 2 * S, 0, 100L << 30, true, 2 * S, 3 * S, 0, 0, 0, false);
        assertEquals(
                "Jobs: 1 (f=0): [/(1)][-.-%][eta 00m:03s]",
                line.format(progress(new long[3], new long[3], ramp), S, 2 * S));
    }

    @Test
    void aRateLimitFollowsTheJobCount() {
        // fio: Jobs: 1 (f=1), 0B/s-400MiB/s: [r(1)][27.3%][r=400MiB/s][r=102k IOPS][eta 00m:08s]
        EtaLine line = new EtaLine();
        CloneProgress limited = new CloneProgress(
                Phase.RUNNING,
                RwMode.RANDREAD,
                100,
                1,
                3 * S,
                1100 * MIB,
                4096 * MIB,
                false,
                0,
                0,
                0,
                400 * MIB,
                0,
                false);
        assertEquals(
                "Jobs: 1 (f=1), 0B/s-400MiB/s: [r(1)][27.3%][r=400MiB/s][r=102k IOPS][eta 00m:08s]",
                line.format(progress(new long[] {400 * MIB, 0, 0}, new long[] {102_400, 0, 0}, limited), S, 3 * S));
    }

    @Test
    void aShorterLineIsPaddedOverTheLongerOneBefore() {
        EtaLine line = new EtaLine();
        CloneProgress c = clone(Phase.RUNNING, RwMode.READ, 2 * S, 1, 5 * S);
        String longer = line.format(progress(new long[] {20L << 30, 0, 0}, new long[] {5_000_000, 0, 0}, c), S, 2 * S);
        String shorter = line.format(progress(new long[] {20L << 30, 0, 0}, new long[] {5_000_000, 0, 0}, c), S, 2 * S);
        assertEquals(longer.length(), shorter.length());
        assertEquals("Jobs: 1 (f=1): [R(1)][40.0%][eta 00m:03s]", shorter.stripTrailing());
    }

    @Test
    void nothingIsShownOnceNoJobRunsOrWaits() {
        EtaLine line = new EtaLine();
        assertNull(line.format(progress(new long[3], new long[3], clone(Phase.DONE, RwMode.READ, 0, 0, 0)), S, S));
    }

    @Test
    void etaIsFormattedAsFiosEtaToStr() {
        assertEquals("00m:03s", EtaEstimate.format(3));
        assertEquals("01h:01m:01s", EtaEstimate.format(3661));
        assertEquals("02d:00h:00m:05s", EtaEstimate.format(2 * 86400 + 5));
    }

    @Test
    void aStonewalledJobAddsItsWholeTime() {
        CloneProgress first = clone(Phase.RUNNING, RwMode.READ, 2 * S, 1, 4 * S);
        CloneProgress second =
                new CloneProgress(Phase.PENDING, RwMode.WRITE, 50, 0, 0, 0, 100L << 30, true, 2 * S, 0, 0, 0, 0, true);
        assertEquals(2 + 2, EtaEstimate.run(List.of(first, second)));
    }
}
