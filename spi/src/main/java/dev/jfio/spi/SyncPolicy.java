package dev.jfio.spi;

import java.util.Objects;

/**
 * A job's sync and flush policy as an engine applies it. Immutable.
 *
 * @param mode  the open flag of written targets ({@code sync=})
 * @param flush what a FLUSH unit means: {@link FlushKind#FDATASYNC} only when the job asks for
 *              {@code fdatasync} and for no fsync of any kind ({@code fsync}, {@code end_fsync},
 *              {@code fsync_on_close}), since a FLUSH unit does not say which of them issued it;
 *              {@link FlushKind#SYNC_FILE_RANGE} for {@code sync_file_range}
 * @param rangeFlags with SYNC_FILE_RANGE: Linux's SYNC_FILE_RANGE_* flags (WAIT_BEFORE 1, WRITE 2,
 *              WAIT_AFTER 4) to pass; 0 otherwise
 */
public record SyncPolicy(SyncMode mode, FlushKind flush, int rangeFlags) {
    /** fio's defaults: plain writes, FLUSH is fsync. */
    public static final SyncPolicy DEFAULT = new SyncPolicy(SyncMode.NONE, FlushKind.FSYNC);

    public SyncPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flush, "flush");
    }

    /** A policy whose FLUSH is fsync or fdatasync (no range flags). */
    public SyncPolicy(SyncMode mode, FlushKind flush) {
        this(mode, flush, 0);
    }
}
