package dev.jfio.job;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The registry of fio's core options: those jfio implements and, so that a job written for fio
 * fails loudly instead of running differently, many it knows but does not implement yet.
 * Immutable; safe from any thread.
 */
public final class CoreOptions {
    private static final List<OptionDescriptor> ALL;
    private static final Map<String, OptionDescriptor> BY_NAME;

    static {
        List<OptionDescriptor> l = new ArrayList<>();
        // Job description
        impl(l, "name", OptionType.STRING, null, "Name of this job", "Job description");
        impl(l, "description", OptionType.STRING, null, "Text job description", "Job description");
        impl(l, "wait_for", OptionType.STRING, null, "Name of the job this one wants to wait for before starting",
                "Job description");
        // Units
        l.add(new OptionDescriptor("kb_base", List.of(), OptionType.CHOICE, "1024",
                "Unit prefix interpretation for quantities of data (IEC and SI)", "Units", true, List.of("1024", "1000")));
        l.add(new OptionDescriptor("unit_base", List.of(), OptionType.CHOICE, "0",
                "Bit multiple of result summary data (8 for byte, 1 for bit; only bytes are supported)", "Units", true,
                List.of("0", "8", "1")));
        // Engine and target
        impl(l, "ioengine", OptionType.STRING, "psync", "IO engine to use (or external:/path/engine.jar)", "I/O engine");
        impl(l, "filename", OptionType.STRING, null, "File(s) to use for the workload, separated by ':'", "Files and devices");
        impl(l, "directory", OptionType.STRING, null, "Directory to store files in", "Files and devices");
        impl(l, "direct", OptionType.BOOL, "0", "Use O_DIRECT IO (negates buffered)", "I/O type");
        impl(l, "nrfiles", List.of("nr_files"), OptionType.INT, "1", "Split job workload between this number of files",
                "Files and devices");
        impl(l, "filesize", OptionType.STRING, null,
                "Size of individual files: a size, or a range low-high that picks a random size per file", "Files and devices");
        impl(l, "openfiles", List.of("nr_open_files"), OptionType.INT, null,
                "Number of files to keep open at the same time (default: nrfiles)",
                "Files and devices");
        impl(l, "file_service_type", OptionType.STRING, "roundrobin",
                "How to select which file to service next: roundrobin, sequential or random, each optionally :N ios",
                "Files and devices");
        impl(l, "unlink", OptionType.BOOL, "0", "Unlink created files after job has completed", "Files and devices");
        impl(l, "create_on_open", OptionType.BOOL, "0", "Create files when they are opened for IO",
                "Files and devices");
        impl(l, "allow_file_create", OptionType.BOOL, "1", "Permit fio to create files, rather than just open them",
                "Files and devices");
        impl(l, "overwrite", OptionType.BOOL, "0", "When writing, set whether to overwrite current data (lay out first)",
                "Files and devices");
        l.add(new OptionDescriptor("sync", List.of(), OptionType.CHOICE, "none",
                "Use synchronous write IO (O_SYNC or O_DSYNC)", "I/O type", true,
                List.of("none", "0", "1", "sync", "dsync")));
        impl(l, "fsync_on_close", OptionType.BOOL, "0", "fsync files on close (counted under sync)", "I/O type");
        impl(l, "invalidate", OptionType.BOOL, "1", "Invalidate buffer/page cache prior to running job",
                "I/O type");
        l.add(new OptionDescriptor("fallocate", List.of(), OptionType.CHOICE, "native",
                "Whether pre-allocation is performed when laying out files", "Files and devices", true,
                List.of("none", "native", "posix", "keep", "truncate", "0", "1")));
        // I/O type
        impl(l, "rw", List.of("readwrite"), OptionType.RW, "read", "IO direction", "I/O type");
        impl(l, "rwmixread", OptionType.INT, "50", "Percentage of mixed workload that is reads", "I/O type");
        impl(l, "rwmixwrite", OptionType.INT, "50", "Percentage of mixed workload that is writes", "I/O type");
        impl(l, "random_distribution", OptionType.DISTRIBUTION, "random", "Random offset distribution generator",
                "I/O type");
        impl(l, "percentage_random", OptionType.PER_DIR_INT, "100,100,100",
                "Percentage of seq/random mix that should be random", "I/O type");
        impl(l, "norandommap", OptionType.BOOL, "0", "Accept potential duplicate random blocks", "I/O type");
        impl(l, "randrepeat", OptionType.BOOL, "1", "Use repeatable random IO pattern", "I/O type");
        impl(l, "randseed", OptionType.INT, "0x89", "Set the random generator seed value", "I/O type");
        impl(l, "fsync", OptionType.INT, "0", "Issue fsync for writes every given number of blocks", "I/O type");
        impl(l, "fdatasync", OptionType.INT, "0", "Issue fdatasync for writes every given number of blocks",
                "I/O type");
        impl(l, "end_fsync", OptionType.BOOL, "0", "Include fsync at the end of job", "I/O type");
        // Block size
        impl(l, "bs", List.of("blocksize"), OptionType.PER_DIR_SIZE, "4096", "Block size unit", "Block size");
        impl(l, "bsrange", List.of("blocksize_range"), OptionType.PER_DIR_RANGE, null,
                "Set block size range (in more detail than bs)", "Block size");
        impl(l, "bssplit", OptionType.BSSPLIT, null, "Set a specific mix of block sizes", "Block size");
        // I/O size
        impl(l, "size", OptionType.SIZE_OR_PERCENT, null, "Total size of device or files", "I/O size");
        impl(l, "io_size", List.of("io_limit"), OptionType.SIZE_OR_PERCENT, null, "Total size of I/O to be performed",
                "I/O size");
        impl(l, "offset", OptionType.SIZE_OR_PERCENT, "0", "Start IO from this offset", "I/O size");
        impl(l, "offset_increment", OptionType.SIZE_OR_PERCENT, "0", "What is the increment from one offset to the next",
                "I/O size");
        impl(l, "loops", OptionType.INT, "1", "Number of times to run the job", "I/O size");
        // I/O depth
        impl(l, "iodepth", OptionType.INT, "1", "Number of IO buffers to keep in flight", "I/O depth");
        impl(l, "iodepth_batch_submit", List.of("iodepth_batch"), OptionType.INT, "1",
                "Number of IO buffers to submit in one go", "I/O depth");
        impl(l, "iodepth_batch_complete_min", List.of("iodepth_batch_complete"), OptionType.INT, "1",
                "Min number of IO buffers to retrieve in one go", "I/O depth");
        impl(l, "iodepth_batch_complete_max", OptionType.INT, null,
                "Max number of IO buffers to retrieve in one go (default: iodepth)", "I/O depth");
        impl(l, "iodepth_low", OptionType.INT, null, "Low water mark for queuing depth (default: iodepth)",
                "I/O depth");
        // Time
        impl(l, "time_based", OptionType.BOOL, "0", "Keep running until runtime/timeout is met", "Time related");
        impl(l, "runtime", List.of("timeout"), OptionType.TIME_S, null, "Stop workload when this amount of time has passed",
                "Time related");
        impl(l, "ramp_time", OptionType.TIME_S, null, "Ramp up time before measuring performance", "Time related");
        impl(l, "startdelay", OptionType.TIME_S, "0", "Only start job when this period has passed", "Time related");
        impl(l, "thinktime", OptionType.TIME_US, "0", "Idle time between IO buffers (us unless a unit is given)",
                "Thinktime");
        impl(l, "thinktime_spin", OptionType.TIME_US, "0", "Start think time by spinning this amount (us)",
                "Thinktime");
        impl(l, "thinktime_blocks", OptionType.INT, "1", "IO buffer period between 'thinktime'", "Thinktime");
        // Rate
        impl(l, "rate", OptionType.PER_DIR_SIZE, null, "Set bandwidth rate (bytes/s)", "Rate");
        impl(l, "rate_iops", OptionType.PER_DIR_SIZE, null, "Limit IO used to this number of IO operations/sec", "Rate");
        l.add(new OptionDescriptor("rate_process", List.of(), OptionType.CHOICE, "linear", "What process controls how rated IO is managed",
                "Rate", true, List.of("linear", "poisson")));
        // Threads, groups
        impl(l, "numjobs", OptionType.INT, "1", "Duplicate this job this many times", "Process");
        impl(l, "thread", OptionType.BOOL, "0", "Use threads instead of processes (jfio always uses threads)",
                "Process");
        impl(l, "group_reporting", OptionType.BOOL, "0", "Do reporting on a per-group basis", "Measurements");
        impl(l, "new_group", OptionType.BOOL, "0", "Mark the start of a new group (for reporting)", "Measurements");
        impl(l, "stonewall", List.of("wait_for_previous"), OptionType.BOOL, "0",
                "Insert a hard barrier between this job and previous", "Process");
        impl(l, "exitall", OptionType.BOOL, "0", "Terminate all jobs when one exits", "Process");
        impl(l, "exitall_on_error", OptionType.BOOL, "0", "Terminate all jobs when one exits in error", "Process");
        // Errors
        l.add(new OptionDescriptor("continue_on_error", List.of(), OptionType.CHOICE, "none",
                "Continue on non-fatal errors during IO", "Error handling", true,
                List.of("none", "read", "write", "io", "verify", "all", "0", "1")));
        // Measurements
        impl(l, "clat_percentiles", OptionType.BOOL, "1", "Enable the reporting of completion latency percentiles",
                "Measurements");
        impl(l, "lat_percentiles", OptionType.BOOL, "0", "Enable the reporting of latency percentiles", "Measurements");
        impl(l, "slat_percentiles", OptionType.BOOL, "0", "Enable the reporting of submission latency percentiles",
                "Measurements");
        impl(l, "percentile_list", OptionType.FLOAT_LIST, null,
                "Specify a custom list of percentiles to report for completion latency and block errors",
                "Measurements");
        // Buffers
        impl(l, "zero_buffers", OptionType.BOOL, "0", "Init IO buffers to all zeroes", "I/O buffers");
        impl(l, "refill_buffers", OptionType.BOOL, "0", "Refill IO buffers on every IO submit", "I/O buffers");
        impl(l, "buffer_pattern", OptionType.PATTERN, null, "Pattern to fill IO buffers with", "I/O buffers");

        // Verification
        l.add(new OptionDescriptor("verify", List.of(), OptionType.CHOICE, "0", "Verify data written", "Verify", true,
                List.of("0", "crc32c", "crc32c-intel", "md5", "sha256", "xxhash", "meta", "pattern", "null")));
        impl(l, "verify_pattern", OptionType.PATTERN, null, "Fill pattern for IO buffers", "Verify");
        impl(l, "do_verify", OptionType.BOOL, "1", "Run verification stage after write", "Verify");
        impl(l, "verify_fatal", OptionType.BOOL, "0", "Exit on a single verify failure, don't continue", "Verify");
        impl(l, "verify_backlog", OptionType.INT, null, "Verify after this number of blocks are written", "Verify");
        impl(l, "verify_interval", OptionType.SIZE, null,
                "Store verify buffer header every N bytes (default: the block size)", "Verify");
        impl(l, "verify_offset", OptionType.SIZE, null, "Offset verify header location by N bytes", "Verify");
        impl(l, "verify_only", OptionType.BOOL, "0", "Verifies previously written data is still valid", "Verify");

        // Known to fio, not implemented by jfio yet.
        String[] notYet = {
            "verify_backlog_batch", "verify_async", "verify_dump", "verify_state_save",
            "verify_state_load", "verifysort", "experimental_verify", "trim_percentage", "trim_verify_zero",
            "trim_backlog",
            "filename_format", "unique_filename", "opendir", "lockfile", "unlink_each_loop",
            "create_only", "create_serialize", "create_fsync",
            "allow_mounted_write", "pre_read",
            "fadvise_hint", "fadvise_stream", "sync_file_range", "write_barrier", "rate_min", "rate_iops_min",
            "rate_cycle", "rate_ignore_thinktime", "latency_target", "latency_window", "latency_percentile",
            "latency_run", "max_latency", "cpus_allowed", "cpus_allowed_policy", "cpumask", "numa_cpu_nodes",
            "numa_mem_policy", "nice", "prio", "prioclass", "cmdprio_percentage", "cmdprio_class", "cmdprio",
            "cmdprio_bssplit", "write_bw_log", "write_lat_log", "write_iops_log", "write_hist_log", "log_avg_msec",
            "log_hist_msec", "log_hist_coarseness", "log_max_value", "log_offset", "log_prio", "log_compression",
            "log_store_compressed", "log_unix_epoch", "log_alternate_epoch", "per_job_logs", "write_iolog",
            "read_iolog", "replay_no_stall", "replay_redirect", "replay_align", "replay_scale", "lockmem",
            "mem", "iomem_align", "blockalign", "blocksize_unaligned", "bs_is_seq_rand", "random_generator",
            "allrandrepeat", "scramble_buffers", "buffer_compress_percentage", "buffer_compress_chunk",
            "dedupe_percentage", "dedupe_mode", "dedupe_working_set_percentage", "number_ios", "zonemode",
            "zonesize", "zonerange", "zoneskip", "zonecapacity", "read_beyond_wp", "max_open_zones",
            "job_max_open_zones", "zone_reset_threshold", "zone_reset_frequency", "disable_lat", "disable_clat",
            "disable_slat", "disable_bw_measurement", "gtod_reduce", "gtod_cpu", "clocksource", "ioscheduler",
            "cgroup", "cgroup_weight", "cgroup_nodelete", "uid", "gid", "flow", "flow_id", "flow_sleep",
            "flow_watermark", "stats", "steadystate", "steadystate_duration", "steadystate_ramp_time",
            "offset_align", "rw_sequencer", "unified_rw_reporting", "significant_figures", "ignore_error",
            "error_dump", "iodepth_batch_complete_omit", "io_submit_mode", "thinktime_blocks_type",
            "thinktime_iotime", "random_distribution_zoned", "file_append", "fill_device", "fill_fs",
            "exec_prerun", "exec_postrun", "ioscheduler", "hugepage-size", "kb_base_compat", "bwavgtime",
            "iopsavgtime", "group_id", "serialize_overlap", "io_submit_mode", "trim_percentage",
            "skip_bad", "clat_percentiles_hist", "exit_what", "daemonize", "numa_cpus_allowed",
            "buffered", "atomic", "hugepage_size", "size_is_percentage",
            // engine options of fio engines jfio lacks (io_uring, libaio, net, ...)
            "hipri", "sqthread_poll", "sqthread_poll_cpu", "fixedbufs", "registerfiles", "nonvectored",
            "uncached", "nowait", "force_async", "userspace_reap", "cmd_type", "hostname", "interface", "ttl",
            "listen", "pingpong", "nodelay", "protocol", "proto", "sg_write_mode", "hipri_percentage",
            "readfua", "writefua", "pool", "namespace", "libblkio_driver", "chunk_size",
        };
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (OptionDescriptor d : l) {
            seen.addAll(d.names());
        }
        String[][] notYetAliases = {
            {"iomem", "mem"}, {"ba", "blockalign"}, {"bs_unaligned", "blocksize_unaligned"},
            {"ss", "steadystate"}, {"ss_dur", "steadystate_duration"}, {"ss_ramp", "steadystate_ramp_time"},
            {"sync_file_range", null},
        };
        Map<String, List<String>> aliasOf = new LinkedHashMap<>();
        for (String[] a : notYetAliases) {
            if (a[1] != null) {
                aliasOf.computeIfAbsent(a[1], k -> new ArrayList<>()).add(a[0]);
            }
        }
        for (String n : notYet) {
            if (seen.add(n)) {
                List<String> aliases = aliasOf.getOrDefault(n, List.of());
                seen.addAll(aliases);
                l.add(new OptionDescriptor(n, aliases, OptionType.STRING, null, "fio option (not supported by jfio yet)",
                        "Not supported yet", false, List.of()));
            }
        }
        ALL = Collections.unmodifiableList(l);
        Map<String, OptionDescriptor> m = new LinkedHashMap<>();
        for (OptionDescriptor d : l) {
            for (String n : d.names()) {
                if (m.put(n, d) != null) {
                    throw new IllegalStateException("duplicate core option name " + n);
                }
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private CoreOptions() {
    }

    private static void impl(List<OptionDescriptor> l, String name, OptionType type, String def, String help,
                             String category) {
        impl(l, name, List.of(), type, def, help, category);
    }

    private static void impl(List<OptionDescriptor> l, String name, List<String> aliases, OptionType type, String def,
                             String help, String category) {
        l.add(new OptionDescriptor(name, aliases, type, def, help, category, true, List.of()));
    }

    /** Every core option, implemented ones first, in {@code --cmdhelp} order. */
    public static List<OptionDescriptor> all() {
        return ALL;
    }

    /** The option a name or alias (any case) refers to, or null. */
    public static OptionDescriptor find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every core name and alias. */
    public static java.util.Set<String> names() {
        return BY_NAME.keySet();
    }
    /**
     * {@code --cmdhelp}: with "all" one line per option (name and help); otherwise the option's
     * help, aliases, type, default and whether jfio supports it.
     *
     * @throws JobSpecException when no core option has that name
     */
    public static String helpFor(String option) {
        StringBuilder sb = new StringBuilder();
        if (option == null || option.isEmpty() || option.equals("all")) {
            String category = null;
            for (OptionDescriptor d : ALL) {
                if (!d.category().equals(category)) {
                    category = d.category();
                    sb.append(category).append(":\n");
                }
                sb.append(String.format("  %-28s: %s%n", d.name(), d.help()));
            }
            return sb.toString();
        }
        OptionDescriptor d = find(option);
        if (d == null) {
            throw new JobSpecException(null, "no option named '" + option + "'");
        }
        sb.append(String.format("%20s: %s%n", d.name(), d.help()));
        if (!d.aliases().isEmpty()) {
            sb.append(String.format("%20s: %s%n", "alias", String.join(", ", d.aliases())));
        }
        sb.append(String.format("%20s: %s%n", "type", d.type().description()));
        if (!d.choices().isEmpty()) {
            sb.append(String.format("%20s: %s%n", "valid values", String.join(", ", d.choices())));
        }
        if (d.defaultValue() != null) {
            sb.append(String.format("%20s: %s%n", "default", d.defaultValue()));
        }
        if (!d.implemented()) {
            sb.append(String.format("%20s: %s%n", "jfio", "not supported yet"));
        }
        return sb.toString();
    }
}
