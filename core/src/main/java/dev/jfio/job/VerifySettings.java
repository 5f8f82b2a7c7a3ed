package dev.jfio.job;

import dev.jfio.spi.IoOp;
import dev.jfio.verify.VerifyMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The verify options of one job, parsed and checked against each other and the block sizes
 * (the checks that fio makes, and those jfio's verify layout needs). Immutable.
 */
public final class VerifySettings {
    static final VerifySettings NONE = new VerifySettings(
            null, null, true, false, 0, 0, 0, false, false, false, 0, Trim.NONE, false, false, AsyncVerify.OFF);

    private final VerifyMode mode;
    private final byte[] pattern;
    private final boolean doVerify;
    private final boolean fatal;
    private final long backlog;
    private final int interval;
    private final int offset;
    private final boolean only;
    private final boolean dump;
    private final boolean experimental;
    private final int backlogBatch;
    private final Trim trim;
    private final boolean stateSave;
    private final boolean stateLoad;
    private final AsyncVerify async;

    /**
     * trim_percentage and its options: the share of written blocks trimmed, every how many written
     * blocks, how many at a time, and whether trimmed blocks must read back as zeroes.
     *
     * @param percentage {@code trim_percentage}; 0 when nothing is trimmed
     * @param verifyZero {@code trim_verify_zero}
     * @param backlog    {@code trim_backlog}
     * @param batch      {@code trim_backlog_batch}, or trim_backlog when 0
     */
    public record Trim(int percentage, boolean verifyZero, long backlog, long batch) {
        static final Trim NONE = new Trim(0, true, 0, 0);
    }

    private VerifySettings(
            VerifyMode mode,
            byte[] pattern,
            boolean doVerify,
            boolean fatal,
            long backlog,
            int interval,
            int offset,
            boolean only,
            boolean dump,
            boolean experimental,
            int backlogBatch,
            Trim trim,
            boolean stateSave,
            boolean stateLoad,
            AsyncVerify async) {
        this.mode = mode;
        this.pattern = pattern;
        this.doVerify = doVerify;
        this.fatal = fatal;
        this.backlog = backlog;
        this.interval = interval;
        this.offset = offset;
        this.only = only;
        this.dump = dump;
        this.experimental = experimental;
        this.backlogBatch = backlogBatch;
        this.trim = trim;
        this.stateSave = stateSave;
        this.stateLoad = stateLoad;
        this.async = async;
    }

    /** {@code verify_async} and {@code verify_async_cpus}: where the read-back blocks are checked. */
    public AsyncVerify async() {
        return async;
    }

    /** {@code verify_state_save}: a writing job records how many of its writes completed. */
    public boolean stateSave() {
        return stateSave;
    }

    /** {@code verify_state_load}: a verify_only job checks only the writes an earlier job recorded as completed. */
    public boolean stateLoad() {
        return stateLoad;
    }

    /** The trim options ({@link Trim#NONE}-like, percentage 0, when nothing is trimmed). */
    public Trim trim() {
        return trim;
    }

    /** {@code verify}, or null when unset or none; {@code verify_pattern} alone implies {@link VerifyMode#PATTERN}. */
    public VerifyMode mode() {
        return mode;
    }

    /** The bytes of {@code verify_pattern} (a copy), or null when unset. */
    public byte[] pattern() {
        return pattern == null ? null : pattern.clone();
    }

    /** {@code do_verify}: verify after the write phase; default true. */
    public boolean doVerify() {
        return doVerify;
    }

    /** {@code verify_fatal}: stop the job at the first verify failure. */
    public boolean fatal() {
        return fatal;
    }

    /** {@code verify_backlog}: verify after every N written blocks; 0 (default) for after the write phase. */
    public long backlog() {
        return backlog;
    }

    /**
     * {@code verify_interval} in bytes; 0 when unset, meaning one header per block. Checked: at
     * least the mode's header, at most the smallest block size, and dividing every block size.
     */
    public int interval() {
        return interval;
    }

    /** {@code verify_offset} in bytes; 0 when unset. Checked to fit the header inside the interval. */
    public int offset() {
        return offset;
    }

    /** {@code verify_only}: read and verify what an earlier run wrote, write nothing. */
    public boolean only() {
        return only;
    }

    /** {@code verify_dump}: a failing block's received (and expected) bytes are written to files. */
    public boolean dump() {
        return dump;
    }

    /**
     * {@code experimental_verify}: the verify phase finds the written blocks by replaying the
     * workload's offset sequence instead of keeping a list of them.
     */
    public boolean experimental() {
        return experimental;
    }

    /** {@code verify_backlog_batch}: blocks read back at each verify_backlog point; 0 for verify_backlog's count. */
    public int backlogBatch() {
        return backlogBatch;
    }

    /**
     * @param bs the job's block sizes by direction
     * @throws JobSpecException at the file:line of the offending option
     */
    static VerifySettings parse(OptionValues o, RwMode rw, BlockSizeSpec[] bs, boolean timeBased) {
        AsyncVerify async = AsyncVerify.parse(o);
        Setting verify = o.setting(DataKeys.VERIFY);
        Setting patternSetting = o.setting(DataKeys.VERIFY_PATTERN);
        Setting intervalSetting = o.setting(DataKeys.VERIFY_INTERVAL);
        Setting offsetSetting = o.setting(DataKeys.VERIFY_OFFSET);
        Setting onlySetting = o.setting(DataKeys.VERIFY_ONLY);
        VerifyMode mode = o.get(DataKeys.VERIFY);
        byte[] pattern = o.get(DataKeys.VERIFY_PATTERN);
        if (pattern != null && mode == null) {
            mode = VerifyMode.PATTERN; // as fio: a pattern alone means verify=pattern
        }
        if (mode == VerifyMode.PATTERN && pattern == null) {
            throw Setting.error(verify, "verify=pattern needs verify_pattern");
        }
        boolean doVerify = o.get(DataKeys.DO_VERIFY);
        boolean fatal = o.get(DataKeys.VERIFY_FATAL);
        boolean only = o.get(DataKeys.VERIFY_ONLY);
        long backlog = o.get(DataKeys.VERIFY_BACKLOG);
        int interval = o.get(DataKeys.VERIFY_INTERVAL);
        int offset = o.get(DataKeys.VERIFY_OFFSET);
        boolean dump = o.get(VerifyKeys.VERIFY_DUMP);
        boolean experimental = o.get(VerifyKeys.EXPERIMENTAL_VERIFY);
        int backlogBatch = o.get(VerifyKeys.VERIFY_BACKLOG_BATCH);
        if (mode == VerifyMode.NONE) {
            mode = null;
        }
        Trim trim = trim(o, mode, rw, only, experimental);
        boolean stateSave = o.get(VerifyKeys.VERIFY_STATE_SAVE);
        boolean stateLoad = o.get(VerifyKeys.VERIFY_STATE_LOAD);
        if (stateLoad && !only) {
            throw Setting.error(
                    o.setting(VerifyKeys.VERIFY_STATE_LOAD),
                    "verify_state_load applies to a verify_only job: it checks the writes an earlier job"
                            + " completed (verify_state_save)");
        }
        if (stateSave && (mode == null || !rw.writes() || only)) {
            throw Setting.error(
                    o.setting(VerifyKeys.VERIFY_STATE_SAVE),
                    "verify_state_save records the writes of a job that writes with verify= set");
        }
        if (experimental && backlog > 0) {
            throw Setting.error(
                    o.setting(VerifyKeys.EXPERIMENTAL_VERIFY),
                    "experimental_verify keeps no list of written blocks for verify_backlog to read back:"
                            + " use one or the other");
        }
        if (only && mode == null) {
            throw Setting.error(onlySetting, "verify_only needs verify to say how blocks were written");
        }
        if (only && timeBased) {
            throw Setting.error(onlySetting, "verify_only does not support time_based");
        }
        if (mode != null && mode.hasHeader()) {
            interval = checkLayout(
                    mode,
                    rw,
                    bs,
                    verify != null ? verify : patternSetting,
                    intervalSetting,
                    interval,
                    offsetSetting,
                    offset);
        }
        if (mode == null
                && pattern == null
                && interval == 0
                && offset == 0
                && !only
                && !fatal
                && backlog == 0
                && doVerify
                && !dump
                && !experimental
                && backlogBatch == 0
                && trim.percentage() == 0
                && !stateSave
                && !stateLoad) {
            return NONE;
        }
        return new VerifySettings(
                mode,
                pattern,
                doVerify,
                fatal,
                backlog,
                interval,
                offset,
                only,
                dump,
                experimental,
                backlogBatch,
                trim,
                stateSave,
                stateLoad,
                async);
    }

    private static Trim trim(OptionValues o, VerifyMode mode, RwMode rw, boolean only, boolean experimental) {
        int percentage = o.get(VerifyKeys.TRIM_PERCENTAGE);
        long backlog = o.get(VerifyKeys.TRIM_BACKLOG);
        int batch = o.get(VerifyKeys.TRIM_BACKLOG_BATCH);
        if (backlog < 0) {
            throw Setting.error(
                    o.setting(VerifyKeys.TRIM_BACKLOG), "trim_backlog must not be negative, got " + backlog);
        }
        if (percentage == 0) {
            return Trim.NONE;
        }
        Setting where = o.setting(VerifyKeys.TRIM_PERCENTAGE);
        if (mode == null || !rw.writes() || only) {
            throw Setting.error(
                    where,
                    "trim_percentage trims a share of the blocks a job writes with verify=: it needs"
                            + " a writing job with verify set");
        }
        if (experimental) {
            throw Setting.error(
                    where,
                    "trim_percentage needs the list of written blocks that experimental_verify" + " does without");
        }
        if (backlog == 0) {
            throw Setting.error(
                    where,
                    "trim_percentage needs trim_backlog: fio 3.33 trims only at trim_backlog points"
                            + " (without it the chosen blocks are never trimmed)");
        }
        return new Trim(percentage, o.get(VerifyKeys.TRIM_VERIFY_ZERO), backlog, batch > 0 ? batch : backlog);
    }

    /** Checks the header layout; returns verify_interval as it applies (at most the smallest block size). */
    private static int checkLayout(
            VerifyMode mode,
            RwMode rw,
            BlockSizeSpec[] bs,
            Setting verify,
            Setting intervalSetting,
            int interval,
            Setting offsetSetting,
            int offset) {
        int header = mode.headerSize();
        BlockSizeSpec spec = bs[(rw.writes() ? IoOp.WRITE : IoOp.READ).ordinal()];
        List<Integer> sizes = new ArrayList<>();
        if (!spec.split().isEmpty()) {
            for (BsSplitEntry e : spec.split()) {
                if (e.percent() > 0) {
                    sizes.add(e.size());
                }
            }
        } else {
            sizes.add(spec.min());
            sizes.add(spec.max());
        }
        int minBs = Integer.MAX_VALUE;
        for (int size : sizes) {
            minBs = Math.min(minBs, size);
        }
        if (minBs < header) {
            throw Setting.error(
                    verify,
                    "block size " + minBs + " is smaller than the " + header + "-byte verify header of verify="
                            + mode.text());
        }
        if (intervalSetting != null) {
            if (interval < header) {
                throw Setting.error(
                        intervalSetting,
                        "verify_interval " + interval + " is smaller than the " + header
                                + "-byte verify header of verify=" + mode.text());
            }
            interval = Math.min(interval, minBs); // as fio: an interval beyond the block size is the block size
            for (int size : sizes) {
                if (size % interval != 0) {
                    throw Setting.error(
                            intervalSetting,
                            "block size " + size + " is not a multiple of verify_interval " + interval);
                }
            }
        }
        if (offsetSetting != null && offset > 0) {
            if (offset < header) {
                throw Setting.error(
                        offsetSetting,
                        "verify_offset " + offset + " is smaller than the " + header + "-byte verify header of verify="
                                + mode.text());
            }
            int unit = intervalSetting != null ? interval : minBs;
            if (offset + header > unit) {
                throw Setting.error(
                        offsetSetting,
                        "verify_offset " + offset + " puts the " + header
                                + "-byte verify header beyond the " + unit + "-byte "
                                + (intervalSetting != null ? "verify_interval" : "block"));
            }
        }
        return interval;
    }
}
