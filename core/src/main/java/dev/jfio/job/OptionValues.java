package dev.jfio.job;

import java.util.Map;

/**
 * The settings that apply to one job, read with fio's syntax: every reader returns the default
 * when the option is unset and throws {@link JobSpecException} at the setting's file:line for a
 * bad value. The job's option records parse themselves through it. Immutable; parse time only.
 */
final class OptionValues {
    private final Map<String, Setting> effective;
    private final int kbBase;

    /**
     * @param effective every setting that applies, canonical name → the one that wins
     * @param kbBase    1024 or 1000, for sizes
     */
    OptionValues(Map<String, Setting> effective, int kbBase) {
        this.effective = effective;
        this.kbBase = kbBase;
    }

    int kbBase() {
        return kbBase;
    }

    /** The setting of {@code option} (canonical name), or null when unset. */
    Setting get(String option) {
        return effective.get(option);
    }

    boolean isSet(String option) {
        return effective.containsKey(option);
    }

    Map<String, Setting> all() {
        return effective;
    }

    /** The value as written (a value required), or {@code dflt} when unset. */
    String text(String option, String dflt) {
        Setting s = get(option);
        return s == null ? dflt : s.require();
    }

    boolean bool(String option, boolean dflt) {
        return Setting.bool(get(option), dflt);
    }

    /** An integer (fio's arithmetic and suffixes allowed) of at least {@code min}. */
    int atLeast(String option, int min, int dflt) {
        Setting s = get(option);
        if (s == null) {
            return dflt;
        }
        int v;
        try {
            v = ValueParsers.parseInt(s.require(), kbBase);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
        if (v < min) {
            throw Setting.error(s, option + " must be at least " + min + ", got " + v);
        }
        return v;
    }

    /** A size in bytes; the setting must be present. */
    long size(Setting s) {
        try {
            return ValueParsers.parseSize(s.require(), kbBase);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    /** A time in nanoseconds, {@code unit} when the text gives none. */
    long time(String option, String unit, long dflt) {
        Setting s = get(option);
        if (s == null) {
            return dflt;
        }
        try {
            return ValueParsers.parseTimeNanos(s.require(), unit);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    /** A 64-bit integer without suffixes. */
    long longValue(Setting s) {
        try {
            return ValueParsers.parseLong(s.require());
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    /** A 0..100 percentage written as an integer. */
    int percentInt(Setting s, String text, String what) {
        try {
            return ValueParsers.parsePercentInt(text, what);
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    /** The read,write,trim parts of a per-direction value; null where a direction gives none. */
    String[] perDirection(Setting s) {
        try {
            return ValueParsers.splitPerDirection(s.require());
        } catch (IllegalArgumentException e) {
            throw Setting.error(s, e.getMessage());
        }
    }

    /** A per-direction size (read,write,trim), 0 where unset. */
    long[] perDirectionSizes(String option) {
        long[] out = new long[3];
        Setting s = get(option);
        if (s != null) {
            String[] parts = perDirection(s);
            for (int i = 0; i < 3; i++) {
                if (parts[i] != null) {
                    try {
                        out[i] = ValueParsers.parseSize(parts[i], kbBase);
                    } catch (IllegalArgumentException e) {
                        throw Setting.error(s, e.getMessage());
                    }
                }
            }
        }
        return out;
    }
}
