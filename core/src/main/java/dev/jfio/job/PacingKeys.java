package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.perDirectionSizes;
import static dev.jfio.job.SettingParsers.time;

import java.util.List;

/**
 * fio's options that pace a job: queue depth and batching, run and ramp time, think time, and
 * rate limits.
 * Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe from any
 * thread.
 */
final class PacingKeys {
    private static final OptionList KEYS = new OptionList();

    // I/O depth
    static final CoreOption<Integer> IODEPTH =
            KEYS.add("iodepth", OptionType.INT, 1, "Number of IO buffers to keep in flight", "I/O depth", atLeast(1));
    static final CoreOption<Integer> IODEPTH_BATCH_SUBMIT = KEYS.add(
            "iodepth_batch_submit",
            List.of("iodepth_batch"),
            OptionType.INT,
            1,
            "Number of IO buffers to submit in one go",
            "I/O depth",
            atLeast(0));
    static final CoreOption<Integer> IODEPTH_BATCH_COMPLETE_MIN = KEYS.add(
            "iodepth_batch_complete_min",
            List.of("iodepth_batch_complete"),
            OptionType.INT,
            1,
            "Min number of IO buffers to retrieve in one go",
            "I/O depth",
            atLeast(0));
    static final CoreOption<Integer> IODEPTH_BATCH_COMPLETE_MAX = KEYS.add(
            "iodepth_batch_complete_max",
            OptionType.INT,
            null,
            "Max number of IO buffers to retrieve in one go (default: iodepth)",
            "I/O depth",
            atLeast(1));
    static final CoreOption<Integer> IODEPTH_LOW = KEYS.add(
            "iodepth_low",
            OptionType.INT,
            null,
            "Low water mark for queuing depth (default: iodepth)",
            "I/O depth",
            atLeast(0));
    // Time
    static final CoreOption<Boolean> TIME_BASED = KEYS.add(
            "time_based", OptionType.BOOL, false, "Keep running until runtime/timeout is met", "Time related", bool());
    static final CoreOption<Long> RUNTIME = KEYS.declare(
            "runtime",
            List.of("timeout"),
            OptionType.TIME_S,
            0L,
            null,
            "Stop workload when this amount of time has passed",
            "Time related",
            List.of(),
            time("s"));
    static final CoreOption<Long> RAMP_TIME = KEYS.declare(
            "ramp_time",
            List.of(),
            OptionType.TIME_S,
            0L,
            null,
            "Ramp up time before measuring performance",
            "Time related",
            List.of(),
            time("s"));
    static final CoreOption<Long> DRAIN_TIMEOUT = KEYS.declare(
            "drain_timeout",
            List.of(),
            OptionType.TIME_S,
            5_000_000_000L,
            "5s",
            "jfio only: once runtime is over (or the job is stopped), how long I/O still in "
                    + "flight may take to complete before it fails with ETIMEDOUT",
            "Time related",
            List.of(),
            time("s"));
    static final CoreOption<Long> STARTDELAY = KEYS.add(
            "startdelay",
            OptionType.TIME_S,
            0L,
            "Only start job when this period has passed",
            "Time related",
            time("s"));
    static final CoreOption<Long> THINKTIME = KEYS.add(
            "thinktime",
            OptionType.TIME_US,
            0L,
            "Idle time between IO buffers (us unless a unit is given)",
            "Thinktime",
            time("us"));
    static final CoreOption<Long> THINKTIME_SPIN = KEYS.add(
            "thinktime_spin",
            OptionType.TIME_US,
            0L,
            "Start think time by spinning this amount (us)",
            "Thinktime",
            time("us"));
    static final CoreOption<Integer> THINKTIME_BLOCKS = KEYS.add(
            "thinktime_blocks", OptionType.INT, 1, "IO buffer period between 'thinktime'", "Thinktime", atLeast(1));
    // Rate
    static final CoreOption<long[]> RATE = KEYS.declare(
            "rate",
            List.of(),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "Set bandwidth rate (bytes/s)",
            "Rate",
            List.of(),
            perDirectionSizes());
    static final CoreOption<long[]> RATE_IOPS = KEYS.declare(
            "rate_iops",
            List.of(),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "Limit IO used to this number of IO operations/sec",
            "Rate",
            List.of(),
            perDirectionSizes());
    static final CoreOption<long[]> RATE_MIN = KEYS.declare(
            "rate_min",
            List.of("ratemin"),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "Job must meet this rate or it will be shutdown",
            "Rate",
            List.of(),
            perDirectionSizes());
    static final CoreOption<long[]> RATE_IOPS_MIN = KEYS.declare(
            "rate_iops_min",
            List.of(),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "Job must meet this rate or it will be shut down",
            "Rate",
            List.of(),
            perDirectionSizes());
    static final CoreOption<Integer> RATE_CYCLE = KEYS.add(
            "rate_cycle",
            List.of("ratecycle"),
            OptionType.INT,
            1000,
            "Window average for rate limits (msec)",
            "Rate",
            atLeast(1));
    static final CoreOption<RateProcess> RATE_PROCESS = KEYS.choice(
            "rate_process",
            RateProcess.LINEAR,
            "linear",
            "What process controls how rated IO is managed",
            "Rate",
            List.of("linear", "poisson"),
            PacingKeys::rateProcess);

    // Flow
    static final CoreOption<Integer> FLOW = KEYS.add(
            "flow",
            OptionType.INT,
            0,
            "Weight for flow control of this job",
            "I/O flow",
            SettingParsers.between(0, 1000));
    static final CoreOption<Integer> FLOW_ID =
            KEYS.add("flow_id", OptionType.INT, 0, "The flow index ID to use", "I/O flow", atLeast(0));
    static final CoreOption<Long> FLOW_SLEEP = KEYS.add(
            "flow_sleep",
            OptionType.TIME_US,
            0L,
            "How many microseconds to sleep after being held back by the flow control mechanism",
            "I/O flow",
            SettingParsers.time("us"));
    static final CoreOption<String> FLOW_WATERMARK = KEYS.add(
            "flow_watermark",
            OptionType.STRING,
            null,
            "High watermark for flow control (deprecated in fio 3.33: no effect)",
            "I/O flow",
            SettingParsers.text());

    private PacingKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static RateProcess rateProcess(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equalsIgnoreCase("linear")) {
            return RateProcess.LINEAR;
        } else if (v.equalsIgnoreCase("poisson")) {
            return RateProcess.POISSON;
        }
        throw Setting.error(s, "invalid rate_process '" + v + "' (accepted: linear, poisson)");
    }
}
