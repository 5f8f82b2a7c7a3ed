package dev.jfio.stats;

/**
 * The smallest and largest block size of each data direction (READ, WRITE, TRIM, indexed by
 * {@code IoOp.ordinal()}): the facts behind fio's header "bs=(R) 4096B-4096B, ...".
 */
public record BlockSizeRange(int[] min, int[] max) {}
