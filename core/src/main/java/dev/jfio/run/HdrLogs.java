package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.stats.HdrIntervalLog;
import dev.jfio.stats.JobStats;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Opens and closes a job clone's HdrHistogram interval log ({@code write_hdr_log=PREFIX}): the file
 * is {@code PREFIX.N.hlog}, N being fio's thread number (the clone's position in the run, from 1),
 * as fio numbers its own log files. Stateless.
 */
final class HdrLogs {
    private HdrLogs() {}

    /**
     * Sets the clone's intervals: {@code hdr_log_msec}, and the log of {@code write_hdr_log} when the
     * job asks for one, which is then created. Main thread, at set-up.
     *
     * @return the log, or null
     * @throws SetupFailedException when the file cannot be created
     */
    static HdrIntervalLog configure(JobSpec spec, int threadNumber, JobStats stats) {
        String prefix = spec.reporting().hdrLogPrefix();
        long intervalNanos = spec.reporting().intervalMillis() * 1_000_000L;
        if (prefix == null) {
            stats.configureIntervals(intervalNanos, null);
            return null;
        }
        Path file = Path.of(prefix + "." + threadNumber + ".hlog");
        HdrIntervalLog[] opened = new HdrIntervalLog[1];
        stats.configureIntervals(intervalNanos, tags -> {
            try {
                opened[0] = new HdrIntervalLog(file, tags, "jfio-hdr-log-" + threadNumber);
                return opened[0];
            } catch (IOException | RuntimeException e) {
                throw new SetupFailedException(
                        spec.name() + ": write_hdr_log=" + prefix + ": cannot create " + file + ": " + why(e, file));
            }
        });
        return opened[0];
    }

    private static String why(Exception e, Path file) {
        if (e instanceof NoSuchFileException) {
            return "no such directory " + file.toAbsolutePath().getParent();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return JobClone.message(e);
    }

    /** Writes the rest of the log and closes it; null, or what went wrong. Job thread, after the job ended. */
    static String close(HdrIntervalLog log) {
        if (log == null) {
            return null;
        }
        try {
            log.close();
            return null;
        } catch (IOException e) {
            return "write_hdr_log: cannot write " + log.file() + ": " + JobClone.message(e);
        }
    }
}
