package dev.jfio.log;

import dev.jfio.job.JobSpec;
import dev.jfio.job.JobSpecException;
import dev.jfio.job.LogOptions;
import dev.jfio.job.Measurement;
import dev.jfio.stats.JobStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log files of one run: names them as fio 3.33 does ({@code PREFIX_TYPE.N.log}, N the job
 * clone's number counted over the whole run from 1, {@code PREFIX_TYPE.log} with
 * {@code per_job_logs=0}, {@code .log.fz} with {@code log_store_compressed}), opens them all
 * before any job starts, runs the {@link LogWriter} while the jobs run, and says at the end how
 * many entries were dropped.
 *
 * <p>Thread contract: main thread only. {@link #forClone} while the run is prepared, then
 * {@link #start()}, then {@link #finish} once every job thread has ended.
 */
public final class RunLogs {
    private final Map<Path, LogOutput> files = new LinkedHashMap<>();
    private final List<JobLogs> jobs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private LogWriter writer;
    private AggregateBandwidthLog aggregate;

    /**
     * The logs of one job clone, its files created now.
     *
     * @param displayName  the clone's name in messages
     * @param threadNumber fio's thread_number: 1 for the run's first clone, counting every clone
     * @throws JobSpecException naming the option and the path when a file cannot be created
     */
    public JobLogs forClone(JobSpec spec, String displayName, int threadNumber) {
        LogOptions o = spec.logs();
        if (!o.any()) {
            return JobLogs.NONE;
        }
        if (o.histLog() != null && o.compressedFiles()) {
            // fio 3.33 would store its in-memory pointers to the histograms: nothing could read them back
            throw new JobSpecException(
                    spec.location("log_store_compressed"),
                    "log_store_compressed: histogram logs (write_hist_log) cannot be stored compressed;"
                            + " drop one of the two");
        }
        LogOutput[] outputs = new LogOutput[LogKind.ALL.length];
        open(spec, o, outputs, "write_bw_log", o.bwLog(), threadNumber, LogKind.BW);
        open(spec, o, outputs, "write_iops_log", o.iopsLog(), threadNumber, LogKind.IOPS);
        Measurement m = spec.reporting().measurement();
        // fio's init.c: no log file of a latency kind that is not measured
        open(spec, o, outputs, "write_lat_log", m.lat() ? o.latLog() : null, threadNumber, LogKind.LAT);
        open(spec, o, outputs, "write_lat_log", m.slat() ? o.latLog() : null, threadNumber, LogKind.SLAT);
        open(spec, o, outputs, "write_lat_log", m.clat() ? o.latLog() : null, threadNumber, LogKind.CLAT);
        if (!m.bw() && o.avgMsec() == 0) {
            outputs[LogKind.BW.ordinal()] = null; // fio: disable_bw leaves per-I/O bw rows out; the file stays empty
        }
        open(spec, o, outputs, "write_hist_log", o.histLog(), threadNumber, LogKind.HIST);
        JobLogs logs = new JobLogs(displayName, o, outputs, spec.timing().rampTimeNanos());
        jobs.add(logs);
        names.add(displayName);
        return logs;
    }

    private void open(
            JobSpec spec,
            LogOptions o,
            LogOutput[] outputs,
            String option,
            String prefix,
            int threadNumber,
            LogKind... kinds) {
        if (prefix == null) {
            return;
        }
        for (LogKind kind : kinds) {
            Path path = Path.of(fileName(prefix.isEmpty() ? spec.name() : prefix, kind, threadNumber, o));
            LogOutput out = files.get(path.toAbsolutePath().normalize());
            if (out == null) {
                try {
                    out = LogOutput.open(path, o.compressedFiles() ? o.compressionChunk() : 0);
                } catch (IOException e) {
                    throw new JobSpecException(
                            spec.location(option), option + ": cannot create log file " + path + ": " + reason(e));
                }
                files.put(path.toAbsolutePath().normalize(), out);
            }
            outputs[kind.ordinal()] = out;
        }
    }

    /** fio's gen_log_name. */
    static String fileName(String prefix, LogKind kind, int threadNumber, LogOptions o) {
        String suffix = o.compressedFiles() ? "log.fz" : "log";
        return o.perJobLogs()
                ? prefix + "_" + kind.fileType + "." + threadNumber + "." + suffix
                : prefix + "_" + kind.fileType + "." + suffix;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * {@code --bandwidth-log}: the run's aggregate bandwidth logs ({@code agg-read_bw.log},
     * {@code agg-write_bw.log}, {@code agg-trim_bw.log} in the working directory), created now.
     *
     * @param stats every job clone's statistics, whose byte counts are sampled
     * @throws JobSpecException when a file cannot be created
     */
    public void aggregateBandwidth(List<JobStats> stats) {
        LogOutput[] outputs = new LogOutput[3];
        String[] names = {"agg-read_bw.log", "agg-write_bw.log", "agg-trim_bw.log"};
        for (int d = 0; d < 3; d++) {
            Path path = Path.of(names[d]);
            try {
                outputs[d] = LogOutput.open(path, 0);
            } catch (IOException e) {
                throw new JobSpecException(null, "--bandwidth-log: cannot create log file " + path + ": " + reason(e));
            }
            files.put(path.toAbsolutePath().normalize(), outputs[d]);
        }
        aggregate = new AggregateBandwidthLog(stats, outputs);
    }

    /** Starts the writer thread, if any job writes logs. */
    public void start() {
        if (!jobs.isEmpty() || aggregate != null) {
            writer = new LogWriter(jobs, new ArrayList<>(files.values()), aggregate);
            writer.start();
        }
    }

    /**
     * Drains and closes every file (every job thread has ended), then prints one line per job that
     * dropped entries, and one if a file could not be written.
     *
     * @return whether every entry reached its file
     */
    public boolean finish(PrintStream err) {
        if (jobs.isEmpty() && files.isEmpty()) {
            return true;
        }
        if (writer == null) {
            writer = new LogWriter(jobs, new ArrayList<>(files.values()), aggregate);
        }
        String failure = writer.finish();
        boolean complete = failure == null;
        for (int i = 0; i < jobs.size(); i++) {
            long dropped = jobs.get(i).dropped();
            if (dropped > 0) {
                complete = false;
                err.println("jfio: " + names.get(i) + ": " + dropped + " log entries dropped: the log writer"
                        + " could not keep up (log_avg_msec=0 logs every I/O; a log_avg_msec window keeps them all)");
            }
        }
        if (failure != null) {
            err.println("jfio: " + failure);
        }
        return complete;
    }

    /** Entries dropped by each clone, in the order of {@link #forClone}; read after {@link #finish}. */
    public long[] dropped() {
        long[] out = new long[jobs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = jobs.get(i).dropped();
        }
        return out;
    }
}
