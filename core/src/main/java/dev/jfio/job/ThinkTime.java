package dev.jfio.job;

/**
 * fio's think time: idle between I/Os. Immutable.
 *
 * @param nanos     {@code thinktime}
 * @param spinNanos {@code thinktime_spin}: the part spent spinning
 * @param blocks    {@code thinktime_blocks}: think after this many I/Os
 */
public record ThinkTime(long nanos, long spinNanos, int blocks) {

    static ThinkTime parse(OptionValues o) {
        return new ThinkTime(
                o.get(PacingKeys.THINKTIME), o.get(PacingKeys.THINKTIME_SPIN), o.get(PacingKeys.THINKTIME_BLOCKS));
    }
}
