package dev.jfio.job;

import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.plain;

import java.util.List;
import java.util.Locale;

/**
 * fio's options of what a job measures and how the report shows it: {@code gtod_reduce} and the
 * {@code disable_*} switches, {@code stats}, the sample windows {@code bwavgtime} and
 * {@code iopsavgtime}, {@code unified_rw_reporting}, {@code significant_figures}, the clock
 * ({@code clocksource}, {@code gtod_cpu}) and the log tuning fio has beside them. Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class MeasureKeys {
    private static final OptionList KEYS = new OptionList();
    private static final String CATEGORY = "Measurements and reporting";

    static final CoreOption<Boolean> GTOD_REDUCE = KEYS.add(
            "gtod_reduce",
            OptionType.BOOL,
            false,
            "Greatly reduce number of gettimeofday() calls (disable_lat, disable_clat, disable_slat, disable_bw)",
            CATEGORY,
            bool());
    static final CoreOption<Boolean> DISABLE_LAT =
            KEYS.add("disable_lat", OptionType.BOOL, false, "Disable latency numbers", CATEGORY, bool());
    static final CoreOption<Boolean> DISABLE_CLAT =
            KEYS.add("disable_clat", OptionType.BOOL, false, "Disable completion latency numbers", CATEGORY, bool());
    static final CoreOption<Boolean> DISABLE_SLAT =
            KEYS.add("disable_slat", OptionType.BOOL, false, "Disable submission latency numbers", CATEGORY, bool());
    static final CoreOption<Boolean> DISABLE_BW = KEYS.add(
            "disable_bw_measurement",
            List.of("disable_bw"),
            OptionType.BOOL,
            false,
            "Disable bandwidth logging",
            CATEGORY,
            bool());
    static final CoreOption<Boolean> STATS =
            KEYS.add("stats", OptionType.BOOL, true, "Enable collection of stats", CATEGORY, bool());
    static final CoreOption<UnifiedRw> UNIFIED_RW_REPORTING = KEYS.choice(
            "unified_rw_reporting",
            UnifiedRw.NONE,
            "none",
            "Unify reporting across data direction",
            CATEGORY,
            List.of("none", "mixed", "both", "0", "1", "2"),
            plain(UnifiedRw::parse));
    static final CoreOption<Integer> SIGNIFICANT_FIGURES = KEYS.add(
            "significant_figures",
            OptionType.INT,
            4,
            "Significant figures for output-format set to normal",
            CATEGORY,
            SettingParsers.between(1, 10));
    static final CoreOption<Integer> BWAVGTIME = KEYS.add(
            "bwavgtime",
            OptionType.INT,
            500,
            "Time window over which to calculate bandwidth (msec)",
            CATEGORY,
            SettingParsers.atLeast(1));
    static final CoreOption<Integer> IOPSAVGTIME = KEYS.add(
            "iopsavgtime",
            OptionType.INT,
            500,
            "Time window over which to calculate IOPS (msec)",
            CATEGORY,
            SettingParsers.atLeast(1));
    static final CoreOption<String> CLOCKSOURCE = KEYS.choice(
            "clocksource",
            "clock_gettime",
            "clock_gettime",
            "What type of timing source to use (jfio: clock_gettime(CLOCK_MONOTONIC) through System.nanoTime)",
            CATEGORY,
            List.of("gettimeofday", "clock_gettime", "cpu"),
            plain(MeasureKeys::clocksource));
    static final CoreOption<Integer> GTOD_CPU = KEYS.add(
            "gtod_cpu",
            OptionType.INT,
            null,
            "Set up dedicated gettimeofday() thread on this CPU (jfio: refused, it has no clock thread)",
            CATEGORY,
            refused("gtod_cpu pins fio's thread that calls gettimeofday() for all jobs; jfio has no such"
                    + " thread: each job reads clock_gettime(CLOCK_MONOTONIC) itself (vDSO, no system call)"));
    static final CoreOption<Boolean> BLOCK_ERROR_PERCENTILES = KEYS.add(
            "block_error_percentiles",
            OptionType.BOOL,
            false,
            "Record trim block errors and make a histogram (jfio: 1 is refused, no per-block trim state)",
            CATEGORY,
            (s, kb) -> {
                if (Setting.bool(s, false)) {
                    throw Setting.error(
                            s,
                            "block_error_percentiles histograms how many trims each block took before it"
                                    + " failed; jfio keeps no per-block trim/failure state, so it cannot");
                }
                return false;
            });
    static final CoreOption<Integer> LOG_ENTRIES = KEYS.add(
            "log_entries",
            OptionType.INT,
            1024,
            "Initial number of entries in a job IO log (fio grows its logs; jfio's log ring is fixed: no effect)",
            CATEGORY,
            SettingParsers.between(1024, 1024 * 1024));
    static final CoreOption<String> LOG_COMPRESSION_CPUS = KEYS.add(
            "log_compression_cpus",
            OptionType.STRING,
            null,
            "Limit log compression to these CPUs (jfio: refused, its log writer thread is not pinned)",
            CATEGORY,
            refused("log_compression_cpus pins fio's log compression workers; jfio compresses on its one"
                    + " log writer thread, which it does not pin"));
    static final CoreOption<Integer> LOG_ALTERNATE_EPOCH_CLOCK_ID = KEYS.add(
            "log_alternate_epoch_clock_id",
            OptionType.INT,
            0,
            "clock_gettime clock whose epoch log_alternate_epoch uses (jfio: 0, CLOCK_REALTIME, only)",
            CATEGORY,
            (s, kb) -> {
                int id = SettingParsers.atLeast(0).parse(s, kb);
                if (id != 0) {
                    throw Setting.error(
                            s,
                            "jfio stamps log_alternate_epoch/log_unix_epoch logs from CLOCK_REALTIME (clock id 0)"
                                    + " only: Java reads no other clock's epoch; got " + id);
                }
                return 0;
            });

    static final CoreOption<String> STEADYSTATE = KEYS.add(
            "steadystate",
            List.of("ss"),
            OptionType.STRING,
            "iops_slope:0.01%",
            "Define the criterion and limit to judge when a job has reached steady state",
            CATEGORY,
            (s, kb) -> {
                try {
                    SteadyState.parse(s.require(), kb, 0, 0);
                } catch (IllegalArgumentException e) {
                    throw Setting.error(s, e.getMessage());
                }
                return s.require().trim();
            });
    static final CoreOption<Long> STEADYSTATE_DURATION = KEYS.add(
            "steadystate_duration",
            List.of("ss_dur"),
            OptionType.TIME_S,
            0L,
            "Stop workload upon attaining steady state for specified duration",
            CATEGORY,
            SettingParsers.time("s"));
    static final CoreOption<Long> STEADYSTATE_RAMP_TIME = KEYS.add(
            "steadystate_ramp_time",
            List.of("ss_ramp"),
            OptionType.TIME_S,
            0L,
            "Delay before initiation of data collection for steady state job termination testing",
            CATEGORY,
            SettingParsers.time("s"));

    private MeasureKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** The job's steady-state detection, or null without {@code steadystate_duration}. */
    static SteadyState steadyState(OptionValues o) {
        long dur = o.get(STEADYSTATE_DURATION) / 1_000_000_000L;
        if (dur <= 0) {
            return null;
        }
        Setting where = o.setting(STEADYSTATE_DURATION);
        if (dur > Integer.MAX_VALUE) {
            throw Setting.error(where, "steadystate_duration is too long: " + dur + " s");
        }
        return SteadyState.parse(o.get(STEADYSTATE), o.kbBase(), (int) dur, o.get(STEADYSTATE_RAMP_TIME));
    }

    static void check(OptionValues o) {
        o.get(CLOCKSOURCE);
        o.get(GTOD_CPU);
        o.get(BLOCK_ERROR_PERCENTILES);
        o.get(LOG_ENTRIES);
        o.get(LOG_COMPRESSION_CPUS);
        o.get(LOG_ALTERNATE_EPOCH_CLOCK_ID);
    }

    private static String clocksource(String text) {
        String v = text.trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "clock_gettime":
            case "gettimeofday":
                return v;
            case "cpu":
                throw new IllegalArgumentException("clocksource=cpu reads the CPU's time stamp counter directly;"
                        + " Java cannot (jfio times with clock_gettime(CLOCK_MONOTONIC), which uses the TSC"
                        + " through the vDSO where the kernel trusts it): use clock_gettime");
            default:
                throw new IllegalArgumentException(
                        "invalid clocksource value '" + text.trim() + "' (accepted: gettimeofday, clock_gettime, cpu)");
        }
    }

    private static <T> CoreOption.Parser<T> refused(String reason) {
        return (s, kb) -> {
            throw Setting.error(s, reason);
        };
    }
}
