package dev.jfio.job;

import dev.jfio.spi.IoOp;

/**
 * A job's rate limits. Immutable.
 *
 * @param process {@code rate_process}: how rated I/Os are spaced
 */
public record Rate(long[] bytesPerSecond, long[] iops, RateProcess process) {
    public Rate {
        bytesPerSecond = bytesPerSecond.clone();
        iops = iops.clone();
    }

    static Rate parse(OptionValues o) {
        return new Rate(o.get(PacingKeys.RATE), o.get(PacingKeys.RATE_IOPS), o.get(PacingKeys.RATE_PROCESS));
    }

    /** {@code rate} per direction in bytes/s, 0 for none (a copy). */
    @Override
    public long[] bytesPerSecond() {
        return bytesPerSecond.clone();
    }

    /** {@code rate_iops} per direction, 0 for none (a copy). */
    @Override
    public long[] iops() {
        return iops.clone();
    }

    /** {@code rate} of direction {@code d} in bytes/s, 0 for none. */
    public long bytesPerSecond(IoOp d) {
        return bytesPerSecond[d.ordinal()];
    }

    /** {@code rate_iops} of direction {@code d}, 0 for none. */
    public long iops(IoOp d) {
        return iops[d.ordinal()];
    }
}
