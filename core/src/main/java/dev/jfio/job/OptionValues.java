package dev.jfio.job;

import java.util.Map;

/**
 * The settings that apply to one job, read through the typed keys of {@link CoreOptions}: a key's
 * default when the job does not set it, else its parsed value ({@link JobSpecException} at the
 * setting's file:line for a bad one). The job's option records parse themselves through it.
 * Parse time only.
 */
final class OptionValues {
    private final Map<String, Setting> effective;
    private final int kbBase;

    /**
     * @param effective every setting that applies, canonical name → the one that wins
     */
    OptionValues(Map<String, Setting> effective) {
        this.effective = effective;
        // kb_base first: every size depends on it, wherever it was written.
        Setting kb = effective.get(TargetKeys.KB_BASE.name());
        this.kbBase = kb == null ? TargetKeys.KB_BASE.defaultValue() : TargetKeys.KB_BASE.parse(kb, 1024);
    }

    /** 1024 (default) or 1000. */
    int kbBase() {
        return kbBase;
    }

    /** The value of {@code option}: its default when unset. */
    <T> T get(CoreOption<T> option) {
        Setting s = effective.get(option.name());
        return s == null ? option.defaultValue() : option.parse(s, kbBase);
    }

    /** The setting of {@code option}, or null when unset (for errors about it and for which came later). */
    Setting setting(CoreOption<?> option) {
        return effective.get(option.name());
    }

    boolean isSet(CoreOption<?> option) {
        return effective.containsKey(option.name());
    }
}
