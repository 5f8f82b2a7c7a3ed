package dev.jfio.stats;

import dev.jfio.job.IoOps;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A job's measurements per interval (1 s unless {@code hdr_log_msec} says otherwise): the
 * {@link IntervalSeries} of the JSON report and, with {@code write_hdr_log}, the intervals of the
 * {@link HdrIntervalLog}.
 *
 * <p>Nothing is recorded twice: at the end of each interval the job thread takes the difference
 * between each live latency histogram and a copy of it taken at the previous interval's end
 * ({@link LatencyRecorder#intervalInto}), so the per-I/O path is untouched and the cost is a few
 * passes over the histograms' counts per interval. Without a log, only the completion latency is
 * taken, into histograms of two significant digits (1% resolution, 21 KiB each): enough for the
 * series' percentiles. With a log, every measured kind is taken at the live histograms' full
 * resolution, so the log holds exactly what was recorded.
 *
 * <p>Thread contract: job thread only, like {@link JobStats}, which calls {@link #begin},
 * {@link #tick} and {@link #end}; allocation-free except when a histogram or the series grows.
 * {@link #configure} runs before the job thread starts.
 */
final class IntervalStats {
    static final long DEFAULT_INTERVAL_NANOS = 1_000_000_000L;

    private static final int DIRS = 3;
    private static final int SERIES_DIGITS = 2;
    private static final String[] KIND_TAGS = {"slat", "clat", "lat", "sched_lat"};

    private final LatencyRecorder[][] recorders;
    private final boolean[] used;
    private final long[] bytes;
    private final long[] ios;
    private final long[] lastBytes = new long[DIRS];
    private final long[] lastIos = new long[DIRS];
    private final long[] deltaBytes = new long[DIRS];
    private final long[] deltaIos = new long[DIRS];
    /** Per direction, the interval histogram of its completion latency. */
    private final Histogram[] clat = new Histogram[DIRS];

    private long intervalNanos;
    private SeriesBuilder series;
    private int[] slotDir;
    private int[] slotKind;
    private Histogram[] previous;
    private Histogram[] interval;

    private HdrIntervalLog log;
    /** Intervals the log could not take yet (its writer was behind); null until needed. */
    private Histogram[] pending;

    private long pendingStart = -1;
    private long beginNanos;
    /** {@link #beginNanos} on the wall clock (epoch ns), to place the series on it. */
    private long beginWallNanos;

    private long intervalStart;

    /**
     * @param recorders JobStats' recorders, [direction][kind]
     * @param bytes JobStats' bytes per direction, read at each interval's end
     * @param ios JobStats' I/Os per direction, read at each interval's end
     */
    IntervalStats(LatencyRecorder[][] recorders, boolean[] used, long[] bytes, long[] ios) {
        this.recorders = recorders;
        this.used = used;
        this.bytes = bytes;
        this.ios = ios;
        configure(DEFAULT_INTERVAL_NANOS, null);
    }

    /** Sets the interval and the log (or none). Before the job thread starts. */
    void configure(long intervalNanos, HdrIntervalLog log) {
        if (intervalNanos <= 0) {
            throw new IllegalArgumentException("the interval must be positive, got " + intervalNanos + " ns");
        }
        this.intervalNanos = intervalNanos;
        this.log = log;
        this.series = new SeriesBuilder(intervalNanos / 1_000_000, used);
        List<int[]> slots = new ArrayList<>();
        for (int d = 0; d < DIRS; d++) {
            for (int k = 0; recorders[d] != null && k < recorders[d].length; k++) {
                if (recorders[d][k] != null && (log != null || k == JobStats.CLAT)) {
                    slots.add(new int[] {d, k});
                }
            }
        }
        int n = slots.size();
        slotDir = new int[n];
        slotKind = new int[n];
        previous = new Histogram[n];
        interval = new Histogram[n];
        pending = null;
        int digits = log == null ? SERIES_DIGITS : LatencyRecorder.SIGNIFICANT_DIGITS;
        for (int s = 0; s < n; s++) {
            slotDir[s] = slots.get(s)[0];
            slotKind[s] = slots.get(s)[1];
            previous[s] = LatencyRecorder.newIntervalHistogram(digits);
            interval[s] = LatencyRecorder.newIntervalHistogram(digits);
            if (slotKind[s] == JobStats.CLAT) {
                clat[slotDir[s]] = interval[s];
            }
        }
    }

    /** The tags of the log's histograms, in {@link HdrIntervalLog#offer} order ("read.clat"), for a log of these recorders. */
    static List<String> logTags(LatencyRecorder[][] recorders) {
        List<String> tags = new ArrayList<>();
        for (int d = 0; d < DIRS; d++) {
            for (int k = 0; recorders[d] != null && k < recorders[d].length; k++) {
                if (recorders[d][k] != null) {
                    tags.add(IoOps.jsonName(IoOps.DATA[d]) + "." + KIND_TAGS[k]);
                }
            }
        }
        return tags;
    }

    /** Measuring (re)starts: after JobStats reset its recorders and counts. */
    void begin(long nowNanos) {
        for (Histogram h : previous) {
            h.reset();
        }
        if (pending != null) {
            for (Histogram h : pending) {
                h.reset();
            }
        }
        pendingStart = -1;
        for (int d = 0; d < DIRS; d++) {
            lastBytes[d] = 0;
            lastIos[d] = 0;
        }
        series.clear();
        if (log != null) {
            log.start(nowNanos);
        }
        beginNanos = nowNanos;
        java.time.Instant wall = java.time.Instant.now(); // once per measuring start, never per I/O
        beginWallNanos = wall.getEpochSecond() * 1_000_000_000L + wall.getNano() - (System.nanoTime() - nowNanos);
        intervalStart = nowNanos;
    }

    /** Closes the interval when it is over. Usually one compare. */
    void tick(long nowNanos) {
        if (nowNanos - intervalStart >= intervalNanos) {
            roll(nowNanos, false);
        }
    }

    /**
     * Measuring stops: the last, partial, interval is taken (in the series, one shorter than half
     * an interval joins the point before, so that the drain at the end does not show as a dip), and
     * what the log could not take yet is handed to it (waiting up to a second for its writer).
     */
    void end(long nowNanos) {
        if (nowNanos > intervalStart) {
            roll(nowNanos, true);
        } else if (log != null && pendingStart >= 0 && log.awaitFreeFrame()) {
            offerPending(intervalStart);
        }
    }

    private void roll(long nowNanos, boolean last) {
        for (int s = 0; s < interval.length; s++) {
            recorders[slotDir[s]][slotKind[s]].intervalInto(previous[s], interval[s]);
        }
        for (int d = 0; d < DIRS; d++) {
            deltaBytes[d] = bytes[d] - lastBytes[d];
            deltaIos[d] = ios[d] - lastIos[d];
            lastBytes[d] = bytes[d];
            lastIos[d] = ios[d];
        }
        series.add(
                (intervalStart - beginNanos) / 1_000_000,
                (nowNanos - intervalStart) / 1_000_000,
                deltaIos,
                deltaBytes,
                clat,
                last && nowNanos - intervalStart < intervalNanos / 2);
        if (log != null) {
            toLog(nowNanos, last);
        }
        intervalStart = nowNanos;
    }

    private void toLog(long nowNanos, boolean last) {
        if (pendingStart < 0) {
            if (log.offer(interval, intervalStart, nowNanos)) {
                return;
            }
            pendingStart = intervalStart;
            if (pending == null) {
                pending = new Histogram[interval.length];
                for (int s = 0; s < pending.length; s++) {
                    pending[s] = LatencyRecorder.newIntervalHistogram(LatencyRecorder.SIGNIFICANT_DIGITS);
                }
            }
        }
        for (int s = 0; s < pending.length; s++) {
            pending[s].add(interval[s]);
        }
        if (!last || log.awaitFreeFrame()) {
            offerPending(nowNanos);
        }
    }

    private void offerPending(long endNanos) {
        if (log.offer(pending, pendingStart, endNanos)) {
            for (Histogram h : pending) {
                h.reset();
            }
            pendingStart = -1;
        }
    }

    /** The series so far (a copy). */
    IntervalSeries series() {
        return series.snapshot(beginWallNanos);
    }
}
