package dev.jfio.job;

import dev.jfio.spi.Fallocate;
import dev.jfio.spi.SyncMode;
import dev.jfio.verify.VerifyMode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.jfio.job.SettingParsers.anyText;
import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.intSize;
import static dev.jfio.job.SettingParsers.longValue;
import static dev.jfio.job.SettingParsers.named;
import static dev.jfio.job.SettingParsers.percentInt;
import static dev.jfio.job.SettingParsers.perDirectionSizes;
import static dev.jfio.job.SettingParsers.plain;
import static dev.jfio.job.SettingParsers.sizeOrPercent;
import static dev.jfio.job.SettingParsers.text;
import static dev.jfio.job.SettingParsers.time;
import static dev.jfio.job.SettingParsers.trimmed;

/**
 * fio's core options, each declared once as a typed key (name, aliases, syntax, parser, default,
 * help), in {@code --cmdhelp} order; then the many that jfio knows but does not implement yet
 * ({@link UnsupportedOptions}). Immutable; safe from any thread (array defaults are never
 * handed out: the records that read them copy them).
 */
public final class CoreOptions {
    private static final List<CoreOption<?>> DECLARED = new ArrayList<>();

    // Job description
    static final CoreOption<String> NAME = add("name", OptionType.STRING, null, "Name of this job", "Job description", text());
    static final CoreOption<String> DESCRIPTION = add("description", OptionType.STRING, null, "Text job description",
            "Job description", anyText());
    static final CoreOption<String> WAIT_FOR = add("wait_for", OptionType.STRING, null,
            "Name of the job this one wants to wait for before starting", "Job description", text());
    // Units
    static final CoreOption<Integer> KB_BASE = choice("kb_base", 1024, "1024",
            "Unit prefix interpretation for quantities of data (IEC and SI)", "Units", List.of("1024", "1000"),
            CoreOptions::kbBase);
    static final CoreOption<Integer> UNIT_BASE = choice("unit_base", 8, "0",
            "Bit multiple of result summary data (8 for byte, 1 for bit; only bytes are supported)", "Units",
            List.of("0", "8", "1"), CoreOptions::unitBase);
    // Engine and target
    static final CoreOption<String> IOENGINE = add("ioengine", OptionType.STRING, "psync",
            "IO engine to use (or external:/path/engine.jar)", "I/O engine", trimmed());
    static final CoreOption<String> FILENAME = add("filename", OptionType.STRING, null,
            "File(s) to use for the workload, separated by ':'", "Files and devices", text());
    static final CoreOption<String> DIRECTORY = add("directory", OptionType.STRING, null, "Directory to store files in",
            "Files and devices", text());
    static final CoreOption<Boolean> DIRECT = add("direct", OptionType.BOOL, false, "Use O_DIRECT IO (negates buffered)",
            "I/O type", bool());
    static final CoreOption<Integer> NRFILES = add("nrfiles", List.of("nr_files"), OptionType.INT, 1,
            "Split job workload between this number of files", "Files and devices", atLeast(1));
    static final CoreOption<long[]> FILESIZE = add("filesize", OptionType.STRING, null,
            "Size of individual files: a size, or a range low-high that picks a random size per file",
            "Files and devices", (s, kb) -> named(t -> ValueParsers.parseRange(t, kb)).parse(s, kb));
    static final CoreOption<Integer> OPENFILES = declare("openfiles", List.of("nr_open_files"), OptionType.INT,
            Integer.MAX_VALUE, null, "Number of files to keep open at the same time (default: nrfiles)",
            "Files and devices", List.of(), atLeast(1));
    static final CoreOption<FileService> FILE_SERVICE_TYPE = declare("file_service_type", List.of(), OptionType.STRING,
            FileService.DEFAULT, "roundrobin",
            "How to select which file to service next: roundrobin, sequential or random, each optionally :N ios",
            "Files and devices", List.of(), FileService::parse);
    static final CoreOption<Boolean> UNLINK = add("unlink", OptionType.BOOL, false,
            "Unlink created files after job has completed", "Files and devices", bool());
    static final CoreOption<Boolean> CREATE_ON_OPEN = add("create_on_open", OptionType.BOOL, false,
            "Create files when they are opened for IO", "Files and devices", bool());
    static final CoreOption<Boolean> ALLOW_FILE_CREATE = add("allow_file_create", OptionType.BOOL, true,
            "Permit fio to create files, rather than just open them", "Files and devices", bool());
    static final CoreOption<Boolean> OVERWRITE = add("overwrite", OptionType.BOOL, false,
            "When writing, set whether to overwrite current data (lay out first)", "Files and devices", bool());
    static final CoreOption<SyncMode> SYNC = choice("sync", SyncMode.NONE, "none",
            "Use synchronous write IO (O_SYNC or O_DSYNC)", "I/O type", List.of("none", "0", "1", "sync", "dsync"),
            CoreOptions::syncMode);
    static final CoreOption<Boolean> FSYNC_ON_CLOSE = add("fsync_on_close", OptionType.BOOL, false,
            "fsync files on close (counted under sync)", "I/O type", bool());
    static final CoreOption<Boolean> INVALIDATE = add("invalidate", OptionType.BOOL, true,
            "Invalidate buffer/page cache prior to running job", "I/O type", bool());
    static final CoreOption<Fallocate> FALLOCATE = choice("fallocate", Fallocate.NATIVE, "native",
            "Whether pre-allocation is performed when laying out files", "Files and devices",
            List.of("none", "native", "posix", "keep", "truncate", "0", "1"), CoreOptions::fallocate);
    // I/O type
    static final CoreOption<RwMode> RW = declare("rw", List.of("readwrite"), OptionType.RW, RwMode.READ, "read",
            "IO direction", "I/O type", List.of(), plain(RwMode::parse));
    static final CoreOption<Integer> RWMIXREAD = add("rwmixread", OptionType.INT, 50,
            "Percentage of mixed workload that is reads", "I/O type", percentInt());
    static final CoreOption<Integer> RWMIXWRITE = add("rwmixwrite", OptionType.INT, 50,
            "Percentage of mixed workload that is writes", "I/O type", percentInt());
    static final CoreOption<Distribution> RANDOM_DISTRIBUTION = declare("random_distribution", List.of(),
            OptionType.DISTRIBUTION, Distribution.UNIFORM, "random", "Random offset distribution generator", "I/O type",
            List.of(), plain(Distribution::parse));
    static final CoreOption<int[]> PERCENTAGE_RANDOM = declare("percentage_random", List.of(), OptionType.PER_DIR_INT,
            new int[] {100, 100, 100}, "100,100,100", "Percentage of seq/random mix that should be random", "I/O type", List.of(),
            SettingParsers.perDirectionPercent());
    static final CoreOption<Boolean> NORANDOMMAP = add("norandommap", OptionType.BOOL, false,
            "Accept potential duplicate random blocks", "I/O type", bool());
    static final CoreOption<Boolean> RANDREPEAT = add("randrepeat", OptionType.BOOL, true,
            "Use repeatable random IO pattern", "I/O type", bool());
    static final CoreOption<Long> RANDSEED = declare("randseed", List.of(), OptionType.INT, 0x89L, "0x89",
            "Set the random generator seed value", "I/O type", List.of(), longValue());
    static final CoreOption<Integer> FSYNC = add("fsync", OptionType.INT, 0,
            "Issue fsync for writes every given number of blocks", "I/O type", atLeast(0));
    static final CoreOption<Integer> FDATASYNC = add("fdatasync", OptionType.INT, 0,
            "Issue fdatasync for writes every given number of blocks", "I/O type", atLeast(0));
    static final CoreOption<Boolean> END_FSYNC = add("end_fsync", OptionType.BOOL, false,
            "Include fsync at the end of job", "I/O type", bool());
    // Block size
    static final CoreOption<BlockSizeSpec[]> BS = declare("bs", List.of("blocksize"), OptionType.PER_DIR_SIZE, null,
            "4096", "Block size unit", "Block size", List.of(), SettingParsers.blockSizes());
    static final CoreOption<BlockSizeSpec[]> BSRANGE = add("bsrange", List.of("blocksize_range"),
            OptionType.PER_DIR_RANGE, null, "Set block size range (in more detail than bs)", "Block size",
            SettingParsers.blockSizeRanges());
    static final CoreOption<BlockSizeSpec[]> BSSPLIT = add("bssplit", OptionType.BSSPLIT, null,
            "Set a specific mix of block sizes", "Block size", SettingParsers.blockSizeSplits());
    // I/O size
    static final CoreOption<SizeOrPercent> SIZE = add("size", OptionType.SIZE_OR_PERCENT, null,
            "Total size of device or files", "I/O size", sizeOrPercent(100));
    static final CoreOption<SizeOrPercent> IO_SIZE = add("io_size", List.of("io_limit"), OptionType.SIZE_OR_PERCENT,
            null, "Total size of I/O to be performed", "I/O size", sizeOrPercent(Double.MAX_VALUE));
    static final CoreOption<SizeOrPercent> OFFSET = declare("offset", List.of(), OptionType.SIZE_OR_PERCENT,
            new SizeOrPercent(0, 0), "0", "Start IO from this offset", "I/O size", List.of(), sizeOrPercent(100));
    static final CoreOption<SizeOrPercent> OFFSET_INCREMENT = declare("offset_increment", List.of(),
            OptionType.SIZE_OR_PERCENT, new SizeOrPercent(0, 0), "0", "What is the increment from one offset to the next",
            "I/O size", List.of(), sizeOrPercent(100));
    static final CoreOption<Integer> LOOPS = add("loops", OptionType.INT, 1, "Number of times to run the job",
            "I/O size", atLeast(1));
    // I/O depth
    static final CoreOption<Integer> IODEPTH = add("iodepth", OptionType.INT, 1, "Number of IO buffers to keep in flight",
            "I/O depth", atLeast(1));
    static final CoreOption<Integer> IODEPTH_BATCH_SUBMIT = add("iodepth_batch_submit", List.of("iodepth_batch"),
            OptionType.INT, 1, "Number of IO buffers to submit in one go", "I/O depth", atLeast(0));
    static final CoreOption<Integer> IODEPTH_BATCH_COMPLETE_MIN = add("iodepth_batch_complete_min",
            List.of("iodepth_batch_complete"), OptionType.INT, 1, "Min number of IO buffers to retrieve in one go",
            "I/O depth", atLeast(0));
    static final CoreOption<Integer> IODEPTH_BATCH_COMPLETE_MAX = add("iodepth_batch_complete_max", OptionType.INT,
            null, "Max number of IO buffers to retrieve in one go (default: iodepth)", "I/O depth", atLeast(1));
    static final CoreOption<Integer> IODEPTH_LOW = add("iodepth_low", OptionType.INT, null,
            "Low water mark for queuing depth (default: iodepth)", "I/O depth", atLeast(0));
    // Time
    static final CoreOption<Boolean> TIME_BASED = add("time_based", OptionType.BOOL, false,
            "Keep running until runtime/timeout is met", "Time related", bool());
    static final CoreOption<Long> RUNTIME = declare("runtime", List.of("timeout"), OptionType.TIME_S, 0L, null,
            "Stop workload when this amount of time has passed", "Time related", List.of(), time("s"));
    static final CoreOption<Long> RAMP_TIME = declare("ramp_time", List.of(), OptionType.TIME_S, 0L, null,
            "Ramp up time before measuring performance", "Time related", List.of(), time("s"));
    static final CoreOption<Long> STARTDELAY = add("startdelay", OptionType.TIME_S, 0L,
            "Only start job when this period has passed", "Time related", time("s"));
    static final CoreOption<Long> THINKTIME = add("thinktime", OptionType.TIME_US, 0L,
            "Idle time between IO buffers (us unless a unit is given)", "Thinktime", time("us"));
    static final CoreOption<Long> THINKTIME_SPIN = add("thinktime_spin", OptionType.TIME_US, 0L,
            "Start think time by spinning this amount (us)", "Thinktime", time("us"));
    static final CoreOption<Integer> THINKTIME_BLOCKS = add("thinktime_blocks", OptionType.INT, 1,
            "IO buffer period between 'thinktime'", "Thinktime", atLeast(1));
    // Rate
    static final CoreOption<long[]> RATE = declare("rate", List.of(), OptionType.PER_DIR_SIZE, new long[3], null,
            "Set bandwidth rate (bytes/s)", "Rate", List.of(), perDirectionSizes());
    static final CoreOption<long[]> RATE_IOPS = declare("rate_iops", List.of(), OptionType.PER_DIR_SIZE, new long[3],
            null, "Limit IO used to this number of IO operations/sec", "Rate", List.of(), perDirectionSizes());
    static final CoreOption<RateProcess> RATE_PROCESS = choice("rate_process", RateProcess.LINEAR, "linear",
            "What process controls how rated IO is managed", "Rate", List.of("linear", "poisson"),
            CoreOptions::rateProcess);
    // Threads, groups
    static final CoreOption<Integer> NUMJOBS = add("numjobs", OptionType.INT, 1, "Duplicate this job this many times",
            "Process", atLeast(1));
    static final CoreOption<Boolean> THREAD = add("thread", OptionType.BOOL, false,
            "Use threads instead of processes (jfio always uses threads)", "Process", bool());
    static final CoreOption<Boolean> GROUP_REPORTING = add("group_reporting", OptionType.BOOL, false,
            "Do reporting on a per-group basis", "Measurements", bool());
    static final CoreOption<Boolean> NEW_GROUP = add("new_group", OptionType.BOOL, false,
            "Mark the start of a new group (for reporting)", "Measurements", bool());
    static final CoreOption<Boolean> STONEWALL = add("stonewall", List.of("wait_for_previous"), OptionType.BOOL, false,
            "Insert a hard barrier between this job and previous", "Process", bool());
    static final CoreOption<Boolean> EXITALL = add("exitall", OptionType.BOOL, false,
            "Terminate all jobs when one exits", "Process", bool());
    static final CoreOption<Boolean> EXITALL_ON_ERROR = add("exitall_on_error", OptionType.BOOL, false,
            "Terminate all jobs when one exits in error", "Process", bool());
    // Errors
    static final CoreOption<ContinueOnError> CONTINUE_ON_ERROR = choice("continue_on_error", ContinueOnError.NONE,
            "none", "Continue on non-fatal errors during IO", "Error handling",
            List.of("none", "read", "write", "io", "verify", "all", "0", "1"), plain(ContinueOnError::parse));
    // Measurements
    static final CoreOption<Boolean> CLAT_PERCENTILES = add("clat_percentiles", OptionType.BOOL, true,
            "Enable the reporting of completion latency percentiles", "Measurements", bool());
    static final CoreOption<Boolean> LAT_PERCENTILES = add("lat_percentiles", OptionType.BOOL, false,
            "Enable the reporting of latency percentiles", "Measurements", bool());
    static final CoreOption<Boolean> SLAT_PERCENTILES = add("slat_percentiles", OptionType.BOOL, false,
            "Enable the reporting of submission latency percentiles", "Measurements", bool());
    static final CoreOption<double[]> PERCENTILE_LIST = declare("percentile_list", List.of(), OptionType.FLOAT_LIST,
            new double[] {1, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 99, 99.5, 99.9, 99.95, 99.99}, null,
            "Specify a custom list of percentiles to report for completion latency and block errors", "Measurements",
            List.of(), named(ValueParsers::parsePercentileList));
    // Buffers
    static final CoreOption<Boolean> ZERO_BUFFERS = add("zero_buffers", OptionType.BOOL, false,
            "Init IO buffers to all zeroes", "I/O buffers", bool());
    static final CoreOption<Boolean> REFILL_BUFFERS = add("refill_buffers", OptionType.BOOL, false,
            "Refill IO buffers on every IO submit", "I/O buffers", bool());
    static final CoreOption<byte[]> BUFFER_PATTERN = add("buffer_pattern", OptionType.PATTERN, null,
            "Pattern to fill IO buffers with", "I/O buffers", named(ValueParsers::parseBufferPattern));
    // Verification
    static final CoreOption<VerifyMode> VERIFY = choice("verify", null, "0", "Verify data written", "Verify",
            List.of("0", "crc32c", "crc32c-intel", "md5", "sha256", "xxhash", "meta", "pattern", "null"),
            plain(VerifyMode::parse));
    static final CoreOption<byte[]> VERIFY_PATTERN = add("verify_pattern", OptionType.PATTERN, null,
            "Fill pattern for IO buffers", "Verify", CoreOptions::verifyPattern);
    static final CoreOption<Boolean> DO_VERIFY = add("do_verify", OptionType.BOOL, true,
            "Run verification stage after write", "Verify", bool());
    static final CoreOption<Boolean> VERIFY_FATAL = add("verify_fatal", OptionType.BOOL, false,
            "Exit on a single verify failure, don't continue", "Verify", bool());
    static final CoreOption<Long> VERIFY_BACKLOG = declare("verify_backlog", List.of(), OptionType.INT, 0L, null,
            "Verify after this number of blocks are written", "Verify", List.of(), longValue());
    static final CoreOption<Integer> VERIFY_INTERVAL = declare("verify_interval", List.of(), OptionType.SIZE, 0, null,
            "Store verify buffer header every N bytes (default: the block size)", "Verify", List.of(), intSize());
    static final CoreOption<Integer> VERIFY_OFFSET = declare("verify_offset", List.of(), OptionType.SIZE, 0, null,
            "Offset verify header location by N bytes", "Verify", List.of(), intSize());
    static final CoreOption<Boolean> VERIFY_ONLY = add("verify_only", OptionType.BOOL, false,
            "Verifies previously written data is still valid", "Verify", bool());

    private static final List<CoreOption<?>> ALL;
    private static final Map<String, CoreOption<?>> BY_NAME;

    static {
        List<CoreOption<?>> all = new ArrayList<>(DECLARED);
        all.addAll(UnsupportedOptions.declare(DECLARED));
        ALL = Collections.unmodifiableList(all);
        Map<String, CoreOption<?>> m = new LinkedHashMap<>();
        for (CoreOption<?> o : all) {
            for (String n : o.names()) {
                if (m.put(n, o) != null) {
                    throw new IllegalStateException("duplicate core option name " + n);
                }
            }
        }
        BY_NAME = Collections.unmodifiableMap(m);
    }

    private CoreOptions() {
    }

    /** Every core option, implemented ones first, in {@code --cmdhelp} order. */
    public static List<CoreOption<?>> all() {
        return ALL;
    }

    /** The option a name or alias (any case) refers to, or null. */
    public static CoreOption<?> find(String name) {
        return BY_NAME.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every core name and alias. */
    public static Set<String> names() {
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
            for (CoreOption<?> d : ALL) {
                if (!d.category().equals(category)) {
                    category = d.category();
                    sb.append(category).append(":\n");
                }
                sb.append(String.format("  %-28s: %s%n", d.name(), d.help()));
            }
            return sb.toString();
        }
        CoreOption<?> d = find(option);
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
        if (d.defaultText() != null) {
            sb.append(String.format("%20s: %s%n", "default", d.defaultText()));
        }
        if (!d.implemented()) {
            sb.append(String.format("%20s: %s%n", "jfio", "not supported yet"));
        }
        return sb.toString();
    }

    private static <T> CoreOption<T> add(String name, OptionType type, T dflt, String help, String category,
                                         CoreOption.Parser<T> parser) {
        return add(name, List.of(), type, dflt, help, category, parser);
    }

    private static <T> CoreOption<T> add(String name, List<String> aliases, OptionType type, T dflt, String help,
                                         String category, CoreOption.Parser<T> parser) {
        return declare(name, aliases, type, dflt, defaultText(dflt), help, category, List.of(), parser);
    }

    private static <T> CoreOption<T> choice(String name, T dflt, String dfltText, String help, String category,
                                            List<String> choices, CoreOption.Parser<T> parser) {
        return declare(name, List.of(), OptionType.CHOICE, dflt, dfltText, help, category, choices, parser);
    }

    private static <T> CoreOption<T> declare(String name, List<String> aliases, OptionType type, T dflt,
                                             String dfltText, String help, String category, List<String> choices,
                                             CoreOption.Parser<T> parser) {
        CoreOption<T> o = new CoreOption<>(name, aliases, type, dflt, dfltText, help, category, true, choices, parser);
        DECLARED.add(o);
        return o;
    }

    /** The default as {@code --cmdhelp} shows it: booleans as 1/0. */
    private static String defaultText(Object dflt) {
        if (dflt instanceof Boolean) {
            return (Boolean) dflt ? "1" : "0";
        }
        return dflt == null ? null : dflt.toString();
    }

    private static Integer kbBase(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equals("1000")) {
            return 1000;
        } else if (!v.equals("1024")) {
            throw Setting.error(s, "kb_base must be 1024 or 1000, got '" + v + "'");
        }
        return 1024;
    }

    private static Integer unitBase(Setting s, int kb) {
        String v = s.require().trim();
        if (v.equals("1")) {
            throw Setting.error(s, "unit_base=1 (bit based reporting) is not supported yet");
        } else if (!v.equals("0") && !v.equals("8")) {
            throw Setting.error(s, "unit_base must be 0, 8 or 1, got '" + v + "'");
        }
        return 8;
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

    private static byte[] verifyPattern(Setting s, int kb) {
        String text = s.require();
        try {
            return ValueParsers.parseBufferPattern(text);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage().replace("buffer_pattern", "verify_pattern"));
        }
    }

    private static SyncMode syncMode(Setting s, int kb) {
        switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "none":
            case "0":
            case "false":
            case "":
                return SyncMode.NONE;
            case "sync":
            case "1":
            case "true":
                return SyncMode.SYNC;
            case "dsync":
                return SyncMode.DSYNC;
            default:
                throw Setting.error(s, "sync=" + s.value() + " is not valid (accepted: none, 0, 1, sync, dsync)");
        }
    }

    private static Fallocate fallocate(Setting s, int kb) {
        switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "none":
            case "0":
                return Fallocate.NONE;
            case "native":
                return Fallocate.NATIVE;
            case "posix":
            case "1":
                return Fallocate.POSIX;
            case "keep":
                return Fallocate.KEEP;
            case "truncate":
                return Fallocate.TRUNCATE;
            default:
                throw Setting.error(s, "fallocate=" + s.value()
                        + " is not valid (accepted: none, native, posix, keep, truncate, 0, 1)");
        }
    }
}
