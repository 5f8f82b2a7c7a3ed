package dev.jfio.job;

import java.util.List;

/**
 * fio's {@code lockfile}: serialising the I/O of a job's clones to the files they share. Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class LockKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<FileLockMode> LOCKFILE = KEYS.add(
            "lockfile",
            OptionType.STRING,
            FileLockMode.NONE,
            "Lock file when doing IO to it (none, exclusive, readwrite)",
            "Files and devices",
            SettingParsers.plain(FileLockMode::parse));

    private LockKeys() {}

    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
