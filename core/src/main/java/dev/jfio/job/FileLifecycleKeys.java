package dev.jfio.job;

import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.text;

import java.util.List;

/**
 * fio's options on how a job's files are named, created, pre-read, appended to, filled and
 * removed, and on how they are opened ({@code buffered}, {@code atomic}); plus the process-level
 * options jfio refuses with the reason (it runs jobs as threads of one JVM). Part of
 * {@link CoreOptions}; immutable, safe from any thread.
 */
final class FileLifecycleKeys {
    private static final OptionList KEYS = new OptionList();
    private static final String FILES = "Files and devices";

    static final CoreOption<String> FILENAME_FORMAT = KEYS.add(
            "filename_format",
            OptionType.STRING,
            "$jobname.$jobnum.$filenum",
            "Override default $jobname.$jobnum.$filenum naming ($jobname, $jobnum, $filenum, $clientuid)",
            FILES,
            text());
    static final CoreOption<Boolean> UNIQUE_FILENAME = KEYS.add(
            "unique_filename",
            OptionType.BOOL,
            true,
            "For network clients, prefix file with source IP (no effect without client/server mode)",
            FILES,
            bool());
    static final CoreOption<String> OPENDIR = KEYS.add(
            "opendir", OptionType.STRING, null, "Recursively add files from this directory and down", FILES, text());
    static final CoreOption<Boolean> CREATE_ONLY =
            KEYS.add("create_only", OptionType.BOOL, false, "Only perform file creation phase", FILES, bool());
    static final CoreOption<Boolean> UNLINK_EACH_LOOP = KEYS.add(
            "unlink_each_loop", OptionType.BOOL, false, "Unlink created files after each loop in a job", FILES, bool());
    static final CoreOption<Boolean> CREATE_SERIALIZE = KEYS.add(
            "create_serialize",
            OptionType.BOOL,
            true,
            "Serialize creation of job files (jfio always lays files out one after another)",
            FILES,
            bool());
    static final CoreOption<Boolean> CREATE_FSYNC =
            KEYS.add("create_fsync", OptionType.BOOL, true, "fsync file after creation", FILES, bool());
    static final CoreOption<Boolean> PRE_READ = KEYS.add(
            "pre_read",
            OptionType.BOOL,
            false,
            "Pre-read files before starting official testing (clears invalidate)",
            FILES,
            bool());
    static final CoreOption<Boolean> FILE_APPEND =
            KEYS.add("file_append", OptionType.BOOL, false, "IO will start at the end of the file(s)", FILES, bool());
    static final CoreOption<Boolean> ALLOW_MOUNTED_WRITE = KEYS.add(
            "allow_mounted_write", OptionType.BOOL, false, "Allow writes to a mounted partition", FILES, bool());
    static final CoreOption<Boolean> FILL_DEVICE = KEYS.add(
            "fill_device",
            List.of("fill_fs"),
            OptionType.BOOL,
            false,
            "Write until an ENOSPC error occurs (counted as success)",
            FILES,
            bool());
    static final CoreOption<Boolean> BUFFERED =
            KEYS.add("buffered", OptionType.BOOL, true, "Use buffered IO (negates direct)", "I/O type", bool());
    static final CoreOption<Boolean> ATOMIC = KEYS.add(
            "atomic",
            OptionType.BOOL,
            false,
            "Use Atomic IO with O_DIRECT (implies O_DIRECT; Linux has no O_ATOMIC)",
            "I/O type",
            bool());
    static final CoreOption<Integer> WRITE_BARRIER = KEYS.add(
            "write_barrier",
            OptionType.INT,
            0,
            "Make every Nth write a barrier write (no fio 3.33 engine acts on the mark)",
            "I/O type",
            atLeast(0));

    static final CoreOption<String> IOSCHEDULER = KEYS.add(
            "ioscheduler",
            OptionType.STRING,
            null,
            "Use this IO scheduler on the backing device",
            FILES,
            SettingParsers.trimmed());

    static final CoreOption<Integer> WRITE_HINT = KEYS.choice(
            "write_hint",
            0,
            null,
            "Set expected write life time (fcntl F_SET_RW_HINT)",
            FILES,
            List.of("none", "short", "medium", "long", "extreme"),
            FileLifecycleKeys::writeHint);

    private FileLifecycleKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
    }

    /** fio's RWH_WRITE_LIFE_* values: none 1 to extreme 5. */
    private static Integer writeHint(Setting s, int kb) {
        List<String> names = List.of("none", "short", "medium", "long", "extreme");
        int i = names.indexOf(s.require().trim().toLowerCase(java.util.Locale.ROOT));
        if (i < 0) {
            throw Setting.error(
                    s, "write_hint=" + s.value() + " is not valid (accepted: none, short, medium, long, extreme)");
        }
        return i + 1;
    }
}
