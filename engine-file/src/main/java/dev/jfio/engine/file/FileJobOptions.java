package dev.jfio.engine.file;

import dev.jfio.spi.JobView;

import java.io.IOException;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The core options engine {@code file} reads for itself ({@code sync}, {@code fallocate},
 * {@code invalidate}, {@code overwrite}, {@code allow_file_create}, {@code create_on_open},
 * {@code unlink}, and which flush the runner's FLUSH units mean), parsed once from
 * {@link JobView#coreOption}. Immutable.
 */
final class FileJobOptions {
    /** How new files get their space before the job: fio's {@code fallocate}. */
    enum Fallocate { NONE, NATIVE, POSIX, KEEP, TRUNCATE }

    /** O_SYNC, O_DSYNC or null: fio's {@code sync}. */
    final StandardOpenOption syncOption;
    final Fallocate fallocate;
    final boolean invalidate;
    final boolean overwrite;
    final boolean allowFileCreate;
    final boolean createOnOpen;
    final boolean unlink;
    /**
     * Whether FLUSH means fdatasync ({@code force(false)}) rather than fsync: only when the job
     * asks for fdatasync and for no fsync of any kind (fsync, end_fsync, fsync_on_close), since a
     * FLUSH unit does not say which of them issued it.
     */
    final boolean datasync;

    private FileJobOptions(JobView job) throws IOException {
        syncOption = sync(job.coreOption("sync"));
        fallocate = fallocate(job.coreOption("fallocate"));
        invalidate = bool(job, "invalidate", true);
        overwrite = bool(job, "overwrite", false);
        allowFileCreate = bool(job, "allow_file_create", true);
        createOnOpen = bool(job, "create_on_open", false);
        unlink = bool(job, "unlink", false);
        datasync = count(job, "fdatasync") > 0 && count(job, "fsync") == 0
                && !bool(job, "end_fsync", false) && !bool(job, "fsync_on_close", false);
    }

    /**
     * @throws IOException with a one-line message naming the option when a value is not valid
     */
    static FileJobOptions of(JobView job) throws IOException {
        return new FileJobOptions(job);
    }

    private static StandardOpenOption sync(String text) throws IOException {
        if (text == null) {
            return null;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "none":
            case "0":
            case "false":
            case "":
                return null;
            case "sync":
            case "1":
            case "true":
                return StandardOpenOption.SYNC;
            case "dsync":
                return StandardOpenOption.DSYNC;
            default:
                throw new IOException("sync=" + text + " is not valid (accepted: none, 0, 1, sync, dsync)");
        }
    }

    private static Fallocate fallocate(String text) throws IOException {
        if (text == null) {
            return Fallocate.NATIVE;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
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
                throw new IOException("fallocate=" + text
                        + " is not valid (accepted: none, native, posix, keep, truncate, 0, 1)");
        }
    }

    private static boolean bool(JobView job, String option, boolean defaultValue) throws IOException {
        String text = job.coreOption(option);
        if (text == null) {
            return defaultValue;
        }
        if (text.isEmpty()) {
            return true;
        }
        try {
            return parseBool(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(option + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static long count(JobView job, String option) throws IOException {
        String text = job.coreOption(option);
        if (text == null || text.isBlank()) {
            return 0;
        }
        try {
            return Long.parseLong(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(option + "=" + text + ": " + e.getMessage(), e);
        }
    }

    private static boolean parseBool(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "": case "1": case "true": case "yes": case "on": return true;
            case "0": case "false": case "no": case "off": return false;
            default:
                throw new IllegalArgumentException("invalid boolean '" + text.trim()
                        + "' (use 1/0, true/false, yes/no or on/off)");
        }
    }
}
