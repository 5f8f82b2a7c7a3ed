package dev.jfio.stats;

import java.util.List;
import java.util.Map;

/**
 * Everything a report prints: the jobs (already merged per group when group_reporting), the
 * group summaries and the run's globals.
 *
 * @param version "jfio-X.Y.Z"
 * @param globalOptions options from [global] sections and command-line globals (JSON "global options")
 */
public record RunResult(
        String version,
        long timestampMillis,
        Map<String, String> globalOptions,
        List<JobResult> jobs,
        List<GroupResult> groups) {}
