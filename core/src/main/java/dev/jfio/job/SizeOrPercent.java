package dev.jfio.job;

/**
 * A value fio accepts as bytes or as a percentage ({@code size}, {@code io_size}, {@code offset},
 * {@code offset_increment}): exactly one of the two is given.
 *
 * @param bytes   the size in bytes, or -1 when given as a percentage
 * @param percent the N of {@code N%}, or 0 when given in bytes
 */
record SizeOrPercent(long bytes, double percent) {}
