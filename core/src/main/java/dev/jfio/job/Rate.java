package dev.jfio.job;

import dev.jfio.spi.IoOp;

/**
 * A job's rate limits. Immutable.
 *
 * @param process    {@code rate_process}: how rated I/Os are spaced
 * @param minBytes   {@code rate_min} per direction in bytes/s, 0 for none
 * @param minIops    {@code rate_iops_min} per direction, 0 for none
 * @param cycleNanos {@code rate_cycle}: the window the minimum rates are measured over
 * @param flow       {@code flow}: this job's weight among the jobs of its {@code flow_id}, 0 for none
 * @param flowId     {@code flow_id}
 * @param flowSleepNanos {@code flow_sleep}: how long a job held back by flow control sleeps, 0 to retry at once
 */
public record Rate(
        long[] bytesPerSecond,
        long[] iops,
        RateProcess process,
        long[] minBytes,
        long[] minIops,
        long cycleNanos,
        int flow,
        int flowId,
        long flowSleepNanos) {
    public Rate {
        bytesPerSecond = bytesPerSecond.clone();
        iops = iops.clone();
        minBytes = minBytes.clone();
        minIops = minIops.clone();
    }

    static Rate parse(OptionValues o) {
        long[] rate = o.get(PacingKeys.RATE);
        long[] rateIops = o.get(PacingKeys.RATE_IOPS);
        long[] min = o.get(PacingKeys.RATE_MIN);
        long[] minIops = o.get(PacingKeys.RATE_IOPS_MIN);
        for (int d = 0; d < 3; d++) {
            // fio refuses a minimum above the limit ("minimum rate exceeds rate")
            if ((rate[d] > 0 && min[d] > rate[d]) || (rateIops[d] > 0 && minIops[d] > rateIops[d])) {
                Setting where = min[d] > 0 && rate[d] > 0 && min[d] > rate[d]
                        ? o.setting(PacingKeys.RATE_MIN)
                        : o.setting(PacingKeys.RATE_IOPS_MIN);
                throw Setting.error(
                        where,
                        "the minimum rate exceeds the rate limit (" + where.name() + "="
                                + where.value().trim() + " above "
                                + (where.name().contains("iops") ? "rate_iops" : "rate")
                                + ")");
            }
        }
        return new Rate(
                rate,
                rateIops,
                o.get(PacingKeys.RATE_PROCESS),
                min,
                minIops,
                o.get(PacingKeys.RATE_CYCLE) * 1_000_000L,
                o.get(PacingKeys.FLOW),
                o.get(PacingKeys.FLOW_ID),
                o.get(PacingKeys.FLOW_SLEEP));
    }

    /** Whether {@code rate_min} or {@code rate_iops_min} is set for any direction. */
    public boolean hasMinimum() {
        for (int d = 0; d < 3; d++) {
            if (minBytes[d] > 0 || minIops[d] > 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code rate_min} per direction (a copy). */
    @Override
    public long[] minBytes() {
        return minBytes.clone();
    }

    /** {@code rate_iops_min} per direction (a copy). */
    @Override
    public long[] minIops() {
        return minIops.clone();
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
