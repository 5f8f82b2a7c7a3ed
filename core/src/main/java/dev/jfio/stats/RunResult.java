package dev.jfio.stats;

import java.util.List;
import java.util.Map;

/**
 * Everything a report prints: the jobs (already merged per group when group_reporting), the
 * group summaries and the run's globals.
 *
 * @param version the fio release the reports name ("fio version" in JSON, terse field 2): "fio-3.33",
 *     so that tools which check fio's version accept jfio's reports
 * @param globalOptions options from [global] sections and command-line globals (JSON "global options")
 * @param disks utilisation of the block devices under the jobs' files, in fio's order (a device
 *     before its slaves); empty when no job used a block-backed file
 * @param idleness CPU idleness while the jobs ran ({@code --idle-prof}), or null
 * @param placement the rank's place in a run on several hosts (the JSON's top-level "jfio"), or null
 *     when jfio ran alone
 */
public record RunResult(
        String version,
        long timestampMillis,
        Map<String, String> globalOptions,
        List<JobResult> jobs,
        List<GroupResult> groups,
        List<DiskUtilResult> disks,
        CpuIdleness idleness,
        RankPlacement placement) {

    /** A run without disk utilisation. */
    public RunResult(
            String version,
            long timestampMillis,
            Map<String, String> globalOptions,
            List<JobResult> jobs,
            List<GroupResult> groups) {
        this(version, timestampMillis, globalOptions, jobs, groups, List.of(), null, null);
    }

    /** This result with {@code idleness} reported. */
    public RunResult withIdleness(CpuIdleness idleness) {
        return new RunResult(version, timestampMillis, globalOptions, jobs, groups, disks, idleness, placement);
    }

    /** This result with the rank's {@code placement} reported. */
    public RunResult withPlacement(RankPlacement placement) {
        return new RunResult(version, timestampMillis, globalOptions, jobs, groups, disks, idleness, placement);
    }
}
