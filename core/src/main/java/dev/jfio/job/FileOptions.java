package dev.jfio.job;

import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FileHandling;

import java.util.Locale;

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
 */
public record FileOptions(int nrfiles, int openFiles, long filesizeLow, long filesizeHigh, FileService service,
                          FileHandling handling) {

    static FileOptions parse(OptionValues o) {
        int nrfiles = o.atLeast("nrfiles", 1, 1);
        int openFiles = o.atLeast("openfiles", 1, Integer.MAX_VALUE);
        long low = -1;
        long high = -1;
        Setting s = o.get("filesize");
        if (s != null) {
            try {
                long[] range = ValueParsers.parseRange(s.require(), o.kbBase());
                low = range[0];
                high = range[1];
            } catch (IllegalArgumentException e) {
                throw Setting.error(s, e.getMessage());
            }
        }
        FileService service = FileService.parse(o.get("file_service_type"), o.kbBase());
        FileHandling handling = new FileHandling(fallocate(o.get("fallocate")), o.bool("invalidate", true),
                o.bool("overwrite", false), o.bool("allow_file_create", true), o.bool("create_on_open", false),
                o.bool("unlink", false));
        return new FileOptions(nrfiles, openFiles, low, high, service, handling);
    }

    /** Whether {@code filesize} is set, so the runner sizes each file. */
    public boolean hasFilesize() {
        return filesizeLow >= 0;
    }

    private static Fallocate fallocate(Setting s) {
        if (s == null) {
            return Fallocate.NATIVE;
        }
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
                throw Setting.error(s, "fallocate=" + s.value()
                        + " is not valid (accepted: none, native, posix, keep, truncate, 0, 1)");
        }
    }
}
