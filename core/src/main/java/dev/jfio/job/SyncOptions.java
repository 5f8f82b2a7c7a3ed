package dev.jfio.job;

import dev.jfio.spi.FlushKind;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;

/**
 * A job's sync options: {@code fsync}, {@code fdatasync}, {@code sync_file_range},
 * {@code end_fsync}, {@code fsync_on_close} and {@code sync=}. Immutable.
 *
 * @param fsync         flush after every N writes with fsync; 0 for never
 * @param fdatasync     flush after every N writes with fdatasync; 0 for never
 * @param endFsync      flush each written file at the end of the job
 * @param fsyncOnClose  flush each written file before it is closed
 * @param mode          the open flag of written files
 * @param syncFileRange flush after every N writes with sync_file_range(2); {@link SyncFileRange#NONE} for never
 */
public record SyncOptions(
        int fsync, int fdatasync, boolean endFsync, boolean fsyncOnClose, SyncMode mode, SyncFileRange syncFileRange) {

    static SyncOptions parse(OptionValues o) {
        SyncOptions sync = new SyncOptions(
                o.get(IoTypeKeys.FSYNC),
                o.get(IoTypeKeys.FDATASYNC),
                o.get(IoTypeKeys.END_FSYNC),
                o.get(TargetKeys.FSYNC_ON_CLOSE),
                o.get(TargetKeys.SYNC),
                o.get(LockAndSyncRangeKeys.SYNC_FILE_RANGE));
        if (sync.syncFileRange.every() > 0
                && (sync.fsync > 0 || sync.fdatasync > 0 || sync.endFsync || sync.fsyncOnClose)) {
            // a FLUSH unit does not say which option issued it: a job's flushes are all of one kind
            throw Setting.error(
                    o.setting(LockAndSyncRangeKeys.SYNC_FILE_RANGE),
                    "sync_file_range cannot be combined with fsync, fdatasync, end_fsync or fsync_on_close in jfio"
                            + " (all of a job's syncs are of one kind)");
        }
        return sync;
    }

    /** Flush every this many writes: {@code fsync}, else {@code fdatasync}, else {@code sync_file_range}; 0 for never. */
    public int flushEvery() {
        return fsync > 0 ? fsync : fdatasync > 0 ? fdatasync : syncFileRange.every();
    }

    /**
     * What engines apply: the open flag, and what FLUSH is: sync_file_range when the job asks for
     * it, fdatasync when it asks for fdatasync and for no fsync of any kind (a FLUSH unit does not
     * say which option issued it), else fsync.
     */
    public SyncPolicy policy() {
        if (syncFileRange.every() > 0) {
            return new SyncPolicy(mode, FlushKind.SYNC_FILE_RANGE, syncFileRange.flags());
        }
        boolean datasync = fdatasync > 0 && fsync == 0 && !endFsync && !fsyncOnClose;
        return new SyncPolicy(mode, datasync ? FlushKind.FDATASYNC : FlushKind.FSYNC);
    }
}
