package dev.jfio.spi;

/** How a job's writes reach stable storage as they happen: fio's {@code sync=} (the open flag). */
public enum SyncMode {
    /** {@code sync=none} (fio's default): ordinary writes. */
    NONE,
    /** {@code sync=sync} or {@code 1}: open with O_SYNC. */
    SYNC,
    /** {@code sync=dsync}: open with O_DSYNC. */
    DSYNC
}
