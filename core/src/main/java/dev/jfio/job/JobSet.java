package dev.jfio.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What {@link JobParser#parse} produces: the jobs in run order and the global options that
 * applied (fio's JSON "global options").
 *
 * @param globalOptions options from {@code [global]} sections and from the command line before
 *                      the first {@code --name}, name → expanded text, in order
 * @param jobs          one {@link JobSpec} per job section or {@code --name}, numjobs not expanded
 */
public record JobSet(Map<String, String> globalOptions, List<JobSpec> jobs) {
    /** The most jobs, counting every numjobs clone, that one run may have (fio's limit). */
    public static final int MAX_JOBS = 4096;

    public JobSet {
        globalOptions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(globalOptions));
        jobs = List.copyOf(jobs);
    }

    /**
     * fio's {@code --showcmd}: one command line that describes every job, global options first,
     * then each job's {@code --name} and its own options.
     */
    public String toCommandLine() {
        List<String> parts = new ArrayList<>();
        parts.add("jfio");
        globalOptions.forEach((k, v) -> parts.add(JobSpec.argument(k, v)));
        for (JobSpec job : jobs) {
            parts.add(JobSpec.argument("name", job.name()));
            job.jobOptions().forEach((k, v) -> {
                if (!k.equals("name")) {
                    parts.add(JobSpec.argument(k, v));
                }
            });
        }
        return String.join(" ", parts);
    }
}
