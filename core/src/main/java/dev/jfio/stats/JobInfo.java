package dev.jfio.stats;

import dev.jfio.job.UnifiedRw;
import java.util.List;
import java.util.Map;

/**
 * What the runner knows about a job that its {@link JobStats} does not: names, options and header
 * fields, passed through to the {@link JobResult}.
 *
 * @param error 0, or the errno-like code that failed the job
 * @param errorMessage one line saying why the job failed, or null
 * @param startEpochMillis when the job started, for the report's date
 * @param elapsedSeconds wall-clock seconds of the whole run so far (fio's "elapsed")
 * @param drainTimeoutMillis drain_timeout when the job has runtime (I/O in flight at its end gets
 *     this long), else -1
 * @param unifiedRw unified_rw_reporting
 * @param significantFigures significant_figures
 * @param latencyTarget latency_target's settings and the depth the job ran at last
 */
public record JobInfo(
        String jobName,
        int groupId,
        int error,
        String errorMessage,
        Map<String, String> jobOptions,
        String description,
        String ioengine,
        String headerRw,
        BlockSizeRange blockSizes,
        int iodepth,
        long startEpochMillis,
        long elapsedSeconds,
        PercentileConfig percentiles,
        boolean rateLimited,
        boolean continueOnError,
        Map<String, String> engineProperties,
        List<String> notes,
        long drainTimeoutMillis,
        UnifiedRw unifiedRw,
        int significantFigures,
        LatencyTargetResult latencyTarget) {}
