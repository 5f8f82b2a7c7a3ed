package dev.jfio.stats;

import dev.jfio.job.IoOps;
import dev.jfio.spi.IoOp;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns finished {@link JobStats} into {@link JobResult}s, merges results for group_reporting as
 * fio's {@code sum_thread_stats} does, and computes the "Run status group" figures.
 *
 * <p>Merging is lossless: histograms are added, exact mean/stddev are combined with the parallel
 * variance formula, bandwidth/IOPS samples are summed as fio sums them (min, max and mean of the
 * group are the sums of the jobs'), and the depth/batch/latency distributions are recomputed from
 * counts ({@link JobResult#counts()}); a result built by hand has no counts, and its percentages
 * are weighted by its issued I/Os.
 *
 * <p>Stateless; thread-safe.
 */
public final class JobResultBuilder {

    private JobResultBuilder() {}

    /**
     * The result of one finished job clone.
     *
     * @param cpuStart the job thread's usage when measuring began ({@link JobStats#begin})
     * @param cpuEnd the job thread's usage when it ended
     */
    public static JobResult build(JobInfo info, JobStats stats, CpuSample cpuStart, CpuSample cpuEnd) {
        return build(info, stats, cpuStart, cpuEnd, stats.endNanos());
    }

    static JobResult build(JobInfo info, JobStats stats, CpuSample cpuStart, CpuSample cpuEnd, long asOfNanos) {
        RawCounts counts = stats.counts().copy();
        long runtimeMillis = stats.runtimeMillis(asOfNanos);
        double[] submit = Buckets.depthPercentages(counts.submit, counts.submitCalls);
        return new JobResult(
                info.jobName(),
                info.groupId(),
                1,
                reportedError(info, stats),
                info.errorMessage(),
                info.jobOptions(),
                info.description(),
                info.ioengine(),
                info.headerRw(),
                info.blockSizes(),
                info.iodepth(),
                ProcessHandle.current().pid(),
                info.startEpochMillis(),
                stats.directions(asOfNanos),
                stats.syncResult(),
                stats.counts().issued[3],
                cpu(cpuEnd.minus(cpuStart), runtimeMillis),
                runtimeMillis,
                info.elapsedSeconds(),
                Buckets.depthPercentages(counts.depth, counts.issuedRwt()),
                submit,
                Buckets.depthPercentages(counts.complete, counts.completeCalls),
                Buckets.latencyPercentages(counts.latNs(), counts.issuedRwt()),
                Buckets.latencyPercentages(counts.latUs(), counts.issuedRwt()),
                Buckets.latencyPercentages(counts.latMs(), counts.issuedRwt()),
                counts.issued.clone(),
                info.continueOnError(),
                stats.totalErrors(),
                stats.firstError(),
                info.percentiles(),
                info.rateLimited(),
                info.engineProperties(),
                info.notes(),
                counts,
                info.drainTimeoutMillis(),
                stats.series(),
                info.unifiedRw(),
                info.significantFigures(),
                stats.steadyState(),
                info.latencyTarget());
    }

    /**
     * fio's {@code error} of a job: the errno that failed it, or, for a job that went on past
     * errors under continue_on_error, the first of them (stat.c: {@code ts->error = td->first_error}),
     * although such a job succeeded and the exit status stays 0.
     */
    static int reportedError(JobInfo info, JobStats stats) {
        if (info.error() != 0) {
            return info.error();
        }
        return info.continueOnError() ? stats.firstError() : 0;
    }

    /** fio's usr_cpu/sys_cpu: CPU time as a percentage of the job's runtime. */
    static CpuResult cpu(CpuSample used, long runtimeMillis) {
        if (runtimeMillis <= 0) {
            return new CpuResult(0, 0, used.contextSwitches(), used.majorFaults(), used.minorFaults());
        }
        return new CpuResult(
                used.userMicros() / 10.0 / runtimeMillis,
                used.systemMicros() / 10.0 / runtimeMillis,
                used.contextSwitches(),
                used.majorFaults(),
                used.minorFaults());
    }

    /**
     * One result for a reporting group (group_reporting): the name, options and header of the
     * first, every count and statistic combined, {@code jobs} summed.
     */
    public static JobResult merge(List<JobResult> clonesAndJobs) {
        if (clonesAndJobs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge: the group has no job results");
        }
        JobResult first = clonesAndJobs.get(0);
        if (clonesAndJobs.size() == 1) {
            return first;
        }
        int jobs = 0;
        int error = 0;
        String errorMessage = null;
        long syncIos = 0;
        long jobRuntime = 0;
        long elapsed = 0;
        long totalErrors = 0;
        int firstError = 0;
        boolean rateLimited = false;
        boolean continueOnError = false;
        double usrMillis = 0;
        double sysMillis = 0;
        long ctx = 0;
        long majf = 0;
        long minf = 0;
        RawCounts counts = new RawCounts();
        LinkedHashSet<String> notes = new LinkedHashSet<>();
        List<LatencyResult> sync = new ArrayList<>();
        for (JobResult r : clonesAndJobs) {
            jobs += r.jobs();
            if (error == 0 && r.error() != 0) {
                error = r.error();
                errorMessage = r.errorMessage();
            }
            syncIos += r.syncIos();
            sync.add(r.syncLat());
            jobRuntime += r.jobRuntimeMillis();
            elapsed = Math.max(elapsed, r.elapsedSeconds());
            totalErrors += r.totalErrors();
            if (firstError == 0) {
                firstError = r.firstError();
            }
            rateLimited |= r.rateLimited();
            continueOnError |= r.continueOnError();
            usrMillis += r.cpu().usrPercent() * r.jobRuntimeMillis() / 100.0;
            sysMillis += r.cpu().sysPercent() * r.jobRuntimeMillis() / 100.0;
            ctx += r.cpu().ctx();
            majf += r.cpu().majf();
            minf += r.cpu().minf();
            counts.add(countsOf(r));
            if (r.notes() != null) {
                notes.addAll(r.notes());
            }
        }
        DirectionResult[] dirs = new DirectionResult[IoOps.DATA.length];
        for (IoOp d : IoOps.DATA) {
            List<DirectionResult> parts = new ArrayList<>(clonesAndJobs.size());
            for (JobResult r : clonesAndJobs) {
                parts.add(r.dirs()[d.ordinal()]);
            }
            dirs[d.ordinal()] = mergeDirection(d, parts);
        }
        CpuResult cpu = jobRuntime == 0
                ? new CpuResult(0, 0, ctx, majf, minf)
                : new CpuResult(usrMillis * 100.0 / jobRuntime, sysMillis * 100.0 / jobRuntime, ctx, majf, minf);
        double[] submit = Buckets.depthPercentages(counts.submit, counts.submitCalls);
        return new JobResult(
                first.jobName(),
                first.groupId(),
                jobs,
                error,
                errorMessage,
                first.jobOptions(),
                first.description(),
                first.ioengine(),
                first.headerRw(),
                first.blockSizes(),
                first.iodepth(),
                first.pid(),
                first.startEpochMillis(),
                dirs,
                mergeLatency(sync),
                syncIos,
                cpu,
                jobRuntime,
                elapsed,
                Buckets.depthPercentages(counts.depth, counts.issuedRwt()),
                submit,
                Buckets.depthPercentages(counts.complete, counts.completeCalls),
                Buckets.latencyPercentages(counts.latNs(), counts.issuedRwt()),
                Buckets.latencyPercentages(counts.latUs(), counts.issuedRwt()),
                Buckets.latencyPercentages(counts.latMs(), counts.issuedRwt()),
                counts.issued.clone(),
                continueOnError,
                totalErrors,
                firstError,
                first.percentiles(),
                rateLimited,
                first.engineProperties(),
                List.copyOf(notes),
                counts,
                first.drainTimeoutMillis(),
                IntervalSeries.merge(
                        clonesAndJobs.stream().map(JobResult::series).toList()),
                first.unifiedRw(),
                first.significantFigures(),
                clonesAndJobs.stream()
                        .map(JobResult::steadyState)
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .orElse(null),
                clonesAndJobs.get(clonesAndJobs.size() - 1).latencyTarget()); // fio: the last job's
    }

    /** The counts behind a result: its own if {@link #build}/{@link #merge} made it, else recovered from percentages. */
    private static RawCounts countsOf(JobResult r) {
        if (r.counts() != null) {
            return r.counts();
        }
        RawCounts c = new RawCounts();
        if (r.issued() != null) {
            System.arraycopy(r.issued(), 0, c.issued, 0, Math.min(r.issued().length, c.issued.length));
        }
        long weight = c.issuedRwt();
        recover(r.iodepthLevel(), weight, c.depth);
        recover(r.iodepthSubmit(), weight, c.submit);
        recover(r.iodepthComplete(), weight, c.complete);
        c.submitCalls = sum(c.submit);
        c.completeCalls = sum(c.complete);
        int us = Buckets.LAT_NS_BUCKETS;
        int ms = us + Buckets.LAT_US_BUCKETS;
        recover(r.latencyNs(), weight, c.lat, 0, us);
        recover(r.latencyUs(), weight, c.lat, us, ms - us);
        recover(r.latencyMs(), weight, c.lat, ms, c.lat.length - ms);
        return c;
    }

    private static void recover(double[] pct, long total, long[] into) {
        recover(pct, total, into, 0, into.length);
    }

    /** Counts from percentages of {@code total} into {@code into[from .. from + length)}. */
    private static void recover(double[] pct, long total, long[] into, int from, int length) {
        if (pct == null) {
            return;
        }
        for (int i = 0; i < Math.min(pct.length, length); i++) {
            into[from + i] = Math.round(pct[i] * total / 100.0);
        }
    }

    private static long sum(long[] a) {
        long s = 0;
        for (long v : a) {
            s += v;
        }
        return s;
    }

    static DirectionResult mergeDirection(IoOp d, List<DirectionResult> parts) {
        long ioBytes = 0;
        long totalIos = 0;
        long shortIos = 0;
        long dropIos = 0;
        long runtime = 0;
        long errors = 0;
        boolean anySched = false;
        List<LatencyResult> slat = new ArrayList<>();
        List<LatencyResult> clat = new ArrayList<>();
        List<LatencyResult> lat = new ArrayList<>();
        List<LatencyResult> sched = new ArrayList<>();
        List<SampleStats> bw = new ArrayList<>();
        List<SampleStats> iops = new ArrayList<>();
        for (DirectionResult p : parts) {
            ioBytes += p.ioBytes();
            totalIos += p.totalIos();
            shortIos += p.shortIos();
            dropIos += p.dropIos();
            runtime = Math.max(runtime, p.runtimeMillis());
            errors += p.errors();
            slat.add(p.slat());
            clat.add(p.clat());
            lat.add(p.lat());
            if (p.schedLat() != null) {
                anySched = true;
                sched.add(p.schedLat());
            }
            bw.add(p.bwSamples());
            iops.add(p.iopsSamples());
        }
        return new DirectionResult(
                d,
                ioBytes,
                totalIos,
                shortIos,
                dropIos,
                runtime,
                mergeLatency(slat),
                mergeLatency(clat),
                mergeLatency(lat),
                anySched ? mergeLatency(sched) : null,
                sumSamples(bw),
                sumSamples(iops),
                errors,
                mergePriorities(parts));
    }

    /** Per priority, as fio's sum_clat_prio_stats: a part without them counts as the job's own priority (0). */
    private static List<PriorityLatency> mergePriorities(List<DirectionResult> parts) {
        if (parts.stream().allMatch(p -> p.priorities().isEmpty())) {
            return List.of();
        }
        TreeMap<Integer, List<PriorityLatency>> byPrio = new TreeMap<>();
        for (DirectionResult p : parts) {
            List<PriorityLatency> mine =
                    p.priorities().isEmpty() ? List.of(new PriorityLatency(0, p.clat(), p.lat())) : p.priorities();
            for (PriorityLatency l : mine) {
                byPrio.computeIfAbsent(l.ioprio(), k -> new ArrayList<>()).add(l);
            }
        }
        List<PriorityLatency> out = new ArrayList<>();
        byPrio.forEach((prio, ls) -> out.add(new PriorityLatency(
                prio,
                mergeLatency(ls.stream().map(PriorityLatency::clat).toList()),
                mergeLatency(ls.stream().map(PriorityLatency::lat).toList()))));
        return List.copyOf(out);
    }

    /** Exact figures combined (parallel variance), histograms added. */
    static LatencyResult mergeLatency(List<LatencyResult> parts) {
        RunningStats exact = new RunningStats();
        Histogram histogram = null;
        for (LatencyResult p : parts) {
            if (p == null || p.n() == 0) {
                continue;
            }
            exact.combine(p);
            if (p.histogram() != null) {
                if (histogram == null) {
                    histogram = PackedHistograms.copyOf(p.histogram());
                } else {
                    histogram.add(p.histogram());
                }
            }
        }
        if (exact.n() == 0) {
            return LatencyResult.EMPTY;
        }
        return new LatencyResult(exact.n(), exact.min(), exact.max(), exact.mean(), exact.stddev(), histogram);
    }

    /**
     * fio's {@code sum_stat(..., pure_sum=true)} for bandwidth and IOPS: the jobs ran side by side,
     * so the group's min, max, mean and S are the sums of the jobs', and the sample counts add up.
     */
    static SampleStats sumSamples(List<SampleStats> parts) {
        long min = 0;
        long max = 0;
        double mean = 0;
        double s = 0;
        long n = 0;
        for (SampleStats p : parts) {
            if (p == null || p.samples() == 0) {
                continue;
            }
            min += p.min();
            max += p.max();
            mean += p.mean();
            s += RunningStats.sumOfSquares(p.samples(), p.stddev());
            n += p.samples();
        }
        if (n == 0) {
            return SampleStats.EMPTY;
        }
        return new SampleStats(min, max, mean, n > 1 ? Math.sqrt(s / (n - 1)) : 0, (int) n);
    }

    /**
     * fio's "Run status group N (all jobs)" figures, one per group id in ascending order. Pass the
     * results as they are reported (merged ones under group_reporting): fio computes min/max
     * bandwidth and runtime over its reported thread stats, so a merged group shows min == max.
     */
    public static List<GroupResult> groups(List<JobResult> reportedResults) {
        Map<Integer, List<JobResult>> byGroup = new TreeMap<>();
        for (JobResult r : reportedResults) {
            byGroup.computeIfAbsent(r.groupId(), g -> new ArrayList<>()).add(r);
        }
        List<GroupResult> out = new ArrayList<>(byGroup.size());
        for (Map.Entry<Integer, List<JobResult>> e : byGroup.entrySet()) {
            GroupResult.DirectionGroup[] dirs = new GroupResult.DirectionGroup[IoOps.DATA.length];
            for (IoOp d : IoOps.DATA) {
                dirs[d.ordinal()] = groupDirection(e.getValue(), d.ordinal());
            }
            out.add(new GroupResult(e.getKey(), dirs));
        }
        return out;
    }

    private static GroupResult.DirectionGroup groupDirection(List<JobResult> results, int d) {
        long ioBytes = 0;
        long minRun = 0;
        long maxRun = 0;
        long minBw = Long.MAX_VALUE;
        long maxBw = 0;
        for (JobResult r : results) {
            DirectionResult dr = r.dirs()[d];
            if (dr.runtimeMillis() == 0) {
                continue;
            }
            if (minRun == 0 || dr.runtimeMillis() < minRun) {
                minRun = dr.runtimeMillis();
            }
            maxRun = Math.max(maxRun, dr.runtimeMillis());
            long bw = dr.bwBytesPerSecond();
            minBw = Math.min(minBw, bw);
            maxBw = Math.max(maxBw, bw);
            ioBytes += dr.ioBytes();
        }
        if (maxRun == 0) {
            return new GroupResult.DirectionGroup(0, 0, 0, 0, 0, 0);
        }
        return new GroupResult.DirectionGroup(ioBytes, ioBytes * 1000 / maxRun, minBw, maxBw, minRun, maxRun);
    }
}
