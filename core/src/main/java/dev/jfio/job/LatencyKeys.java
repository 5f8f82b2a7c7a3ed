package dev.jfio.job;

import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.time;

import java.util.List;

/**
 * fio's options that bound latency and shape submission: the queue-depth search of
 * {@code latency_target} (with its window, percentile and {@code latency_run}), {@code max_latency},
 * the finer think-time controls, {@code io_submit_mode} and {@code serialize_overlap}, and the
 * deprecated {@code rwmixcycle}. Part of {@link CoreOptions}; immutable, safe from any thread.
 */
final class LatencyKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<Long> LATENCY_TARGET = KEYS.add(
            "latency_target",
            OptionType.TIME_US,
            0L,
            "Ramp to max queue depth supporting this latency",
            "Latency profiling",
            time("us"));
    static final CoreOption<Long> LATENCY_WINDOW = KEYS.add(
            "latency_window",
            OptionType.TIME_US,
            0L,
            "Time to sustain latency_target",
            "Latency profiling",
            time("us"));
    static final CoreOption<Double> LATENCY_PERCENTILE = KEYS.add(
            "latency_percentile",
            OptionType.FLOAT_LIST,
            100.0,
            "Percentile of IOs must be below latency_target",
            "Latency profiling",
            LatencyKeys::percentile);
    static final CoreOption<Boolean> LATENCY_RUN = KEYS.add(
            "latency_run",
            OptionType.BOOL,
            false,
            "Keep adjusting queue depth to match latency_target",
            "Latency profiling",
            bool());
    static final CoreOption<long[]> MAX_LATENCY = KEYS.declare(
            "max_latency",
            List.of(),
            OptionType.PER_DIR_SIZE,
            new long[3],
            null,
            "Maximum tolerated IO latency (usec unless a unit is given; read,write,trim)",
            "Latency profiling",
            List.of(),
            LatencyKeys::perDirectionTimes);
    static final CoreOption<Boolean> RATE_IGNORE_THINKTIME = KEYS.add(
            "rate_ignore_thinktime", OptionType.BOOL, false, "Rated IO ignores thinktime settings", "Rate", bool());
    static final CoreOption<Boolean> THINKTIME_ISSUE = KEYS.choice(
            "thinktime_blocks_type",
            false,
            "complete",
            "How thinktime_blocks takes effect",
            "Thinktime",
            List.of("complete", "issue"),
            LatencyKeys::blocksType);
    static final CoreOption<Long> THINKTIME_IOTIME = KEYS.add(
            "thinktime_iotime", OptionType.TIME_S, 0L, "IO time interval between 'thinktime'", "Thinktime", time("s"));
    static final CoreOption<Boolean> OFFLOAD = KEYS.choice(
            "io_submit_mode",
            false,
            "inline",
            "How IO submissions and completions are done",
            "I/O depth",
            List.of("inline", "offload"),
            LatencyKeys::submitMode);
    static final CoreOption<Boolean> SERIALIZE_OVERLAP = KEYS.add(
            "serialize_overlap",
            OptionType.BOOL,
            false,
            "Wait for in-flight IOs that collide to complete",
            "I/O depth",
            bool());
    static final CoreOption<String> RWMIXCYCLE = KEYS.add(
            "rwmixcycle",
            OptionType.STRING,
            null,
            "Deprecated in fio: refused as fio 3.33 refuses it",
            "Read/write mix",
            (s, kb) -> {
                throw Setting.error(s, "option rwmixcycle is deprecated (fio 3.33 refuses it too: it has no effect)");
            });

    private LatencyKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    private static Double percentile(Setting s, int kb) {
        String v = s.require().trim();
        double p;
        try {
            p = Double.parseDouble(v.endsWith("%") ? v.substring(0, v.length() - 1) : v);
        } catch (NumberFormatException e) {
            throw Setting.error(s, "invalid latency_percentile '" + v + "' (a number from 0 to 100)");
        }
        if (!(p >= 0 && p <= 100)) {
            throw Setting.error(s, "latency_percentile must be from 0 to 100, got " + v);
        }
        return p;
    }

    private static long[] perDirectionTimes(Setting s, int kb) {
        String[] parts;
        try {
            parts = ListParsers.splitPerDirection(s.require());
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
        long[] out = new long[3];
        for (int i = 0; i < 3; i++) {
            if (parts[i] != null) {
                try {
                    out[i] = TimeParsers.parseTimeNanos(parts[i], "us");
                } catch (IllegalArgumentException e) {
                    throw Setting.error(s, e.getMessage());
                }
            }
        }
        return out;
    }

    private static Boolean blocksType(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equalsIgnoreCase("complete")) {
            return false;
        } else if (v.equalsIgnoreCase("issue")) {
            return true;
        }
        throw Setting.error(s, "invalid thinktime_blocks_type '" + v + "' (accepted: complete, issue)");
    }

    private static Boolean submitMode(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equalsIgnoreCase("inline")) {
            return false;
        } else if (v.equalsIgnoreCase("offload")) {
            return true;
        }
        throw Setting.error(s, "invalid io_submit_mode '" + v + "' (accepted: inline, offload)");
    }
}
