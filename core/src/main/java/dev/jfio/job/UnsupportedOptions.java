package dev.jfio.job;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options fio has and jfio does not implement yet, declared so that a job written for fio
 * fails loudly ("not supported yet") instead of running differently. Immutable.
 */
final class UnsupportedOptions {
    private static final String[] NOT_YET = {
        "verify_backlog_batch",
        "verify_async",
        "verify_dump",
        "verify_state_save",
        "verify_state_load",
        "verifysort",
        "experimental_verify",
        "trim_percentage",
        "trim_verify_zero",
        "trim_backlog",
        "rate_ignore_thinktime",
        "latency_target",
        "latency_window",
        "latency_percentile",
        "latency_run",
        "max_latency",
        "lockmem",
        "mem",
        "iomem_align",
        "blocksize_unaligned",
        "scramble_buffers",
        "buffer_compress_percentage",
        "buffer_compress_chunk",
        "dedupe_percentage",
        "dedupe_mode",
        "dedupe_working_set_percentage",
        "zonemode",
        "zonesize",
        "zonerange",
        "zoneskip",
        "zonecapacity",
        "read_beyond_wp",
        "max_open_zones",
        "job_max_open_zones",
        "zone_reset_threshold",
        "zone_reset_frequency",
        "disable_lat",
        "disable_clat",
        "disable_slat",
        "disable_bw_measurement",
        "gtod_reduce",
        "gtod_cpu",
        "clocksource",
        "stats",
        "steadystate",
        "steadystate_duration",
        "steadystate_ramp_time",
        "unified_rw_reporting",
        "significant_figures",
        "error_dump",
        "iodepth_batch_complete_omit",
        "io_submit_mode",
        "thinktime_blocks_type",
        "thinktime_iotime",
        "random_distribution_zoned",
        "fill_fs",
        "hugepage-size",
        "kb_base_compat",
        "bwavgtime",
        "iopsavgtime",
        "group_id",
        "serialize_overlap",
        "io_submit_mode",
        "trim_percentage",
        "skip_bad",
        "clat_percentiles_hist",
        "exit_what",
        "daemonize",
        "numa_cpus_allowed",
        "hugepage_size",
    };

    /** fio's aliases of options in {@link #NOT_YET}: alias, option. */
    private static final String[][] ALIASES = {
        {"iomem", "mem"},
        {"bs_unaligned", "blocksize_unaligned"},
        {"ss", "steadystate"},
        {"ss_dur", "steadystate_duration"},
        {"ss_ramp", "steadystate_ramp_time"},
    };

    private UnsupportedOptions() {}

    /** The unsupported options whose names and aliases {@code implemented} does not already use, in order. */
    static List<CoreOption<?>> declare(List<CoreOption<?>> implemented) {
        Set<String> seen = new HashSet<>();
        for (CoreOption<?> o : implemented) {
            seen.addAll(o.names());
        }
        Map<String, List<String>> aliasOf = new LinkedHashMap<>();
        for (String[] a : ALIASES) {
            aliasOf.computeIfAbsent(a[1], k -> new ArrayList<>()).add(a[0]);
        }
        List<CoreOption<?>> out = new ArrayList<>();
        for (String n : NOT_YET) {
            if (seen.add(n)) {
                List<String> aliases = aliasOf.getOrDefault(n, List.of());
                seen.addAll(aliases);
                out.add(new CoreOption<String>(
                        n,
                        aliases,
                        OptionType.STRING,
                        null,
                        null,
                        "fio option (not supported by jfio yet)",
                        "Not supported yet",
                        false,
                        List.of(),
                        null));
            }
        }
        return out;
    }
}
