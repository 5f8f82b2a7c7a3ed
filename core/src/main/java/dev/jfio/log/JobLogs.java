package dev.jfio.log;

import dev.jfio.job.LogOptions;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.FioPlatBuckets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log entries of one job clone, as fio's {@code add_*_sample} functions make them: with
 * {@code log_avg_msec=0} one entry per completed I/O into every per-I/O log (bw, iops, slat, clat,
 * lat); otherwise one averaged (or, with {@code log_max_value}, maximum) entry per window and
 * direction; and with {@code write_hist_log} a row of fio's clat histogram bins every
 * {@code log_hist_msec}. Entries go into a preallocated {@link LogRing} that the {@link LogWriter}
 * thread drains; when it is full the entry is dropped and counted.
 *
 * <p>Thread contract: {@link #begin}, {@link #completed}, {@link #tick} and {@link #end} are called
 * by the job's own thread and allocate nothing; {@link #dropped()} is read after that thread has
 * ended. The writer reads the ring and the histogram slots. Times are {@link System#nanoTime()}
 * values; log times are milliseconds since measuring started (after ramp_time), or since the Unix
 * epoch with {@code log_unix_epoch}.
 */
public final class JobLogs {
    /** A job that writes no logs: every call returns at once. */
    public static final JobLogs NONE = new JobLogs();

    static final int IO = 0;
    static final int AVG = 1;
    static final int HIST = 2;

    /** 1 MiB per clone: at 5 M I/Os per second, 3 ms of entries for the writer to catch up. */
    private static final int RING_RECORDS = 16 * 1024;

    private static final int HIST_SLOTS = 16;
    private static final int DIRS = 3;

    final String jobName;
    final LogOptions options;
    /** Per {@link LogKind}: the file, or null when the job does not write that log. */
    final LogOutput[] outputs;

    final LogRing ring;
    private final boolean enabled;
    private final boolean perIo;
    private final boolean averagedLat;
    private final boolean averagedRates;
    private final boolean hist;
    private final long rampNanos;
    private final long avgNanos;
    private final int avgMsec;
    private final boolean maxValue;

    private int begins;
    private boolean measuring;
    private long epochNanos;
    private long baseMillis;
    private long dropped;

    /** [kind SLAT..LAT - SLAT][direction] window of averaged latency logs. */
    private final long[][] winCount = new long[3][DIRS];

    private final double[][] winSum = new double[3][DIRS];
    private final long[][] winMax = new long[3][DIRS];
    private final long[][] winLast = new long[3][DIRS];
    /** Averaged bw/iops: bytes and I/Os completed, and their values when the last sample was taken. */
    private final long[] bytes = new long[DIRS];

    private final long[] ios = new long[DIRS];
    private final long[] sampledBytes = new long[DIRS];
    private final long[] sampledIos = new long[DIRS];
    private long lastSampleNanos;
    /** When the current bw/iops window ends: windows stay on the log_avg_msec grid, as fio's do. */
    private long windowEndNanos;

    /** Histogram counts since the last row, per direction. */
    private final long[][] histCounts;

    private final long[] histLast = new long[DIRS];
    /** Rows of {@link FioPlatBuckets#BINS} longs waiting for the writer. */
    final long[][] histSlots;

    private long histHead;
    /** Histogram rows the writer is done with; written by the writer. */
    final AtomicLong histTail = new AtomicLong();

    private JobLogs() {
        jobName = "";
        options = null;
        outputs = new LogOutput[LogKind.ALL.length];
        ring = null;
        enabled = perIo = averagedLat = averagedRates = hist = maxValue = false;
        rampNanos = avgNanos = 0;
        avgMsec = 0;
        histCounts = null;
        histSlots = null;
    }

    /**
     * @param outputs  per {@link LogKind} the open file, null where the job writes none
     * @param rampNanos ramp_time: nothing is logged before it ends, as fio
     */
    JobLogs(String jobName, LogOptions options, LogOutput[] outputs, long rampNanos) {
        this.jobName = jobName;
        this.options = options;
        this.outputs = outputs.clone();
        this.enabled = true;
        this.rampNanos = rampNanos;
        this.avgMsec = options.avgMsec();
        this.avgNanos = avgMsec * 1_000_000L;
        this.maxValue = options.maxValue();
        boolean rates = outputs[LogKind.BW.ordinal()] != null || outputs[LogKind.IOPS.ordinal()] != null;
        boolean lats = outputs[LogKind.SLAT.ordinal()] != null
                || outputs[LogKind.CLAT.ordinal()] != null
                || outputs[LogKind.LAT.ordinal()] != null;
        this.perIo = avgMsec == 0 && (rates || lats);
        this.averagedLat = avgMsec > 0 && lats;
        this.averagedRates = avgMsec > 0 && rates;
        this.hist = outputs[LogKind.HIST.ordinal()] != null && options.histMsec() > 0;
        this.ring = new LogRing(RING_RECORDS);
        this.histCounts = hist ? new long[DIRS][FioPlatBuckets.BINS] : null;
        this.histSlots = hist ? new long[HIST_SLOTS][FioPlatBuckets.BINS] : null;
    }

    /** Measuring starts (the job starts, or ramp_time ends): log times count from here. */
    public void begin(long nowNanos) {
        if (!enabled) {
            return;
        }
        begins++;
        if (rampNanos > 0 && begins == 1) {
            return;
        }
        measuring = true;
        epochNanos = nowNanos;
        baseMillis = options.unixEpoch() ? System.currentTimeMillis() : 0;
        lastSampleNanos = nowNanos;
        windowEndNanos = nowNanos + avgNanos;
        for (int d = 0; d < DIRS; d++) {
            bytes[d] = ios[d] = sampledBytes[d] = sampledIos[d] = 0;
            histLast[d] = 0;
            if (histCounts != null) {
                Arrays.fill(histCounts[d], 0);
            }
            for (int k = 0; k < 3; k++) {
                winCount[k][d] = 0;
                winSum[k][d] = 0;
                winMax[k][d] = 0;
                winLast[k][d] = 0;
            }
        }
    }

    /**
     * One completed I/O (a data direction; not a flush). Allocation-free.
     *
     * @param bytes  bytes transferred
     * @param slat   submission latency in ns, negative when not measured (synchronous engines)
     * @param clat   completion latency in ns
     * @param lat    total latency in ns
     */
    public void completed(IoOp op, int bytes, long offset, long slat, long clat, long lat, long endNanos) {
        if (!measuring) {
            return;
        }
        int d = op.ordinal();
        long ms = (endNanos - epochNanos) / 1_000_000L;
        if (perIo) {
            int i = ring.claim();
            if (i < 0) {
                dropped++;
            } else {
                long[] r = ring.data();
                r[i] = IO;
                r[i + 1] = ms + baseMillis;
                r[i + 2] = d;
                r[i + 3] = bytes;
                r[i + 4] = offset;
                r[i + 5] = slat;
                r[i + 6] = clat;
                r[i + 7] = lat;
                ring.publish();
            }
        } else if (averagedLat) {
            fold(0, LogKind.SLAT, d, slat, ms);
            fold(1, LogKind.CLAT, d, clat, ms);
            fold(2, LogKind.LAT, d, lat, ms);
        }
        if (averagedRates) {
            this.bytes[d] += bytes;
            ios[d]++;
            tick(endNanos);
        }
        if (hist) {
            histSample(d, bytes, clat, ms);
        }
    }

    /** fio's add_log_sample with log_avg_msec: adds to the window, writes it once it has passed. */
    private void fold(int k, LogKind kind, int d, long value, long ms) {
        if (value < 0 || outputs[kind.ordinal()] == null) {
            return;
        }
        winCount[k][d]++;
        winSum[k][d] += value;
        if (value > winMax[k][d]) {
            winMax[k][d] = value;
        }
        if (ms - winLast[k][d] < avgMsec) {
            return;
        }
        closeWindow(k, kind, d, ms);
        winLast[k][d] = ms - (ms % avgMsec);
    }

    private void closeWindow(int k, LogKind kind, int d, long ms) {
        long n = winCount[k][d];
        if (n == 0) {
            return;
        }
        long v = maxValue ? winMax[k][d] : (long) (winSum[k][d] / n + 0.5);
        average(kind, d, ms, v, 0);
        winCount[k][d] = 0;
        winSum[k][d] = 0;
        winMax[k][d] = 0;
    }

    private void average(LogKind kind, int d, long ms, long value, long bs) {
        int i = ring.claim();
        if (i < 0) {
            dropped++;
            return;
        }
        long[] r = ring.data();
        r[i] = AVG;
        r[i + 1] = ms + baseMillis;
        r[i + 2] = d;
        r[i + 3] = bs;
        r[i + 4] = 0;
        r[i + 5] = kind.ordinal();
        r[i + 6] = value;
        r[i + 7] = 0;
        ring.publish();
    }

    /**
     * The job thread's clock tick: with log_avg_msec, writes the bw and iops entries of the window
     * that has passed (fio's add_bw_samples/add_iops_samples). Allocation-free; cheap when no window ends.
     */
    public void tick(long nowNanos) {
        if (!averagedRates || !measuring || nowNanos - windowEndNanos < 0) {
            return;
        }
        long spent = (nowNanos - lastSampleNanos) / 1_000_000L;
        // stamped at the end of the last window passed, so rows fall on log_avg_msec's grid even when
        // the job thread ticks late under load; the rate is over the time really spent
        long closed = windowEndNanos;
        while (nowNanos - windowEndNanos >= 0) {
            closed = windowEndNanos;
            windowEndNanos += avgNanos;
        }
        long ms = (closed - epochNanos) / 1_000_000L;
        for (int d = 0; d < DIRS; d++) {
            long db = bytes[d] - sampledBytes[d];
            if (db == 0) {
                continue;
            }
            long dios = ios[d] - sampledIos[d];
            // an averaged entry has block size 0, as fio's __add_stat_to_log writes it
            if (outputs[LogKind.BW.ordinal()] != null) {
                average(LogKind.BW, d, ms, spent > 0 ? db * 1000 / spent / 1024 : 0, 0);
            }
            if (outputs[LogKind.IOPS.ordinal()] != null) {
                average(LogKind.IOPS, d, ms, spent > 0 ? dios * 1000 / spent : 0, 0);
            }
            sampledBytes[d] = bytes[d];
            sampledIos[d] = ios[d];
        }
        lastSampleNanos = nowNanos;
    }

    /** fio's add_clat_sample with a hist log: a row of the bins counted since the last row. */
    private void histSample(int d, int bs, long clat, long ms) {
        long[] counts = histCounts[d];
        counts[FioPlatBuckets.index(clat)]++;
        if (histLast[d] == 0) {
            histLast[d] = ms;
        }
        long window = ms - histLast[d];
        if (window < options.histMsec()) {
            return;
        }
        histLast[d] = ms - (window - options.histMsec());
        int i = ring.claim();
        if (i < 0 || histHead - histTail.get() >= HIST_SLOTS) {
            dropped++;
            Arrays.fill(counts, 0);
            return;
        }
        long[] slot = histSlots[(int) (histHead % HIST_SLOTS)];
        System.arraycopy(counts, 0, slot, 0, counts.length);
        Arrays.fill(counts, 0);
        long[] r = ring.data();
        r[i] = HIST;
        r[i + 1] = ms + baseMillis;
        r[i + 2] = d;
        r[i + 3] = bs;
        r[i + 4] = 0;
        r[i + 5] = histHead;
        r[i + 6] = 0;
        r[i + 7] = 0;
        histHead++;
        ring.publish();
    }

    /** The job's I/O is over: the averaged latency windows still open are written (fio's finalize_logs). */
    public void end(long nowNanos) {
        if (!measuring) {
            return;
        }
        measuring = false;
        if (averagedLat) {
            long ms = (nowNanos - epochNanos) / 1_000_000L;
            closeWindows(0, LogKind.SLAT, ms);
            closeWindows(1, LogKind.CLAT, ms);
            closeWindows(2, LogKind.LAT, ms);
        }
    }

    private void closeWindows(int k, LogKind kind, long ms) {
        for (int d = 0; d < DIRS; d++) {
            closeWindow(k, kind, d, ms);
        }
    }

    /** Entries dropped because the writer could not keep up. Read after the job thread has ended. */
    public long dropped() {
        return dropped;
    }

    /** Whether the job writes any log. */
    public boolean enabled() {
        return enabled;
    }
}
