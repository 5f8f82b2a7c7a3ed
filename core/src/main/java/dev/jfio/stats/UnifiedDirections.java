package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import java.util.Arrays;

/**
 * fio's {@code unified_rw_reporting}: the reads, writes and trims of a result summed into one
 * "mixed" direction, as fio's {@code sum_thread_stats} sums them into its read slot (bytes, I/Os
 * and errors added, latencies merged, bandwidth/IOPS samples summed, the longest runtime).
 * Stateless.
 */
public final class UnifiedDirections {
    private UnifiedDirections() {}

    /**
     * The result as the reports take it: under MIXED its read slot holds every direction summed and
     * the others are empty, and the issued counts are summed into the read slot, as fio; otherwise
     * the result itself.
     */
    public static JobResult forReport(JobResult r) {
        if (r.unifiedRw() != UnifiedRw.MIXED) {
            return r;
        }
        DirectionResult[] dirs = new DirectionResult[IoOps.DATA.length];
        dirs[0] = mixed(r);
        for (int d = 1; d < dirs.length; d++) {
            dirs[d] = DirectionResult.empty(IoOps.DATA[d]);
        }
        long[] issued = r.issued() == null ? new long[4] : Arrays.copyOf(r.issued(), Math.max(4, r.issued().length));
        for (int d = 1; d < IoOps.DATA.length; d++) {
            issued[0] += issued[d];
            issued[d] = 0;
        }
        return r.withDirections(dirs, issued);
    }

    /** Every direction of {@code r} summed, in the read slot (fio's gen_mixed_ddir_stats_from_ts). */
    public static DirectionResult mixed(JobResult r) {
        return JobResultBuilder.mergeDirection(IoOp.READ, Arrays.asList(r.dirs()));
    }

    /** fio's show_mixed_group_stats: the group's directions summed (bandwidth and bytes) and spanned (min, max). */
    public static GroupResult.DirectionGroup mixed(GroupResult g) {
        long io = 0;
        long agg = 0;
        long minBw = -1;
        long maxBw = 0;
        long minRun = -1;
        long maxRun = 0;
        for (GroupResult.DirectionGroup d : g.dirs()) {
            if (d == null || d.maxRuntimeMillis() == 0) {
                continue;
            }
            io += d.ioBytes();
            agg += d.aggBwBytes();
            minBw = minBw < 0 ? d.minBwBytes() : Math.min(minBw, d.minBwBytes());
            maxBw = Math.max(maxBw, d.maxBwBytes());
            minRun = minRun < 0 ? d.minRuntimeMillis() : Math.min(minRun, d.minRuntimeMillis());
            maxRun = Math.max(maxRun, d.maxRuntimeMillis());
        }
        return new GroupResult.DirectionGroup(io, agg, Math.max(0, minBw), maxBw, Math.max(0, minRun), maxRun);
    }
}
