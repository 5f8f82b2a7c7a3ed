package dev.jfio.spi;

/** How new files get their space before the job: fio's {@code fallocate=}. */
public enum Fallocate {
    /** {@code none} or {@code 0}: no pre-allocation. */
    NONE,
    /** {@code native} (fio's default): the file system's native pre-allocation. */
    NATIVE,
    /** {@code posix} or {@code 1}: posix_fallocate. */
    POSIX,
    /** {@code keep}: allocate without changing the file's size (FALLOC_FL_KEEP_SIZE). */
    KEEP,
    /** {@code truncate}: set the size with ftruncate, allocating nothing. */
    TRUNCATE
}
