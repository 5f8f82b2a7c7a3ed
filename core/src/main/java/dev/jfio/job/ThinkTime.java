package dev.jfio.job;

/**
 * fio's think time: idle between I/Os. Immutable.
 *
 * @param nanos         {@code thinktime}
 * @param spinNanos     {@code thinktime_spin}: the part spent spinning
 * @param blocks        {@code thinktime_blocks}: think after this many I/Os
 * @param blocksSet     whether {@code thinktime_blocks} was set (with thinktime_iotime, fio then
 *     counts blocks too; otherwise only the time counts)
 * @param issueSide     {@code thinktime_blocks_type=issue}: count issued I/Os, not completed ones
 * @param iotimeNanos   {@code thinktime_iotime}: think after this long of I/O, 0 for never
 * @param rateIgnores   {@code rate_ignore_thinktime}: the rate does not catch up the time spent thinking
 */
public record ThinkTime(
        long nanos,
        long spinNanos,
        int blocks,
        boolean blocksSet,
        boolean issueSide,
        long iotimeNanos,
        boolean rateIgnores) {

    /** Plain thinktime, thinktime_spin and thinktime_blocks; the other settings at fio's defaults. */
    public ThinkTime(long nanos, long spinNanos, int blocks) {
        this(nanos, spinNanos, blocks, true, false, 0, false);
    }

    static ThinkTime parse(OptionValues o) {
        return new ThinkTime(
                o.get(PacingKeys.THINKTIME),
                o.get(PacingKeys.THINKTIME_SPIN),
                o.get(PacingKeys.THINKTIME_BLOCKS),
                o.isSet(PacingKeys.THINKTIME_BLOCKS),
                o.get(LatencyKeys.THINKTIME_ISSUE),
                o.get(LatencyKeys.THINKTIME_IOTIME),
                o.get(LatencyKeys.RATE_IGNORE_THINKTIME));
    }
}
