package dev.jfio.job;

import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.FileHandling;

/**
 * A job's file options: how many files ({@code nrfiles}), how many open at once
 * ({@code openfiles}), their sizes ({@code filesize}), the order they are served in
 * ({@code file_service_type}), and how an engine creates, prepares and removes them. The runner
 * lays the files out from these; engines receive the handling part. Immutable.
 *
 * @param nrfiles       files when {@code filename} does not name them
 * @param openFiles     files open at once; {@link Integer#MAX_VALUE} (all) by default
 * @param filesizeLow   the low end of {@code filesize}, or -1 when unset
 * @param filesizeHigh  the high end of {@code filesize} (equal to the low end for one size), or -1
 * @param service       {@code file_service_type}
 * @param handling      {@code fallocate}, {@code invalidate}, {@code overwrite}, {@code allow_file_create},
 *                      {@code create_on_open}, {@code unlink}
 * @param advice        {@code fadvise_hint}, resolved for the job's rw (1: random or sequential)
 * @param lifecycle     naming, creation, pre-reading, appending, filling and removal of the files
 */
public record FileOptions(
        int nrfiles,
        int openFiles,
        long filesizeLow,
        long filesizeHigh,
        FileService service,
        FileHandling handling,
        FileAdvice advice,
        FileLifecycle lifecycle) {

    static FileOptions parse(OptionValues o) {
        long[] range = o.get(TargetKeys.FILESIZE);
        FileHandling handling = new FileHandling(
                o.get(TargetKeys.FALLOCATE),
                o.get(TargetKeys.INVALIDATE) && !o.get(FileLifecycleKeys.PRE_READ),
                o.get(TargetKeys.OVERWRITE),
                o.get(TargetKeys.ALLOW_FILE_CREATE),
                o.get(TargetKeys.CREATE_ON_OPEN),
                o.get(TargetKeys.UNLINK),
                o.get(FileLifecycleKeys.CREATE_FSYNC));
        return new FileOptions(
                o.get(TargetKeys.NRFILES),
                o.get(TargetKeys.OPENFILES),
                range == null ? -1 : range[0],
                range == null ? -1 : range[1],
                o.get(TargetKeys.FILE_SERVICE_TYPE),
                handling,
                advice(o.get(TargetKeys.FADVISE_HINT), o.get(IoTypeKeys.RW)),
                FileLifecycle.parse(o));
    }

    /** fio's fadvise_hint: 1 advises random for the random rw modes, sequential for the others. */
    private static FileAdvice advice(String hint, RwMode rw) {
        switch (hint) {
            case "0":
                return FileAdvice.NONE;
            case "random":
                return FileAdvice.RANDOM;
            case "sequential":
                return FileAdvice.SEQUENTIAL;
            default:
                return rw.random() ? FileAdvice.RANDOM : FileAdvice.SEQUENTIAL;
        }
    }

    /** Whether {@code filesize} is set, so the runner sizes each file. */
    public boolean hasFilesize() {
        return filesizeLow >= 0;
    }
}
