package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** fio's measurement and reporting options (MeasureKeys): what they switch, and what jfio refuses and why. */
class MeasureOptionsTest {
    private static JobSpec job(String... args) {
        return TestCatalogs.parser(Map.of())
                .parse(List.of(), List.of(args), Set.of())
                .jobs()
                .get(0);
    }

    private static Measurement measurement(String... args) {
        return job(args).reporting().measurement();
    }

    private static String refusal(String... args) {
        String m = assertThrows(JobSpecException.class, () -> job(args)).getMessage();
        assertFalse(m.contains("\n"), m);
        return m;
    }

    @Test
    void gtodReduceSwitchesOffEveryLatencyAndItsPercentiles() {
        Measurement m = measurement("--name=j", "--gtod_reduce=1");
        assertFalse(m.lat() || m.clat() || m.slat() || m.bw());
        Reporting r = job("--name=j", "--gtod_reduce=1", "--lat_percentiles=1").reporting();
        assertFalse(r.clatPercentiles() || r.latPercentiles() || r.slatPercentiles());
        assertEquals(Measurement.DEFAULT, measurement("--name=j"));
    }

    @Test
    void eachDisableSwitchesOffItsOwnKindOnly() {
        Measurement lat = measurement("--name=j", "--disable_lat=1");
        assertTrue(!lat.lat() && lat.clat() && lat.slat());
        Measurement clat = measurement("--name=j", "--disable_clat");
        assertTrue(clat.lat() && !clat.clat() && clat.slat());
        assertFalse(job("--name=j", "--disable_clat").reporting().clatPercentiles(), "fio: no clat percentiles then");
        Measurement slat = measurement("--name=j", "--disable_slat=1");
        assertTrue(slat.lat() && slat.clat() && !slat.slat());
        assertFalse(measurement("--name=j", "--disable_bw=1").bw(), "disable_bw is disable_bw_measurement's alias");
    }

    @Test
    void statsZeroTimesNothing() {
        Measurement m = measurement("--name=j", "--stats=0");
        assertFalse(m.stats() || m.lat() || m.clat() || m.slat());
    }

    @Test
    void unifiedRwReportingTakesFiosWordsAndFormerNumbers() {
        assertEquals(
                UnifiedRw.MIXED,
                measurement("--name=j", "--unified_rw_reporting=mixed").unifiedRw());
        assertEquals(
                UnifiedRw.MIXED,
                measurement("--name=j", "--unified_rw_reporting=1").unifiedRw());
        assertEquals(
                UnifiedRw.BOTH,
                measurement("--name=j", "--unified_rw_reporting=both").unifiedRw());
        assertEquals(
                UnifiedRw.BOTH,
                measurement("--name=j", "--unified_rw_reporting=2").unifiedRw());
        assertEquals(
                UnifiedRw.NONE,
                measurement("--name=j", "--unified_rw_reporting=0").unifiedRw());
        String m = refusal("--name=j", "--unified_rw_reporting=split");
        assertTrue(m.contains("unified_rw_reporting") && m.contains("none, mixed, both, 0, 1, 2"), m);
    }

    @Test
    void sampleWindowsAndSignificantFiguresAreCheckedAsFioDoes() {
        Measurement m = measurement("--name=j", "--bwavgtime=100", "--iopsavgtime=250", "--significant_figures=6");
        assertEquals(100, m.bwAvgMillis());
        assertEquals(250, m.iopsAvgMillis());
        assertEquals(6, m.significantFigures());
        assertTrue(refusal("--name=j", "--significant_figures=11").contains("1..10"));
        assertTrue(refusal("--name=j", "--bwavgtime=0").contains("at least 1"));
    }

    @Test
    void clockOptionsSayWhatJfioTimesWith() {
        job("--name=j", "--clocksource=clock_gettime");
        job("--name=j", "--clocksource=gettimeofday");
        String cpu = refusal("--name=j", "--clocksource=cpu");
        assertTrue(cpu.contains("clocksource=cpu") && cpu.contains("CLOCK_MONOTONIC"), cpu);
        String gtod = refusal("--name=j", "--gtod_cpu=1");
        assertTrue(gtod.startsWith("command line:2: gtod_cpu") && gtod.contains("no such thread"), gtod);
    }

    @Test
    void logTuningIsAcceptedWhereItMeansSomethingAndRefusedWithItsReasonElsewhere() {
        job("--name=j", "--log_entries=4096");
        assertTrue(refusal("--name=j", "--log_entries=10").contains("1024..1048576"));
        job("--name=j", "--log_alternate_epoch_clock_id=0");
        assertTrue(refusal("--name=j", "--log_alternate_epoch_clock_id=1").contains("CLOCK_REALTIME"));
        assertTrue(refusal("--name=j", "--log_compression_cpus=0-1").contains("log writer thread"));
        job("--name=j", "--block_error_percentiles=0");
        assertTrue(refusal("--name=j", "--block_error_percentiles=1").contains("trim"));
    }

    @Test
    void steadystateTakesFiosCriteriaAndNeedsADuration() {
        assertEquals(null, measurement("--name=j", "--ss=iops:5%").steadyState(), "no ss_dur: no detection");
        SteadyState pct = measurement("--name=j", "--ss=iops_slope:0.1%", "--ss_dur=30s", "--ss_ramp=5")
                .steadyState();
        assertTrue(pct.iops() && pct.slope() && pct.percent());
        assertEquals(0.1, pct.limit(), 1e-9);
        assertEquals(30, pct.durationSeconds());
        assertEquals(5_000_000_000L, pct.rampNanos());
        SteadyState bw = measurement("--name=j", "--steadystate=bw:2m", "--steadystate_duration=1m")
                .steadyState();
        assertTrue(!bw.iops() && !bw.slope() && !bw.percent());
        assertEquals(2 << 20, bw.limit(), 0.5, "a bandwidth limit takes a size");
        assertEquals(60, bw.durationSeconds());
        assertEquals(
                "iops_slope:0.010000%",
                measurement("--name=j", "--ss_dur=10").steadyState().criterionText(), "fio's default criterion");
        assertTrue(refusal("--name=j", "--ss=iops", "--ss_dur=10").contains("threshold"));
        assertTrue(refusal("--name=j", "--ss=lat:1", "--ss_dur=10").contains("iops, iops_slope, bw, bw_slope"));
    }
}
