package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.job.Measurement;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Everything one job clone measures: per direction the bytes, I/Os and latencies (slat, clat, lat,
 * and sched_lat for rate-limited jobs; each can be switched off as fio's gtod_reduce and disable_*),
 * bandwidth and IOPS samples ({@link RateSamples}), errors, fio's depth/batch/latency distributions
 * and the sync (FLUSH) latencies.
 *
 * <p>Thread contract: single writer. Every {@code record*}, {@link #begin}, {@link #tick},
 * {@link #end} and {@link #compact} call comes from the job's own thread; the recording methods allocate nothing.
 * Other threads may call {@link #liveBytes}, {@link #liveIos} (values published with lazySet) and
 * {@link #requestStatus}. Results ({@link #snapshotDirections()}, {@link JobResultBuilder#build})
 * are read on the job thread or after it has ended (Thread.join gives the needed happens-before).
 *
 * <p>Times are {@link System#nanoTime()} values; latencies are nanoseconds.
 */
public final class JobStats {
    static final int SLAT = 0;
    static final int CLAT = 1;
    static final int LAT = 2;
    static final int SCHED = 3;
    private static final int KINDS = 4;
    private static final int DIRS = 3;

    private final boolean[] used = new boolean[DIRS];
    /** [direction][kind], null where the direction or kind is not measured. */
    private final LatencyRecorder[][] recorders = new LatencyRecorder[DIRS][];

    private LatencyRecorder sync;
    private final PriorityLatencies priorities = new PriorityLatencies(DIRS);

    private final long[] bytes = new long[DIRS];
    private final long[] ios = new long[DIRS];
    private final long[] shortIos = new long[DIRS];
    private final long[] errors = new long[DIRS];
    private final RawCounts counts = new RawCounts();
    private long totalErrors;
    private int firstError;

    /** bytes per direction, then completed I/Os per direction. */
    private final AtomicLongArray live = new AtomicLongArray(2 * DIRS);

    private final RateSamples samples;
    private final boolean clatMeasured;
    /** Null unless the job has steadystate_duration. */
    final SteadyStateDetector steady;

    private long beginNanos;
    private long endNanos;
    private boolean ended;

    private volatile StatusRequest statusRequest;

    private final IntervalStats periodic; // the JSON series and write_hdr_log's intervals

    /** Figures per interval for a reader thread (--interval-stats), or null when nobody takes them. */
    private IntervalHistograms intervals;

    /**
     * @param usedDirs which directions the job does, indexed by {@link IoOp#ordinal()}
     * @param slat whether the engine is asynchronous (submission latency is measured)
     * @param rateLimited whether latency from each I/O's scheduled time is measured too
     * @param maxDepth the job's iodepth (at least 1)
     */
    public JobStats(boolean[] usedDirs, boolean slat, boolean rateLimited, int maxDepth) {
        this(usedDirs, slat, rateLimited, maxDepth, Measurement.DEFAULT);
    }

    /**
     * @param measure which latencies are measured at all (a kind switched off gets no recorder, and
     *     its samples cost nothing), and the bandwidth and IOPS sample windows
     */
    public JobStats(boolean[] usedDirs, boolean slat, boolean rateLimited, int maxDepth, Measurement measure) {
        if (usedDirs.length != DIRS) {
            throw new IllegalArgumentException("usedDirs must have one entry per direction (read, write, trim)");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("iodepth must be at least 1, got " + maxDepth);
        }
        clatMeasured = measure.clat();
        steady = measure.steadyState() == null ? null : new SteadyStateDetector(measure.steadyState());
        samples = new RateSamples(DIRS, measure.bwAvgMillis() * 1_000_000L, measure.iopsAvgMillis() * 1_000_000L);
        for (int d = 0; d < DIRS; d++) {
            used[d] = usedDirs[d];
            if (!used[d]) {
                continue;
            }
            LatencyRecorder[] kinds = new LatencyRecorder[KINDS];
            if (measure.clat()) {
                kinds[CLAT] = new LatencyRecorder();
            }
            if (measure.lat()) {
                kinds[LAT] = new LatencyRecorder();
            }
            if (slat && measure.slat()) {
                kinds[SLAT] = new LatencyRecorder();
            }
            if (rateLimited && measure.lat()) {
                kinds[SCHED] = new LatencyRecorder();
            }
            recorders[d] = kinds;
        }
        periodic = new IntervalStats(recorders, used, bytes, ios);
    }

    /** The interval of the series and of write_hdr_log's log, which {@code log} opens for the tags it gets (null: none). Main thread. */
    public void configureIntervals(long intervalNanos, Function<List<String>, HdrIntervalLog> log) {
        periodic.configure(intervalNanos, log == null ? null : log.apply(IntervalStats.logTags(recorders)));
    }

    /** Measuring starts (after ramp_time): everything recorded so far is discarded. */
    public void begin(long nowNanos) {
        for (int d = 0; d < DIRS; d++) {
            bytes[d] = 0;
            ios[d] = 0;
            shortIos[d] = 0;
            errors[d] = 0;
            live.lazySet(d, 0);
            live.lazySet(DIRS + d, 0);
        }
        eachRecorder(LatencyRecorder::reset);
        counts.reset();
        totalErrors = 0;
        firstError = 0;
        beginNanos = nowNanos;
        samples.begin(nowNanos);
        if (steady != null) {
            steady.begin(nowNanos);
        }
        ended = false;
        periodic.begin(nowNanos);
        if (intervals != null) {
            intervals.restart(nowNanos);
        }
    }

    /**
     * Keeps figures per interval as well, for a reader thread ({@link IntervalHistograms}). Call
     * before the job thread starts (Thread.start publishes it), once: one thread takes the intervals.
     *
     * @param hasRamp whether the job has ramp_time (its first {@link #begin} is not measuring yet)
     * @return the intervals to take
     */
    public IntervalHistograms keepIntervals(boolean hasRamp) {
        if (intervals != null) {
            throw new IllegalStateException("the intervals of a job are taken by one reader");
        }
        intervals = new IntervalHistograms(used, hasRamp);
        return intervals;
    }

    /** The last interval (all since the one taken before), once the job thread has ended, on the intervals' thread. */
    public IntervalHistograms.Interval lastInterval() {
        return intervals.rest(endNanos(), bytes, ios);
    }

    /**
     * One completed I/O. Allocation-free.
     *
     * @param bytes bytes transferred; fewer than {@code requestedBytes} makes it a short I/O
     * @param slatNanos submission latency, or negative when not measured (synchronous engines)
     * @param clatNanos completion latency (submission to completion)
     * @param latNanos total latency (start to completion)
     * @param schedLatNanos latency from the I/O's scheduled time, or negative when not rate limited
     */
    public void recordIo(
            IoOp dir,
            int bytes,
            int requestedBytes,
            long slatNanos,
            long clatNanos,
            long latNanos,
            long schedLatNanos) {
        int d = dir.ordinal();
        LatencyRecorder[] kinds = kindsOf(dir, "I/O");
        long b = this.bytes[d] + bytes;
        long n = ios[d] + 1;
        this.bytes[d] = b;
        ios[d] = n;
        if (bytes < requestedBytes) {
            shortIos[d]++;
        }
        if (slatNanos >= 0 && kinds[SLAT] != null) {
            kinds[SLAT].record(slatNanos);
        }
        if (kinds[CLAT] != null) {
            kinds[CLAT].record(clatNanos);
            if (intervals != null) {
                intervals.record(d, clatNanos);
            }
            counts.markLatency(clatNanos); // fio's io_u_mark_latency, under !disable_clat as well
        }
        if (kinds[LAT] != null) {
            kinds[LAT].record(latNanos);
        }
        if (schedLatNanos >= 0 && kinds[SCHED] != null) {
            kinds[SCHED].record(schedLatNanos);
        }
        live.lazySet(d, b);
        live.lazySet(DIRS + d, n);
    }

    /**
     * One completed I/O that is counted but not timed: the I/O of an engine whose measured
     * operation is the open of a file (fio's FIO_NOSTATS), so neither its latencies nor the
     * latency distribution get a sample. Allocation-free.
     *
     * @param bytes bytes transferred; fewer than {@code requestedBytes} makes it a short I/O
     */
    public void recordUntimedIo(IoOp dir, int bytes, int requestedBytes) {
        int d = dir.ordinal();
        kindsOf(dir, "I/O");
        long b = this.bytes[d] + bytes;
        long n = ios[d] + 1;
        this.bytes[d] = b;
        ios[d] = n;
        if (bytes < requestedBytes) {
            shortIos[d]++;
        }
        live.lazySet(d, b);
        live.lazySet(DIRS + d, n);
    }

    /**
     * One timed file operation (a file created, looked up or deleted when an engine opens it): a
     * completion latency sample of {@code dir} and nothing else, as fio's file-operation engines
     * add a clat sample and leave the I/O counts, the total latency and the latency distribution
     * alone. Allocation-free.
     */
    public void recordOperation(IoOp dir, long nanos) {
        LatencyRecorder[] kinds = kindsOf(dir, "operation");
        if (kinds[CLAT] == null) {
            return;
        }
        kinds[CLAT].record(nanos);
        if (intervals != null) {
            intervals.record(dir.ordinal(), nanos);
        }
    }

    private LatencyRecorder[] kindsOf(IoOp dir, String what) {
        LatencyRecorder[] kinds = recorders[dir.ordinal()];
        if (kinds == null) {
            throw new IllegalStateException(
                    what + " recorded for direction " + IoOps.jsonName(dir) + ", which the job does not do");
        }
        return kinds;
    }

    /** A failed I/O: counted in the direction's errors, the job's total_err and first_error. Allocation-free. */
    public void recordError(IoOp dir, int errno) {
        errors[dir.ordinal()]++;
        totalErrors++;
        if (firstError == 0) {
            firstError = errno;
        }
    }

    /** A completed FLUSH: fio's "sync" section (total_ios and lat_ns). Allocation-free after the first. */
    public void recordSync(long latNanos) {
        counts.issued[3]++;
        if (!clatMeasured) {
            return; // fio: no sync latency under disable_clat
        }
        if (sync == null) {
            sync = new LatencyRecorder();
        }
        sync.record(latNanos);
    }

    /** An I/O was issued (fio's issued rwts, and each direction's total_ios). Allocation-free. */
    public void recordIssue(IoOp dir) {
        counts.issued[dir.ordinal()]++;
    }

    /** I/Os issued in {@code dir} since measuring began (fio's io_issues, verify reads included). */
    public long issued(IoOp dir) {
        return counts.issued[dir.ordinal()];
    }

    /** The queue depth when an I/O is submitted (fio's iodepth_level). Allocation-free. */
    public void recordDepth(int depthAtSubmit) {
        counts.depth[Buckets.depthIndex(depthAtSubmit)]++;
    }

    /** {@code n} I/Os pushed out by one commit (fio's iodepth_submit). Allocation-free. */
    public void recordSubmitBatch(int n) {
        counts.submit[Buckets.batchIndex(n)]++;
        counts.submitCalls++;
    }

    /** {@code n} completions reaped by one getEvents (fio's iodepth_complete). Allocation-free. */
    public void recordCompleteBatch(int n) {
        counts.complete[Buckets.batchIndex(n)]++;
        counts.completeCalls++;
    }

    /**
     * Call often from the job loop: closes the bandwidth or IOPS sample window that is over
     * ({@link RateSamples}), and serves a pending {@link #requestStatus} request. A few compares.
     */
    public void tick(long nowNanos) {
        samples.tick(nowNanos, bytes, ios);
        if (steady != null) {
            steady.tick(nowNanos, bytes, ios);
        }
        periodic.tick(nowNanos);
        if (statusRequest != null) {
            serveStatus(nowNanos);
        }
        if (intervals != null) {
            intervals.tick(nowNanos, bytes, ios);
        }
    }

    /**
     * Measuring stops. A partly filled sample window is dropped, as fio does; the runtime of each
     * direction that moved bytes is end - begin. Nothing is recorded after this; {@link #compact}
     * then frees the dense histograms.
     */
    public void end(long nowNanos) {
        periodic.end(nowNanos);
        endNanos = nowNanos;
        ended = true;
    }

    /**
     * The job is over: packs the latency histograms, so that a finished job holds kilobytes rather
     * than its dense histograms. Nothing may be recorded afterwards. Job thread, once, after
     * {@link #end} and after the job's CPU usage was sampled: packing takes tens of milliseconds
     * of mostly cold code (about 100 ms for a few thousand buckets), which would add microseconds
     * to the CPU per I/O of a short job; fio's usr/sys stop with the I/O too.
     */
    public void compact() {
        eachRecorder(LatencyRecorder::finish);
    }

    /** Bytes the latency histograms hold now: what memory a job's statistics cost, for tests. */
    long histogramFootprintBytes() {
        long[] bytes = {0};
        eachRecorder(r -> bytes[0] += r.footprintBytes());
        return bytes[0];
    }

    private void eachRecorder(Consumer<LatencyRecorder> action) {
        for (LatencyRecorder[] kinds : recorders) {
            for (int k = 0; kinds != null && k < kinds.length; k++) {
                if (kinds[k] != null) {
                    action.accept(kinds[k]);
                }
            }
        }
        if (sync != null) {
            action.accept(sync);
        }
        priorities.each(action);
    }

    /** Keeps latencies per I/O priority too (the engine gives some I/Os another: cmdprio_*). Before the job thread starts. */
    public void keepPriorities() {
        priorities.enable();
    }

    /** {@link #recordIo(IoOp, int, int, long, long, long, long)} for {@code unit}, whose priority counts too. */
    public void recordIo(IoOp dir, IoUnit unit, long slatNanos, long clatNanos, long latNanos, long schedLatNanos) {
        recordIo(dir, unit.result(), unit.length(), slatNanos, clatNanos, latNanos, schedLatNanos);
        priorities.record(dir.ordinal(), unit.priority(), clatNanos, latNanos);
    }

    /** Bytes completed in a direction since {@link #begin}. Any thread. */
    public long liveBytes(IoOp d) {
        return live.get(d.ordinal());
    }

    /** I/Os completed in a direction since {@link #begin}. Any thread. */
    public long liveIos(IoOp d) {
        return live.get(DIRS + d.ordinal());
    }

    /**
     * Asks the job thread for a cumulative result as of its next {@link #tick} (for
     * --status-interval). Any thread. The future never completes if the job thread does not tick
     * again (it ended): wait with a timeout and use the final result then.
     *
     * @param cpuAtBegin the job thread's usage when it started
     * @param cpu samples the job thread's usage; called on the job thread, as it serves the request
     */
    public CompletableFuture<JobResult> requestStatus(JobInfo info, CpuSample cpuAtBegin, CpuSampler cpu) {
        StatusRequest r = new StatusRequest(info, cpuAtBegin, cpu);
        statusRequest = r;
        return r.future;
    }

    private void serveStatus(long nowNanos) {
        StatusRequest r = statusRequest;
        statusRequest = null;
        if (r != null) {
            try {
                r.future.complete(JobResultBuilder.build(r.info, this, r.cpuAtBegin, r.cpu.sample(), nowNanos));
            } catch (RuntimeException e) {
                r.future.completeExceptionally(e);
            }
        }
    }

    /** READ, WRITE, TRIM as of {@link #end} (or as of the last begin if never ended). */
    public DirectionResult[] snapshotDirections() {
        return directions(ended ? endNanos : beginNanos);
    }

    DirectionResult[] directions(long asOfNanos) {
        long elapsedNanos = Math.max(0, asOfNanos - beginNanos);
        // fio rounds each direction's runtime up to the next millisecond (backend.c update_runtime)
        long runtimeMillis = (elapsedNanos / 1000 + 999) / 1000;
        DirectionResult[] out = new DirectionResult[DIRS];
        for (int d = 0; d < DIRS; d++) {
            IoOp dir = IoOps.DATA[d];
            LatencyRecorder[] kinds = recorders[d];
            if (kinds == null) {
                out[d] = DirectionResult.empty(dir);
                continue;
            }
            out[d] = priorities.attach(
                    d,
                    new DirectionResult(
                            dir,
                            bytes[d],
                            counts.issued[d],
                            shortIos[d],
                            0,
                            bytes[d] > 0 ? runtimeMillis : 0,
                            result(kinds[SLAT]),
                            result(kinds[CLAT]),
                            result(kinds[LAT]),
                            kinds[SCHED] == null ? null : kinds[SCHED].result(),
                            samples.bw[d].toSampleStats(),
                            samples.iops[d].toSampleStats(),
                            errors[d]));
        }
        return out;
    }

    private static LatencyResult result(LatencyRecorder r) {
        return r == null ? LatencyResult.EMPTY : r.result();
    }

    /** The per-interval series so far (a copy). Job thread, or after it has ended. */
    IntervalSeries series() {
        return periodic.series();
    }

    LatencyResult syncResult() {
        return result(sync);
    }

    /** Measured time in whole milliseconds (fio's job_runtime / total_run_time). */
    long runtimeMillis(long asOfNanos) {
        return Math.max(0, asOfNanos - beginNanos) / 1_000_000;
    }

    long endNanos() {
        return ended ? endNanos : beginNanos;
    }

    RawCounts counts() {
        return counts;
    }

    /** Whether the job attained steady state (it then ends, as fio). Job thread. */
    public boolean steadyStateAttained() {
        return steady != null && steady.attained();
    }

    /** The steady-state figures, or null without steadystate_duration. Job thread, or after it ended. */
    SteadyStateResult steadyState() {
        return steady == null ? null : steady.result();
    }

    /** fio's total_err: the failed I/Os counted so far. Job thread, or after the job ended. */
    public long totalErrors() {
        return totalErrors;
    }

    /** fio's first_error: the errno of the first counted failure, 0 if none. Job thread, or after the job ended. */
    public int firstError() {
        return firstError;
    }
}
