package dev.jfio.spi;

/** What the runner's {@link IoOp#FLUSH} units ask of the target. */
public enum FlushKind {
    /** Data and metadata: fsync. */
    FSYNC,
    /** Data and the metadata needed to read it back: fdatasync. */
    FDATASYNC
}
