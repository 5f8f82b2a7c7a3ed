package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.named;
import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.text;

import java.util.List;

/**
 * fio's options about jobs as a whole: clones, threads, groups and barriers, exits, error
 * handling, and which latency percentiles to measure.
 * Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe from any
 * thread.
 */
final class JobControlKeys {
    private static final OptionList KEYS = new OptionList();

    // Threads, groups
    static final CoreOption<Integer> NUMJOBS =
            KEYS.add("numjobs", OptionType.INT, 1, "Duplicate this job this many times", "Process", atLeast(1));
    static final CoreOption<Boolean> THREAD = KEYS.add(
            "thread",
            OptionType.BOOL,
            false,
            "Use threads instead of processes (jfio always uses threads)",
            "Process",
            bool());
    static final CoreOption<Boolean> GROUP_REPORTING = KEYS.add(
            "group_reporting", OptionType.BOOL, false, "Do reporting on a per-group basis", "Measurements", bool());
    static final CoreOption<Boolean> NEW_GROUP = KEYS.add(
            "new_group",
            OptionType.BOOL,
            false,
            "Mark the start of a new group (for reporting)",
            "Measurements",
            bool());
    static final CoreOption<Boolean> STONEWALL = KEYS.add(
            "stonewall",
            List.of("wait_for_previous"),
            OptionType.BOOL,
            false,
            "Insert a hard barrier between this job and previous",
            "Process",
            bool());
    static final CoreOption<Boolean> EXITALL =
            KEYS.add("exitall", OptionType.BOOL, false, "Terminate all jobs when one exits", "Process", bool());
    static final CoreOption<Boolean> EXITALL_ON_ERROR = KEYS.add(
            "exitall_on_error",
            OptionType.BOOL,
            false,
            "Terminate all jobs when one exits in error",
            "Process",
            bool());
    // Errors
    static final CoreOption<NonFatalErrors> IGNORE_ERROR = KEYS.add(
            "ignore_error",
            OptionType.STRING,
            NonFatalErrors.DEFAULT,
            "Set a specific list of errors to ignore",
            "Error handling",
            plain(NonFatalErrors::parse));
    static final CoreOption<ContinueOnError> CONTINUE_ON_ERROR = KEYS.choice(
            "continue_on_error",
            ContinueOnError.NONE,
            "none",
            "Continue on non-fatal errors during IO",
            "Error handling",
            List.of("none", "read", "write", "io", "verify", "all", "0", "1"),
            plain(ContinueOnError::parse));
    // Measurements
    static final CoreOption<Boolean> CLAT_PERCENTILES = KEYS.add(
            "clat_percentiles",
            OptionType.BOOL,
            true,
            "Enable the reporting of completion latency percentiles",
            "Measurements",
            bool());
    static final CoreOption<Boolean> LAT_PERCENTILES = KEYS.add(
            "lat_percentiles",
            OptionType.BOOL,
            false,
            "Enable the reporting of latency percentiles",
            "Measurements",
            bool());
    static final CoreOption<Boolean> SLAT_PERCENTILES = KEYS.add(
            "slat_percentiles",
            OptionType.BOOL,
            false,
            "Enable the reporting of submission latency percentiles",
            "Measurements",
            bool());
    static final CoreOption<Boolean> DISK_UTIL =
            KEYS.add("disk_util", OptionType.BOOL, true, "Log disk utilization statistics", "Measurements", bool());
    static final CoreOption<double[]> PERCENTILE_LIST = KEYS.declare(
            "percentile_list",
            List.of(),
            OptionType.FLOAT_LIST,
            new double[] {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99},
            null,
            "Specify a custom list of percentiles to report for completion latency and block errors",
            "Measurements",
            List.of(),
            named(ListParsers::parsePercentileList));
    static final CoreOption<String> WRITE_HDR_LOG = KEYS.add(
            "write_hdr_log",
            OptionType.STRING,
            null,
            "jfio only: write HdrHistogram interval logs of the latencies to PREFIX.N.hlog (N: the job's number)",
            "Measurements",
            text());
    static final CoreOption<Integer> HDR_LOG_MSEC = KEYS.add(
            "hdr_log_msec",
            OptionType.INT,
            1000,
            "jfio only: milliseconds per interval of write_hdr_log and of the JSON report's time series",
            "Measurements",
            atLeast(10));

    private JobControlKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
