package dev.jfio.stats;

import dev.jfio.job.UnifiedRw;
import java.util.List;
import java.util.Map;

/**
 * The finished result of one job clone, or of several merged for group_reporting.
 *
 * @param jobName the job's name (of the first clone when merged)
 * @param groupId fio's reporting group
 * @param jobs how many job clones this result covers (fio's "jobs=N")
 * @param error 0, or the errno-like code that failed the job
 * @param errorMessage one line saying why the job failed, or null
 * @param jobOptions the options set in the job's own section, for JSON "job options"
 * @param headerRw fio's rw name for the header line ("randrw")
 * @param blockSizes the smallest and largest block size per direction, behind fio's header "bs="
 * @param dirs READ, WRITE, TRIM in {@link dev.jfio.job.IoOp} order
 * @param jobRuntimeMillis summed thread runtimes (fio's job_runtime)
 * @param elapsedSeconds wall-clock seconds from start to end (fio's "elapsed")
 * @param iodepthLevel percentages for depths 1,2,4,8,16,32,>=64
 * @param iodepthSubmit percentages for submit batches 0,4,8,16,32,64,>=64
 * @param iodepthComplete percentages for completion batches 0,4,8,16,32,64,>=64
 * @param latencyNs percentages of I/Os by completion latency (clat, as fio's io_u_lat): 2,4,10,20,50,100,250,500,750,1000 ns
 * @param latencyUs the same in microseconds
 * @param latencyMs 2,4,10,20,50,100,250,500,750,1000,2000,>=2000 ms
 * @param issued issued I/Os per direction (fio's "issued rwts: total=")
 * @param continueOnError whether the job set continue_on_error (fio then reports total_err and first_error)
 * @param totalErrors failed I/Os counted under continue_on_error (fio's total_err)
 * @param firstError errno of the first failed I/O, 0 if none (fio's first_error)
 * @param engineProperties what the engine learned about its target (NBD export size, flags)
 * @param notes jfio-only lines for the normal report (multi-conn warnings, capped iodepth)
 * @param counts the counts behind the distributions, for lossless merging; null for a result built by hand
 * @param drainTimeoutMillis jfio's drain_timeout when the job has runtime, else -1
 * @param series the job's measurements per interval (the JSON report's "jfio" key), or null
 * @param unifiedRw unified_rw_reporting: under MIXED, {@code dirs[0]} holds every direction summed
 *     and is reported as "mixed"; under BOTH the reports add that sum after the directions
 * @param significantFigures significant_figures of the normal report's rates and sizes
 * @param steadyState steady-state detection's figures, or null when the job has none
 * @param latencyTarget fio's "latency :" line (latency_target and the depth it found), or null for
 *     a result built by hand (then: no target, at iodepth)
 */
public record JobResult(
        String jobName,
        int groupId,
        int jobs,
        int error,
        String errorMessage,
        Map<String, String> jobOptions,
        String description,
        String ioengine,
        String headerRw,
        BlockSizeRange blockSizes,
        int iodepth,
        long pid,
        long startEpochMillis,
        DirectionResult[] dirs,
        LatencyResult syncLat,
        long syncIos,
        CpuResult cpu,
        long jobRuntimeMillis,
        long elapsedSeconds,
        double[] iodepthLevel,
        double[] iodepthSubmit,
        double[] iodepthComplete,
        double[] latencyNs,
        double[] latencyUs,
        double[] latencyMs,
        long[] issued,
        boolean continueOnError,
        long totalErrors,
        int firstError,
        PercentileConfig percentiles,
        boolean rateLimited,
        Map<String, String> engineProperties,
        List<String> notes,
        RawCounts counts,
        long drainTimeoutMillis,
        IntervalSeries series,
        UnifiedRw unifiedRw,
        int significantFigures,
        SteadyStateResult steadyState,
        LatencyTargetResult latencyTarget) {

    /** This result with its directions and issued counts replaced (unified_rw_reporting=mixed). */
    public JobResult withDirections(DirectionResult[] newDirs, long[] newIssued) {
        return new JobResult(
                jobName,
                groupId,
                jobs,
                error,
                errorMessage,
                jobOptions,
                description,
                ioengine,
                headerRw,
                blockSizes,
                iodepth,
                pid,
                startEpochMillis,
                newDirs,
                syncLat,
                syncIos,
                cpu,
                jobRuntimeMillis,
                elapsedSeconds,
                iodepthLevel,
                iodepthSubmit,
                iodepthComplete,
                latencyNs,
                latencyUs,
                latencyMs,
                newIssued,
                continueOnError,
                totalErrors,
                firstError,
                percentiles,
                rateLimited,
                engineProperties,
                notes,
                counts,
                drainTimeoutMillis,
                series,
                unifiedRw,
                significantFigures,
                steadyState,
                latencyTarget);
    }
}
