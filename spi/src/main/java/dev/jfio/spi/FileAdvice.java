package dev.jfio.spi;

/**
 * The access pattern a job announces to the kernel for its files when they are opened: fio's
 * {@code fadvise_hint} resolved for the job (its default, {@code 1}, means random for the random
 * rw modes and sequential for the others). File engines pass it to posix_fadvise, the mmap engine
 * to madvise.
 */
public enum FileAdvice {
    /** {@code fadvise_hint=0}: no advice. */
    NONE,
    /** POSIX_FADV_RANDOM: no readahead. */
    RANDOM,
    /** POSIX_FADV_SEQUENTIAL: aggressive readahead. */
    SEQUENTIAL
}
