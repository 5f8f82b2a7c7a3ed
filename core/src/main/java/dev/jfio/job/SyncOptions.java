package dev.jfio.job;

import dev.jfio.spi.FlushKind;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;

/**
 * A job's sync options: {@code fsync}, {@code fdatasync}, {@code end_fsync},
 * {@code fsync_on_close} and {@code sync=}. Immutable.
 *
 * @param fsync        flush after every N writes with fsync; 0 for never
 * @param fdatasync    flush after every N writes with fdatasync; 0 for never
 * @param endFsync     flush each written file at the end of the job
 * @param fsyncOnClose flush each written file before it is closed
 * @param mode         the open flag of written files
 */
public record SyncOptions(int fsync, int fdatasync, boolean endFsync, boolean fsyncOnClose, SyncMode mode) {

    static SyncOptions parse(OptionValues o) {
        return new SyncOptions(
                o.get(IoTypeKeys.FSYNC),
                o.get(IoTypeKeys.FDATASYNC),
                o.get(IoTypeKeys.END_FSYNC),
                o.get(TargetKeys.FSYNC_ON_CLOSE),
                o.get(TargetKeys.SYNC));
    }

    /** Flush every this many writes: {@code fsync} when set, else {@code fdatasync}; 0 for never. */
    public int flushEvery() {
        return fsync > 0 ? fsync : fdatasync;
    }

    /**
     * What engines apply: the open flag, and fdatasync for FLUSH only when the job asks for
     * fdatasync and for no fsync of any kind (a FLUSH unit does not say which option issued it).
     */
    public SyncPolicy policy() {
        boolean datasync = fdatasync > 0 && fsync == 0 && !endFsync && !fsyncOnClose;
        return new SyncPolicy(mode, datasync ? FlushKind.FDATASYNC : FlushKind.FSYNC);
    }
}
