package dev.jfio.stats;

import dev.jfio.spi.IoOp;
import java.util.List;

/**
 * What one job (or a merged group) did in one direction.
 *
 * @param runtimeMillis the time the direction was measured, fio's "runtime" (0 when no I/O)
 * @param schedLat latency measured from each I/O's scheduled time in rate-limited jobs; null otherwise
 * @param bwSamples bandwidth samples in KiB/s (fio's bw_*)
 * @param iopsSamples IOPS samples (fio's iops_*)
 * @param errors I/Os of this direction that failed
 * @param priorities latencies per I/O priority when the engine gave some I/Os another (cmdprio_*); empty otherwise
 */
public record DirectionResult(
        IoOp op,
        long ioBytes,
        long totalIos,
        long shortIos,
        long dropIos,
        long runtimeMillis,
        LatencyResult slat,
        LatencyResult clat,
        LatencyResult lat,
        LatencyResult schedLat,
        SampleStats bwSamples,
        SampleStats iopsSamples,
        long errors,
        List<PriorityLatency> priorities) {

    /** A result without per-priority latencies. */
    public DirectionResult(
            IoOp op,
            long ioBytes,
            long totalIos,
            long shortIos,
            long dropIos,
            long runtimeMillis,
            LatencyResult slat,
            LatencyResult clat,
            LatencyResult lat,
            LatencyResult schedLat,
            SampleStats bwSamples,
            SampleStats iopsSamples,
            long errors) {
        this(
                op,
                ioBytes,
                totalIos,
                shortIos,
                dropIos,
                runtimeMillis,
                slat,
                clat,
                lat,
                schedLat,
                bwSamples,
                iopsSamples,
                errors,
                List.of());
    }

    /** This result with {@code priorities} as its per-priority latencies. */
    public DirectionResult withPriorities(List<PriorityLatency> priorities) {
        return new DirectionResult(
                op,
                ioBytes,
                totalIos,
                shortIos,
                dropIos,
                runtimeMillis,
                slat,
                clat,
                lat,
                schedLat,
                bwSamples,
                iopsSamples,
                errors,
                priorities);
    }

    /** How many priorities have samples: fio shows the per-priority figures only from two on. */
    public int prioritiesWithSamples() {
        int n = 0;
        for (PriorityLatency p : priorities) {
            n += p.clat().n() > 0 || p.lat().n() > 0 ? 1 : 0;
        }
        return n;
    }

    /** Bandwidth over the whole runtime in bytes per second (fio's bw_bytes). */
    public long bwBytesPerSecond() {
        return runtimeMillis == 0 ? 0 : ioBytes * 1000 / runtimeMillis;
    }

    /** I/Os over the whole runtime, per second (fio's "iops": total/runtime, not the sample mean). */
    public double iops() {
        return runtimeMillis == 0 ? 0 : totalIos * 1000.0 / runtimeMillis;
    }

    public static DirectionResult empty(IoOp op) {
        return new DirectionResult(
                op,
                0,
                0,
                0,
                0,
                0,
                LatencyResult.EMPTY,
                LatencyResult.EMPTY,
                LatencyResult.EMPTY,
                null,
                SampleStats.EMPTY,
                SampleStats.EMPTY,
                0);
    }
}
