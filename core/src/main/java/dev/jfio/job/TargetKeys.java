package dev.jfio.job;

import static dev.jfio.job.SettingParsers.anyText;
import static dev.jfio.job.SettingParsers.atLeast;
import static dev.jfio.job.SettingParsers.bool;
import static dev.jfio.job.SettingParsers.named;
import static dev.jfio.job.SettingParsers.text;
import static dev.jfio.job.SettingParsers.trimmed;

import dev.jfio.spi.Fallocate;
import dev.jfio.spi.SyncMode;
import java.util.List;
import java.util.Locale;

/**
 * fio's options that name a job and its units, pick its engine and describe its targets: the
 * files, how they are laid out, opened, synced and cleaned up.
 * Part of {@link CoreOptions}, which lists these keys in this order; immutable, safe from any
 * thread.
 */
final class TargetKeys {
    private static final OptionList KEYS = new OptionList();

    // Job description
    static final CoreOption<String> NAME =
            KEYS.add("name", OptionType.STRING, null, "Name of this job", "Job description", text());
    static final CoreOption<String> DESCRIPTION =
            KEYS.add("description", OptionType.STRING, null, "Text job description", "Job description", anyText());
    static final CoreOption<String> WAIT_FOR = KEYS.add(
            "wait_for",
            OptionType.STRING,
            null,
            "Name of the job this one wants to wait for before starting",
            "Job description",
            text());
    // Units
    static final CoreOption<Integer> KB_BASE = KEYS.choice(
            "kb_base",
            1024,
            "1024",
            "Unit prefix interpretation for quantities of data (IEC and SI)",
            "Units",
            List.of("1024", "1000"),
            TargetKeys::kbBase);
    static final CoreOption<Integer> UNIT_BASE = KEYS.choice(
            "unit_base",
            8,
            "0",
            "Bit multiple of result summary data (8 for byte, 1 for bit)",
            "Units",
            List.of("0", "8", "1"),
            TargetKeys::unitBase);
    // Engine and target
    static final CoreOption<String> IOENGINE = KEYS.add(
            "ioengine",
            OptionType.STRING,
            "psync",
            "IO engine to use (or external:/path/engine.jar)",
            "I/O engine",
            trimmed());
    static final CoreOption<String> FILENAME = KEYS.add(
            "filename",
            OptionType.STRING,
            null,
            "File(s) to use for the workload, separated by ':'",
            "Files and devices",
            text());
    static final CoreOption<String> DIRECTORY =
            KEYS.add("directory", OptionType.STRING, null, "Directory to store files in", "Files and devices", text());
    static final CoreOption<Boolean> DIRECT =
            KEYS.add("direct", OptionType.BOOL, false, "Use O_DIRECT IO (negates buffered)", "I/O type", bool());
    static final CoreOption<Integer> NRFILES = KEYS.add(
            "nrfiles",
            List.of("nr_files"),
            OptionType.INT,
            1,
            "Split job workload between this number of files",
            "Files and devices",
            atLeast(1));
    static final CoreOption<long[]> FILESIZE = KEYS.add(
            "filesize",
            OptionType.STRING,
            null,
            "Size of individual files: a size, or a range low-high that picks a random size per file",
            "Files and devices",
            (s, kb) -> named(t -> SizeParsers.parseRange(t, kb)).parse(s, kb));
    static final CoreOption<Integer> OPENFILES = KEYS.declare(
            "openfiles",
            List.of("nr_open_files"),
            OptionType.INT,
            Integer.MAX_VALUE,
            null,
            "Number of files to keep open at the same time (default: nrfiles)",
            "Files and devices",
            List.of(),
            atLeast(1));
    static final CoreOption<FileService> FILE_SERVICE_TYPE = KEYS.declare(
            "file_service_type",
            List.of(),
            OptionType.STRING,
            FileService.DEFAULT,
            "roundrobin",
            "How to select which file to service next: roundrobin, sequential or random, each optionally :N ios",
            "Files and devices",
            List.of(),
            FileService::parse);
    static final CoreOption<Boolean> UNLINK = KEYS.add(
            "unlink",
            OptionType.BOOL,
            false,
            "Unlink created files after job has completed",
            "Files and devices",
            bool());
    static final CoreOption<Boolean> CREATE_ON_OPEN = KEYS.add(
            "create_on_open",
            OptionType.BOOL,
            false,
            "Create files when they are opened for IO",
            "Files and devices",
            bool());
    static final CoreOption<Boolean> ALLOW_FILE_CREATE = KEYS.add(
            "allow_file_create",
            OptionType.BOOL,
            true,
            "Permit fio to create files, rather than just open them",
            "Files and devices",
            bool());
    static final CoreOption<Boolean> OVERWRITE = KEYS.add(
            "overwrite",
            OptionType.BOOL,
            false,
            "When writing, set whether to overwrite current data (lay out first)",
            "Files and devices",
            bool());
    static final CoreOption<SyncMode> SYNC = KEYS.choice(
            "sync",
            SyncMode.NONE,
            "none",
            "Use synchronous write IO (O_SYNC or O_DSYNC)",
            "I/O type",
            List.of("none", "0", "1", "sync", "dsync"),
            TargetKeys::syncMode);
    static final CoreOption<Boolean> FSYNC_ON_CLOSE = KEYS.add(
            "fsync_on_close", OptionType.BOOL, false, "fsync files on close (counted under sync)", "I/O type", bool());
    static final CoreOption<Boolean> INVALIDATE = KEYS.add(
            "invalidate",
            OptionType.BOOL,
            true,
            "Invalidate buffer/page cache prior to running job",
            "I/O type",
            bool());
    static final CoreOption<String> FADVISE_HINT = KEYS.choice(
            "fadvise_hint",
            "1",
            "1",
            "Use fadvise() to advise the kernel on IO pattern (1: random or sequential, as rw)",
            "Files and devices",
            List.of("0", "1", "random", "sequential"),
            TargetKeys::fadviseHint);
    static final CoreOption<Fallocate> FALLOCATE = KEYS.choice(
            "fallocate",
            Fallocate.NATIVE,
            "native",
            "Whether pre-allocation is performed when laying out files",
            "Files and devices",
            List.of("none", "native", "posix", "keep", "truncate", "0", "1"),
            TargetKeys::fallocate);

    private TargetKeys() {}

    /** These keys in declaration order. */
    static List<CoreOption<?>> declared() {
        return KEYS.declared();
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
        if (!v.equals("0") && !v.equals("8") && !v.equals("1")) {
            throw Setting.error(s, "unit_base must be 0, 8 or 1, got '" + v + "'");
        }
        return v.equals("1") ? 1 : 8;
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

    private static String fadviseHint(Setting s, int kb) {
        String v = s.value().trim().toLowerCase(Locale.ROOT);
        switch (v) {
            case "0":
            case "1":
            case "random":
            case "sequential":
                return v;
            default:
                throw Setting.error(
                        s, "fadvise_hint=" + s.value() + " is not valid (accepted: 0, 1, random, sequential)");
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
                throw Setting.error(
                        s,
                        "fallocate=" + s.value()
                                + " is not valid (accepted: none, native, posix, keep, truncate, 0, 1)");
        }
    }
}
