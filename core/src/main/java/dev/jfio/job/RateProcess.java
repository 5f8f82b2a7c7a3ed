package dev.jfio.job;

/** fio's {@code rate_process}: how rate-limited I/Os are spaced. */
public enum RateProcess {
    /** Fixed intervals (fio's default). */
    LINEAR,
    /** Exponentially distributed intervals with the same mean. */
    POISSON
}
