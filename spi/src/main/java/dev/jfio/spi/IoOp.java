package dev.jfio.spi;

/** The operation an {@link IoUnit} carries. */
public enum IoOp {
    READ,
    WRITE,
    TRIM,
    /** Make earlier writes durable (fio's fsync/fdatasync/end_fsync; NBD_CMD_FLUSH). Offset and length are 0. */
    FLUSH
}
