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
        "lockfile",
        "sync_file_range",
        "rate_ignore_thinktime",
        "latency_target",
        "latency_window",
        "latency_percentile",
        "latency_run",
        "max_latency",
        "iodepth_batch_complete_omit",
        "io_submit_mode",
        "thinktime_blocks_type",
        "thinktime_iotime",
        "kb_base_compat",
        "group_id",
        "serialize_overlap",
        "io_submit_mode",
        "skip_bad",
        "clat_percentiles_hist",
        "daemonize",
        "numa_cpus_allowed",
    };

    /** fio's aliases of options in {@link #NOT_YET}: alias, option. */
    private static final String[][] ALIASES = {};

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
