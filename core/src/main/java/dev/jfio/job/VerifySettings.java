package dev.jfio.job;

import dev.jfio.spi.IoOp;
import dev.jfio.verify.VerifyMode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The verify options of one job, parsed and checked against each other and the block sizes
 * (the checks that fio makes, and those jfio's verify layout needs). Immutable.
 */
final class VerifySettings {
    static final VerifySettings NONE = new VerifySettings(null, null, true, false, 0, 0, 0, false);

    final VerifyMode mode;
    final byte[] pattern;
    final boolean doVerify;
    final boolean fatal;
    final long backlog;
    final int interval;
    final int offset;
    final boolean only;

    private VerifySettings(VerifyMode mode, byte[] pattern, boolean doVerify, boolean fatal, long backlog,
                           int interval, int offset, boolean only) {
        this.mode = mode;
        this.pattern = pattern;
        this.doVerify = doVerify;
        this.fatal = fatal;
        this.backlog = backlog;
        this.interval = interval;
        this.offset = offset;
        this.only = only;
    }

    /**
     * @param effective every setting that applies, by canonical name
     * @param bs        the job's block sizes by direction
     * @throws JobSpecException at the file:line of the offending option
     */
    static VerifySettings parse(Map<String, Setting> effective, int kbBase, RwMode rw, BlockSizeSpec[] bs,
                                boolean timeBased) {
        Setting verify = effective.get("verify");
        Setting patternSetting = effective.get("verify_pattern");
        Setting intervalSetting = effective.get("verify_interval");
        Setting offsetSetting = effective.get("verify_offset");
        Setting onlySetting = effective.get("verify_only");
        VerifyMode mode = null;
        if (verify != null) {
            try {
                mode = VerifyMode.parse(verify.require());
            } catch (IllegalArgumentException e) {
                throw new JobSpecException(verify.where(), e.getMessage());
            }
        }
        byte[] pattern = null;
        if (patternSetting != null) {
            try {
                pattern = ValueParsers.parseBufferPattern(patternSetting.require());
            } catch (IllegalArgumentException e) {
                throw Setting.error(patternSetting, e.getMessage().replace("buffer_pattern", "verify_pattern"));
            }
            if (mode == null) {
                mode = VerifyMode.PATTERN; // as fio: a pattern alone means verify=pattern
            }
        }
        if (mode == VerifyMode.PATTERN && pattern == null) {
            throw Setting.error(verify, "verify=pattern needs verify_pattern");
        }
        boolean doVerify = Setting.bool(effective.get("do_verify"), true);
        boolean fatal = Setting.bool(effective.get("verify_fatal"), false);
        boolean only = Setting.bool(onlySetting, false);
        long backlog = 0;
        Setting s = effective.get("verify_backlog");
        if (s != null) {
            try {
                backlog = ValueParsers.parseLong(s.require());
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
        }
        int interval = intSize(intervalSetting, kbBase, "verify_interval");
        int offset = intSize(offsetSetting, kbBase, "verify_offset");
        if (mode == VerifyMode.NONE) {
            mode = null;
        }
        if (only && mode == null) {
            throw Setting.error(onlySetting, "verify_only needs verify to say how blocks were written");
        }
        if (only && timeBased) {
            throw Setting.error(onlySetting, "verify_only does not support time_based");
        }
        if (mode != null && mode.hasHeader()) {
            checkLayout(mode, rw, bs, verify != null ? verify : patternSetting, intervalSetting, interval,
                    offsetSetting, offset);
        }
        if (mode == null && pattern == null && interval == 0 && offset == 0 && !only && !fatal && backlog == 0
                && doVerify) {
            return NONE;
        }
        return new VerifySettings(mode, pattern, doVerify, fatal, backlog, interval, offset, only);
    }

    private static void checkLayout(VerifyMode mode, RwMode rw, BlockSizeSpec[] bs, Setting verify,
                                    Setting intervalSetting, int interval, Setting offsetSetting, int offset) {
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
            throw Setting.error(verify, "block size " + minBs + " is smaller than the " + header
                    + "-byte verify header of verify=" + mode.text());
        }
        if (intervalSetting != null) {
            if (interval < header) {
                throw Setting.error(intervalSetting, "verify_interval " + interval + " is smaller than the " + header
                        + "-byte verify header of verify=" + mode.text());
            }
            if (interval > minBs) {
                throw Setting.error(intervalSetting, "verify_interval " + interval + " is larger than the block size "
                        + minBs);
            }
            for (int size : sizes) {
                if (size % interval != 0) {
                    throw Setting.error(intervalSetting, "block size " + size + " is not a multiple of verify_interval "
                            + interval);
                }
            }
        }
        if (offsetSetting != null && offset > 0) {
            if (offset < header) {
                throw Setting.error(offsetSetting, "verify_offset " + offset + " is smaller than the " + header
                        + "-byte verify header of verify=" + mode.text());
            }
            int unit = intervalSetting != null ? interval : minBs;
            if (offset + header > unit) {
                throw Setting.error(offsetSetting, "verify_offset " + offset + " puts the " + header
                        + "-byte verify header beyond the " + unit + "-byte " + (intervalSetting != null
                        ? "verify_interval" : "block"));
            }
        }
    }

    private static int intSize(Setting s, int kbBase, String option) {
        if (s == null) {
            return 0;
        }
        long v;
        try {
            v = ValueParsers.parseSize(s.require(), kbBase);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw Setting.error(s, option + " must be 0.." + Integer.MAX_VALUE + ", got " + v);
        }
        return (int) v;
    }
}
