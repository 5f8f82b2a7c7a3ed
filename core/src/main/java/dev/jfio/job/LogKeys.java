package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;

import java.util.List;

/**
 * fio's options that write log files during a run: bandwidth, IOPS, latency and latency histogram
 * logs, their averaging window, columns, time base, names and compression (HOWTO "Log File
 * Formats"). Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe
 * from any thread.
 */
final class LogKeys {
    private static final OptionList KEYS = new OptionList();
    private static final String CATEGORY = "Log files";

    static final CoreOption<String> WRITE_BW_LOG = logName("write_bw_log", "Write log of bandwidth during run");
    static final CoreOption<String> WRITE_LAT_LOG = logName("write_lat_log", "Write log of latency during run");
    static final CoreOption<String> WRITE_IOPS_LOG = logName("write_iops_log", "Write log of IOPS during run");
    static final CoreOption<String> WRITE_HIST_LOG =
            logName("write_hist_log", "Write log of latency histograms during run");
    static final CoreOption<Integer> LOG_AVG_MSEC = KEYS.add(
            "log_avg_msec",
            OptionType.INT,
            0,
            "Average bw/iops/lat logs over this period of time (0: one entry per I/O)",
            CATEGORY,
            atLeast(0));
    static final CoreOption<Integer> LOG_HIST_MSEC = KEYS.add(
            "log_hist_msec",
            OptionType.INT,
            0,
            "Dump completion latency histograms at frequency of this time value",
            CATEGORY,
            atLeast(0));
    static final CoreOption<Integer> LOG_HIST_COARSENESS = KEYS.add(
            "log_hist_coarseness",
            OptionType.INT,
            0,
            "Integer in range [0,6]. Higher coarseness outputs fewer histogram bins per sample",
            CATEGORY,
            range(0, 6));
    static final CoreOption<Boolean> LOG_MAX_VALUE = KEYS.add(
            "log_max_value", OptionType.BOOL, false, "Log max sample in a window instead of average", CATEGORY, bool());
    static final CoreOption<Boolean> LOG_OFFSET =
            KEYS.add("log_offset", OptionType.BOOL, false, "Include offset of IO for each log entry", CATEGORY, bool());
    static final CoreOption<Boolean> LOG_PRIO = KEYS.add(
            "log_prio", OptionType.BOOL, false, "Include priority value of IO for each log entry", CATEGORY, bool());
    static final CoreOption<Integer> LOG_COMPRESSION = KEYS.add(
            "log_compression",
            OptionType.SIZE,
            0,
            "Log in compressed chunks of this size (1k..512m; 0: off)",
            CATEGORY,
            compressionChunk());
    static final CoreOption<Boolean> LOG_STORE_COMPRESSED = KEYS.add(
            "log_store_compressed",
            OptionType.BOOL,
            false,
            "Store logs in a compressed format (zlib chunks, file name .log.fz)",
            CATEGORY,
            bool());
    static final CoreOption<Boolean> LOG_UNIX_EPOCH =
            KEYS.add("log_unix_epoch", OptionType.BOOL, false, "Use Unix time in log files", CATEGORY, bool());
    static final CoreOption<Boolean> LOG_ALTERNATE_EPOCH = KEYS.add(
            "log_alternate_epoch",
            OptionType.BOOL,
            false,
            "Use alternate epoch time in log files (jfio: CLOCK_REALTIME, as log_unix_epoch)",
            CATEGORY,
            bool());
    static final CoreOption<Boolean> PER_JOB_LOGS = KEYS.add(
            "per_job_logs",
            OptionType.BOOL,
            true,
            "Include job number in generated log files or not",
            CATEGORY,
            bool());

    private LogKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** A log's file name prefix; the bare option (or an empty value) means the job's name. */
    private static CoreOption<String> logName(String name, String help) {
        return KEYS.declare(
                name,
                List.of(),
                OptionType.LOG_NAME,
                null,
                null,
                help,
                CATEGORY,
                List.of(),
                (s, kb) -> s.value() == null ? "" : s.value().trim());
    }

    private static CoreOption.Parser<Integer> range(int min, int max) {
        return (s, kb) -> {
            int v = atLeast(min).parse(s, kb);
            if (v > max) {
                throw Setting.error(s, s.name() + " must be " + min + ".." + max + ", got " + v);
            }
            return v;
        };
    }

    private static CoreOption.Parser<Integer> compressionChunk() {
        return (s, kb) -> {
            long v;
            try {
                v = SizeParsers.parseSize(s.require().trim(), kb);
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, "invalid " + s.name() + " '" + s.value() + "': " + e.getMessage());
            }
            if (v != 0 && (v < 1024 || v > 512L * 1024 * 1024)) {
                throw Setting.error(s, s.name() + " must be 0 (off) or 1k..512m, got " + v);
            }
            return (int) v;
        };
    }
}
