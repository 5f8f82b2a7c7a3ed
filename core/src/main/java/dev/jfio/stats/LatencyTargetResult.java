package dev.jfio.stats;

/**
 * fio's report line "latency : target=, window=, percentile=, depth=": the job's latency_target
 * settings and the queue depth it ran at last (iodepth without a target; the depth the search
 * found with one). Immutable.
 *
 * @param targetNanos  latency_target in nanoseconds, 0 for none
 * @param windowMicros latency_window in microseconds, as fio prints it
 * @param percentile   latency_percentile
 * @param depth        the depth (fio's latency_qd)
 */
public record LatencyTargetResult(long targetNanos, long windowMicros, double percentile, int depth) {

    /** A job without latency_target at {@code iodepth}. */
    public static LatencyTargetResult untargeted(int iodepth) {
        return new LatencyTargetResult(0, 0, 100, iodepth);
    }
}
