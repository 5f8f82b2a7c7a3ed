package dev.jfio.stats;

/**
 * fio's bandwidth and IOPS samples behind a report's bw_min..bw_samples and
 * iops_min..iops_samples: when a {@code bwavgtime} window is over, one bandwidth sample (KiB/s)
 * per direction that moved bytes in it; when an {@code iopsavgtime} window is over, one IOPS sample
 * per direction that completed I/O in it. A partly filled window at the end is dropped, as fio.
 *
 * <p>Thread contract: single writer, the job's thread; allocation-free after construction. The
 * statistics are read on that thread or after it has ended.
 */
final class RateSamples {
    private final long bwWindowNanos;
    private final long iopsWindowNanos;
    private final int dirs;
    private long bwStart;
    private long iopsStart;
    private final long[] bwBytes;
    private final long[] iopsIos;
    final RunningStats[] bw;
    final RunningStats[] iops;

    RateSamples(int dirs, long bwWindowNanos, long iopsWindowNanos) {
        if (bwWindowNanos <= 0 || iopsWindowNanos <= 0) {
            throw new IllegalArgumentException("sample windows must be positive");
        }
        this.dirs = dirs;
        this.bwWindowNanos = bwWindowNanos;
        this.iopsWindowNanos = iopsWindowNanos;
        bwBytes = new long[dirs];
        iopsIos = new long[dirs];
        bw = new RunningStats[dirs];
        iops = new RunningStats[dirs];
        for (int d = 0; d < dirs; d++) {
            bw[d] = new RunningStats();
            iops[d] = new RunningStats();
        }
    }

    /** Measuring (re)starts: no samples, windows open now (the counters were reset to 0). */
    void begin(long nowNanos) {
        for (int d = 0; d < dirs; d++) {
            bwBytes[d] = 0;
            iopsIos[d] = 0;
            bw[d].reset();
            iops[d].reset();
        }
        bwStart = nowNanos;
        iopsStart = nowNanos;
    }

    /** Closes whichever window is over, given the job's running totals. Usually two compares. */
    void tick(long nowNanos, long[] bytes, long[] ios) {
        long bwSpent = nowNanos - bwStart;
        if (bwSpent >= bwWindowNanos) {
            for (int d = 0; d < dirs; d++) {
                long delta = bytes[d] - bwBytes[d];
                if (delta != 0) {
                    bw[d].add((long) ((double) delta * 1e9 / bwSpent / 1024));
                }
                bwBytes[d] = bytes[d];
            }
            bwStart = nowNanos;
        }
        long iopsSpent = nowNanos - iopsStart;
        if (iopsSpent >= iopsWindowNanos) {
            for (int d = 0; d < dirs; d++) {
                long delta = ios[d] - iopsIos[d];
                if (delta != 0) {
                    iops[d].add((long) ((double) delta * 1e9 / iopsSpent));
                }
                iopsIos[d] = ios[d];
            }
            iopsStart = nowNanos;
        }
    }
}
