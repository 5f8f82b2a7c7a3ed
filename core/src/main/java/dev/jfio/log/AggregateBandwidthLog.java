package dev.jfio.log;

import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobStats;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code --bandwidth-log}: fio's aggregate bandwidth logs {@code agg-read_bw.log},
 * {@code agg-write_bw.log} and {@code agg-trim_bw.log}, one row per direction every 500 ms with the
 * run's total bandwidth in KiB/s over that interval: {@code time, KiB/s, direction, 0, 0}, times in
 * ms since the run started (fio's eta.c {@code calc_rate} and {@code add_agg_sample}).
 *
 * <p>Thread contract: built on the main thread; {@link #sample} on the {@link LogWriter} thread
 * only, which reads the jobs' published byte counts. Sampling allocates nothing.
 */
final class AggregateBandwidthLog {
    private static final long INTERVAL_NANOS = 500_000_000L;
    private static final IoOp[] DIRS = {IoOp.READ, IoOp.WRITE, IoOp.TRIM};

    private final List<JobStats> jobs;
    private final LogOutput[] outputs;
    private final long[] previous = new long[3];
    private long startNanos;
    private long lastNanos;

    /** @param outputs the read, write and trim files */
    AggregateBandwidthLog(List<JobStats> jobs, LogOutput[] outputs) {
        this.jobs = new ArrayList<>(jobs);
        this.outputs = outputs.clone();
    }

    void start(long nowNanos) {
        startNanos = nowNanos;
        lastNanos = nowNanos;
    }

    /** Writes a row per direction once an interval has passed since the last ones. */
    void sample(long nowNanos) {
        long spent = (nowNanos - lastNanos) / 1_000_000L;
        if (nowNanos - lastNanos <= INTERVAL_NANOS || spent == 0) {
            return;
        }
        long time = (nowNanos - startNanos) / 1_000_000L;
        for (int d = 0; d < DIRS.length; d++) {
            long total = 0;
            for (int j = 0; j < jobs.size(); j++) {
                total += jobs.get(j).liveBytes(DIRS[d]);
            }
            long diff = Math.max(0, total - previous[d]);
            previous[d] = total;
            LogOutput out = outputs[d];
            out.first(time);
            out.next(diff * 1000 / spent / 1024);
            out.next(d);
            out.next(0);
            out.next(0);
            out.endLine();
        }
        lastNanos = nowNanos;
    }
}
