package dev.jfio.job;

/**
 * How a job bounds its latency and submits its I/O (see {@link LatencyKeys}). Immutable (the
 * array is copied in and out).
 *
 * @param targetNanos      {@code latency_target}, 0 for none: search the deepest queue that keeps it
 * @param windowNanos      {@code latency_window}: how long each depth is tried
 * @param percentile       {@code latency_percentile}: the share of I/Os (0..100) that must meet the target
 * @param run              {@code latency_run}: keep searching instead of ending at the depth found
 * @param maxNanos         {@code max_latency} per data direction, 0 where unbounded
 * @param offload          {@code io_submit_mode=offload}
 * @param serializeOverlap {@code serialize_overlap}
 */
public record LatencyControl(
        long targetNanos,
        long windowNanos,
        double percentile,
        boolean run,
        long[] maxNanos,
        boolean offload,
        boolean serializeOverlap) {

    /** No target, no limit, inline submission. */
    public static final LatencyControl NONE = new LatencyControl(0, 0, 100, false, new long[3], false, false);

    public LatencyControl {
        maxNanos = maxNanos.clone();
    }

    @Override
    public long[] maxNanos() {
        return maxNanos.clone();
    }

    /** The max_latency of data direction {@code ordinal} (read 0, write 1, trim 2), 0 where unbounded. */
    public long maxNanos(int ordinal) {
        return maxNanos[ordinal];
    }

    static LatencyControl parse(OptionValues o) {
        o.get(LatencyKeys.RWMIXCYCLE); // refused, as fio refuses it: its parser throws
        return new LatencyControl(
                o.get(LatencyKeys.LATENCY_TARGET),
                o.get(LatencyKeys.LATENCY_WINDOW),
                o.get(LatencyKeys.LATENCY_PERCENTILE),
                o.get(LatencyKeys.LATENCY_RUN),
                o.get(LatencyKeys.MAX_LATENCY),
                o.get(LatencyKeys.OFFLOAD),
                o.get(LatencyKeys.SERIALIZE_OVERLAP));
    }
}
