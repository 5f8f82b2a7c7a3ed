package dev.jfio.spi;

import java.util.Objects;

/**
 * A job's sync and flush policy as an engine applies it. Immutable.
 *
 * @param mode  the open flag of written targets ({@code sync=})
 * @param flush what a FLUSH unit means: {@link FlushKind#FDATASYNC} only when the job asks for
 *              {@code fdatasync} and for no fsync of any kind ({@code fsync}, {@code end_fsync},
 *              {@code fsync_on_close}), since a FLUSH unit does not say which of them issued it
 */
public record SyncPolicy(SyncMode mode, FlushKind flush) {
    /** fio's defaults: plain writes, FLUSH is fsync. */
    public static final SyncPolicy DEFAULT = new SyncPolicy(SyncMode.NONE, FlushKind.FSYNC);

    public SyncPolicy {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(flush, "flush");
    }
}
