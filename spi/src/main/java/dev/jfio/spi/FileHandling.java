package dev.jfio.spi;

import java.util.Objects;

/**
 * How an engine working on files creates, prepares and removes them, from fio's core options.
 * Immutable.
 *
 * @param fallocate       {@code fallocate=}: how new files get their space
 * @param invalidate      {@code invalidate}: drop the files' cached pages before the job
 * @param overwrite       {@code overwrite}: a writing job lays its files out first, as a reading one does
 * @param allowFileCreate {@code allow_file_create}: missing files may be created
 * @param createOnOpen    {@code create_on_open}: create missing files when opened, not in setup
 * @param unlink          {@code unlink}: delete the files when the job closes them
 * @param createFsync     {@code create_fsync}: flush a file once it is laid out
 */
public record FileHandling(
        Fallocate fallocate,
        boolean invalidate,
        boolean overwrite,
        boolean allowFileCreate,
        boolean createOnOpen,
        boolean unlink,
        boolean createFsync) {
    /** fio's defaults. */
    public static final FileHandling DEFAULT = new FileHandling(Fallocate.NATIVE, true, false, true, false, false);

    /** The handling with fio's {@code create_fsync=1}, for callers built before that option. */
    public FileHandling(
            Fallocate fallocate,
            boolean invalidate,
            boolean overwrite,
            boolean allowFileCreate,
            boolean createOnOpen,
            boolean unlink) {
        this(fallocate, invalidate, overwrite, allowFileCreate, createOnOpen, unlink, true);
    }

    public FileHandling {
        Objects.requireNonNull(fallocate, "fallocate");
    }
}
