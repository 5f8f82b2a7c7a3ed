package dev.jfio.job;

import java.util.List;

/**
 * fio's {@code lockfile} (serialising the I/O of a job's clones to the files they share) and
 * {@code sync_file_range} (a sync_file_range(2) every N writes). Part of {@link CoreOptions};
 * immutable, safe from any thread.
 */
final class LockAndSyncRangeKeys {
    private static final OptionList KEYS = new OptionList();

    static final CoreOption<FileLockMode> LOCKFILE = KEYS.add(
            "lockfile",
            OptionType.STRING,
            FileLockMode.NONE,
            "Lock file when doing IO to it (none, exclusive, readwrite)",
            "Files and devices",
            SettingParsers.plain(FileLockMode::parse));

    static final CoreOption<SyncFileRange> SYNC_FILE_RANGE = KEYS.add(
            "sync_file_range",
            OptionType.STRING,
            SyncFileRange.NONE,
            "Use sync_file_range() every N writes (wait_before,write,wait_after[:N])",
            "I/O type",
            SettingParsers.plain(SyncFileRange::parse));

    private LockAndSyncRangeKeys() {}

    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }
}
