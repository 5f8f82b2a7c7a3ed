package dev.jfio.spi;

/** What the runner's {@link IoOp#FLUSH} units ask of the target. */
public enum FlushKind {
    /** Data and metadata: fsync. */
    FSYNC,
    /** Data and the metadata needed to read it back: fdatasync. */
    FDATASYNC,
    /**
     * sync_file_range(2) of the whole file (offset 0, nbytes 0) with {@link SyncPolicy#rangeFlags()};
     * an engine that cannot issue it fails the FLUSH unit with EINVAL, as fio's engines do.
     */
    SYNC_FILE_RANGE
}
