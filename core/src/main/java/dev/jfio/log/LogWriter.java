package dev.jfio.log;

import dev.jfio.stats.FioPlatBuckets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that drains every job's {@link LogRing} into its {@link LogOutput}s, formatting each
 * entry as fio's {@code flush_samples} / {@code flush_hist_samples} print it:
 * {@code time, value, direction, block size[, offset], priority} and, for histogram rows,
 * {@code time, direction, block size, bin, bin, ...}. Runs from {@link #start()} until
 * {@link #finish()}, which drains what is left and closes the files. Steady-state draining
 * allocates nothing (so the run's garbage-free hot path stays garbage-free with logs on).
 *
 * <p>Thread contract: {@link #start()} and {@link #finish()} from the main thread; everything else
 * on the writer thread.
 */
final class LogWriter implements Runnable {
    private static final long IDLE_PARK_NANOS = 200_000L;
    /** Entries drained from one job before looking at the next. */
    private static final int BATCH = 4096;

    private final List<JobLogs> jobs;
    private final long[] consumed;
    private final List<LogOutput> files;
    /** Null without --bandwidth-log. */
    private final AggregateBandwidthLog aggregate;

    private volatile boolean stopping;
    private Thread thread;

    LogWriter(List<JobLogs> jobs, List<LogOutput> files, AggregateBandwidthLog aggregate) {
        this.aggregate = aggregate;
        this.jobs = new ArrayList<>(jobs);
        this.consumed = new long[jobs.size()];
        this.files = new ArrayList<>(files);
    }

    void start() {
        if (aggregate != null) {
            aggregate.start(System.nanoTime());
        }
        thread = new Thread(this, "jfio-log-writer");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Waits for the writer to drain every ring (the job threads have ended) and closes the files.
     *
     * @return the first file that failed to be written, with the failure, or null
     */
    String finish() {
        stopping = true;
        if (thread != null) {
            LockSupport.unpark(thread);
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        } else {
            while (drainAll() > 0) {
                // the writer never started (the run stopped before its jobs): what was logged
            }
        }
        String failure = null;
        for (LogOutput f : files) {
            try {
                f.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = "writing log file " + f.path + ": " + e.getMessage();
                }
            }
        }
        return failure;
    }

    @Override
    public void run() {
        while (!stopping) {
            if (aggregate != null) {
                aggregate.sample(System.nanoTime());
            }
            if (drainAll() == 0) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
            }
        }
        while (drainAll() > 0) {
            // what the jobs logged before they ended
        }
    }

    private int drainAll() {
        int total = 0;
        for (int j = 0; j < jobs.size(); j++) {
            total += drain(j);
        }
        return total;
    }

    private int drain(int j) {
        JobLogs job = jobs.get(j);
        LogRing ring = job.ring;
        long n = consumed[j];
        long avail = Math.min(ring.available(n), BATCH);
        long[] r = ring.data();
        for (long k = 0; k < avail; k++) {
            int i = ring.slot(n + k);
            switch ((int) r[i]) {
                case JobLogs.IO -> perIo(job, r, i);
                case JobLogs.AVG -> line(job, job.outputs[(int) r[i + 5]], r[i + 1], r[i + 6], r[i + 2], r[i + 3], 0);
                default -> histRow(job, r, i);
            }
        }
        consumed[j] = n + avail;
        ring.release(n + avail);
        return (int) avail;
    }

    private static void perIo(JobLogs job, long[] r, int i) {
        LogOutput[] out = job.outputs;
        long time = r[i + 1];
        long dir = r[i + 2];
        long bs = r[i + 3];
        long offset = r[i + 4];
        long slat = r[i + 5];
        long clat = r[i + 6];
        if (out[LogKind.BW.ordinal()] != null) {
            // fio's add_bw_sample: bytes * 1000000 / clat in ns
            long rate = clat > 0 ? bs * 1_000_000L / clat : 0;
            line(job, out[LogKind.BW.ordinal()], time, rate, dir, bs, offset);
        }
        if (out[LogKind.IOPS.ordinal()] != null) {
            line(job, out[LogKind.IOPS.ordinal()], time, 1, dir, bs, offset);
        }
        if (out[LogKind.SLAT.ordinal()] != null && slat >= 0) {
            line(job, out[LogKind.SLAT.ordinal()], time, slat, dir, bs, offset);
        }
        if (out[LogKind.CLAT.ordinal()] != null) {
            line(job, out[LogKind.CLAT.ordinal()], time, clat, dir, bs, offset);
        }
        if (out[LogKind.LAT.ordinal()] != null) {
            line(job, out[LogKind.LAT.ordinal()], time, r[i + 7], dir, bs, offset);
        }
    }

    private static void line(JobLogs job, LogOutput out, long time, long value, long dir, long bs, long offset) {
        if (out.binary()) {
            out.sample(time, value, dir, bs, offset, job.options.offset(), job.options.prio());
            return;
        }
        out.first(time);
        out.next(value);
        out.next(dir);
        out.next(bs);
        if (job.options.offset()) {
            out.next(offset);
        }
        if (job.options.prio()) {
            out.nextHex4(0); // jfio sets no I/O priorities: fio's value for the default class
        } else {
            out.next(0);
        }
        out.endLine();
    }

    private static void histRow(JobLogs job, long[] r, int i) {
        LogOutput out = job.outputs[LogKind.HIST.ordinal()];
        long[] bins = job.histSlots[(int) (r[i + 5] % job.histSlots.length)];
        int stride = 1 << job.options.histCoarseness();
        out.firstOfMany(r[i + 1], FioPlatBuckets.BINS / stride);
        out.next(r[i + 2]);
        out.next(r[i + 3]);
        for (int b = 0; b < FioPlatBuckets.BINS; b += stride) {
            long sum = 0;
            for (int k = 0; k < stride; k++) {
                sum += bins[b + k];
            }
            out.next(sum);
        }
        out.endLine();
        job.histTail.lazySet(r[i + 5] + 1);
    }
}
