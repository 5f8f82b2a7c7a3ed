package dev.jfio.dist;

import dev.jfio.job.JobSet;
import dev.jfio.job.JobSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The digest of a run's parsed jobs ({@code "job_digest"}), by which {@code jfio merge} tells that
 * all ranks ran the same jobs: SHA-256 over the global options and each job's name and options,
 * after expansion, leaving out the options that only name where output goes (write_iolog and the
 * write_*_log options). The caller passes the jobs as rank 0 parses them, so values that depend on
 * {@code $rank} alone do not differ. Stateless.
 */
public final class JobDigest {
    private JobDigest() {}

    /** {@code "sha256:<hex>"} of the jobs. */
    public static String of(JobSet jobs) {
        StringBuilder text = new StringBuilder();
        options(text, "[global]", jobs.globalOptions());
        for (JobSpec job : jobs.jobs()) {
            options(text, "[" + job.name() + "]", job.jobOptions());
        }
        try {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** write_iolog, write_bw_log, write_lat_log, write_iops_log, write_hist_log, write_hdr_log. */
    static boolean isOutput(String option) {
        return option.equals("write_iolog") || option.startsWith("write_") && option.endsWith("_log");
    }

    private static void options(StringBuilder text, String header, Map<String, String> options) {
        text.append(header).append('\n');
        for (Map.Entry<String, String> e : options.entrySet()) {
            if (isOutput(e.getKey())) {
                continue;
            }
            text.append(e.getKey()).append('=').append(e.getValue()).append('\n');
        }
    }
}
