package dev.jfio.report;

import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.BlockSizeRange;
import dev.jfio.stats.CpuResult;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.PercentileConfig;
import dev.jfio.stats.SampleStats;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/** A mutable stand-in for the stats code: tests set what they need and build a JobResult by hand. */
final class JobFixture {

    static final double[] P = PercentileConfig.DEFAULT_POINTS;

    String name = "job";
    int groupId;
    int jobs = 1;
    int error;
    String errorMessage;
    Map<String, String> jobOptions = new LinkedHashMap<>();
    String description;
    String ioengine = "null";
    int iodepth = 1;
    long pid = 1;
    long start = Instant.parse("2026-11-23T21:17:07Z").toEpochMilli();
    DirectionResult[] dirs = {
        DirectionResult.empty(IoOp.READ), DirectionResult.empty(IoOp.WRITE), DirectionResult.empty(IoOp.TRIM)
    };
    LatencyResult syncLat = LatencyResult.EMPTY;
    long syncIos;
    CpuResult cpu = CpuResult.EMPTY;
    long jobRuntime;
    long elapsed;
    double[] depth = new double[7];
    double[] submit = new double[7];
    double[] complete = new double[7];
    double[] latNs = new double[10];
    double[] latUs = new double[10];
    double[] latMs = new double[12];
    long totalErrors;
    int firstError;
    boolean continueOnError;
    PercentileConfig percentiles = PercentileConfig.DEFAULT;
    Map<String, String> engineProperties = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();
    long drainTimeoutMillis = -1;

    JobResult build() {
        long[] issued = {dirs[0].totalIos(), dirs[1].totalIos(), dirs[2].totalIos(), syncIos};
        return new JobResult(
                name,
                groupId,
                jobs,
                error,
                errorMessage,
                jobOptions,
                description,
                ioengine,
                "randrw",
                new BlockSizeRange(new int[] {4096, 4096, 4096}, new int[] {4096, 4096, 4096}),
                iodepth,
                pid,
                start,
                dirs,
                syncLat,
                syncIos,
                cpu,
                jobRuntime,
                elapsed,
                depth,
                submit,
                complete,
                latNs,
                latUs,
                latMs,
                issued,
                continueOnError || totalErrors > 0,
                totalErrors,
                firstError,
                percentiles,
                false,
                engineProperties,
                notes,
                null,
                drainTimeoutMillis,
                null,
                UnifiedRw.NONE,
                4,
                null,
                null);
    }

    static DirectionResult dir(
            IoOp d,
            long ios,
            long runtime,
            LatencyResult slat,
            LatencyResult clat,
            LatencyResult lat,
            SampleStats bw,
            SampleStats iops) {
        return new DirectionResult(d, ios * 4096, ios, 0, 0, runtime, slat, clat, lat, null, bw, iops, 0);
    }

    static LatencyResult lat(long n, long min, long max, double mean, double sd) {
        return new LatencyResult(n, min, max, mean, sd, null);
    }

    static LatencyResult lat(long n, long min, long max, double mean, double sd, Histogram h) {
        return new LatencyResult(n, min, max, mean, sd, h);
    }

    /**
     * A histogram whose value at each of fio's default percentiles is {@code targets[j]} nanoseconds:
     * exactly under 2048 ns, above within HdrHistogram's three significant digits.
     */
    static Histogram percentilesAt(long... targets) {
        Histogram h = new Histogram(3);
        record(h, targets);
        return h;
    }

    /**
     * A histogram whose percentiles, rounded up to microseconds as fio prints them, are
     * {@code targetsUsec[j]}.
     */
    static Histogram usecPercentiles(long... targetsUsec) {
        Histogram h = new Histogram(4);
        long[] ns = new long[targetsUsec.length];
        for (int j = 0; j < ns.length; j++) {
            long hi = targetsUsec[j] * 1000;
            long v = hi;
            while (h.highestEquivalentValue(v) > hi) {
                v = h.lowestEquivalentValue(v) - 1;
            }
            if (h.highestEquivalentValue(v) <= hi - 1000) {
                throw new IllegalStateException("no bucket ends within usec " + targetsUsec[j]);
            }
            ns[j] = v;
        }
        record(h, ns);
        return h;
    }

    /**
     * Records 10000 values so that the cumulative count just passes each percentile point at the
     * wanted value (one extra count at the first, so float rounding of p*N cannot fall short).
     */
    private static void record(Histogram h, long[] values) {
        long prev = -1;
        for (int j = 0; j < values.length; j++) {
            long c = Math.round(P[j] / 100 * 10000);
            h.recordValueWithCount(values[j], c - prev);
            prev = c;
        }
        long rest = 10000 - h.getTotalCount();
        if (rest > 0) {
            h.recordValueWithCount(values[values.length - 1], rest);
        }
    }
}
