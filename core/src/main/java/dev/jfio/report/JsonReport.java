package dev.jfio.report;

import dev.jfio.job.IoOps;
import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.CpuResult;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.FioPlatBuckets;
import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.LatencyTargetResult;
import dev.jfio.stats.PriorityLatency;
import dev.jfio.stats.RankPlacement;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SampleStats;
import dev.jfio.stats.UnifiedDirections;
import java.time.ZoneId;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * fio's JSON and JSON+ reports (stat.c show_thread_status_json), key for key as fio 3.33 writes
 * them. jfio-only data sits under keys fio does not use: "sched_lat_ns" per direction and "jfio"
 * per job (see {@link JfioJson}). Stateless; safe from any thread.
 */
final class JsonReport {

    private static final String[] DEPTH_KEYS = {"1", "2", "4", "8", "16", "32", ">=64"};
    private static final String[] BATCH_KEYS = {"0", "4", "8", "16", "32", "64", ">=64"};
    private static final String[] LAT_KEYS = {
        "2", "4", "10", "20", "50", "100", "250", "500", "750", "1000", "2000", ">=2000"
    };

    private JsonReport() {}

    static void write(RunResult run, boolean bins, ZoneId zone, StringBuilder out) {
        JsonWriter w = new JsonWriter(out);
        w.beginObject();
        w.value("fio version", run.version());
        w.value("timestamp", run.timestampMillis() / 1000);
        w.value("timestamp_ms", run.timestampMillis());
        w.value("time", CTime.format(run.timestampMillis(), zone));
        options(w, "global options", run.globalOptions());
        w.beginArray("jobs");
        for (JobResult job : run.jobs()) {
            job(w, run, job, bins);
        }
        w.endArray();
        DiskUtilReport.json(run.disks(), w);
        IdlenessReport.json(run.idleness(), w);
        placement(w, run.placement());
        w.endObject();
        w.finish();
    }

    /** The top-level "jfio" object of a rank of a run on several hosts (docs/DISTRIBUTED.md). */
    private static void placement(JsonWriter w, RankPlacement p) {
        if (p == null) {
            return;
        }
        w.beginObject("jfio");
        w.value("rank", (long) p.rank());
        w.value("ranks", (long) p.ranks());
        w.value("launcher", p.launcher());
        w.value("hostname", p.hostname());
        if (p.startWallNanos() >= 0) {
            w.value("start_wall_ns", p.startWallNanos());
        }
        if (p.startTargetWallNanos() >= 0) {
            w.value("start_target_wall_ns", p.startTargetWallNanos());
        }
        w.value("job_digest", p.jobDigest());
        w.beginObject("region");
        w.value("split", p.split());
        w.value("offset", p.regionOffset());
        w.value("size", p.regionSize());
        w.endObject();
        w.endObject();
    }

    private static void job(JsonWriter w, RunResult run, JobResult job, boolean bins) {
        w.beginObject();
        w.value("jobname", job.jobName());
        w.value("groupid", job.groupId());
        w.value("error", job.error());
        w.value("eta", 0L);
        w.value("elapsed", job.elapsedSeconds());
        options(w, "job options", job.jobOptions());
        // fio's add_ddir_status_json: under unified_rw_reporting=mixed only the summed read slot, named
        // "mixed" (no write, trim or sync); under "both" the directions, sync, then "mixed"
        boolean mixed = job.unifiedRw() == UnifiedRw.MIXED;
        for (DirectionResult d : job.dirs()) {
            if (!mixed || d.op() == IoOp.READ) {
                direction(w, run, job, d, mixed ? "mixed" : IoOps.jsonName(d.op()), bins);
            }
        }
        if (!mixed) {
            sync(w, job, bins);
        }
        if (job.unifiedRw() == UnifiedRw.BOTH) {
            direction(w, run, job, UnifiedDirections.mixed(job), "mixed", bins);
        }
        CpuResult cpu = job.cpu() == null ? CpuResult.EMPTY : job.cpu();
        w.value("job_runtime", job.jobRuntimeMillis());
        w.value("usr_cpu", cpu.usrPercent());
        w.value("sys_cpu", cpu.sysPercent());
        w.value("ctx", cpu.ctx());
        w.value("majf", cpu.majf());
        w.value("minf", cpu.minf());
        percentages(w, "iodepth_level", DEPTH_KEYS, 7, job.iodepthLevel());
        percentages(w, "iodepth_submit", BATCH_KEYS, 7, job.iodepthSubmit());
        percentages(w, "iodepth_complete", BATCH_KEYS, 7, job.iodepthComplete());
        percentages(w, "latency_ns", LAT_KEYS, 10, job.latencyNs());
        percentages(w, "latency_us", LAT_KEYS, 10, job.latencyUs());
        percentages(w, "latency_ms", LAT_KEYS, 12, job.latencyMs());
        if (job.continueOnError()) {
            w.value("total_err", job.totalErrors());
            w.value("first_error", job.firstError());
        }
        LatencyTargetResult lt = ReportSupport.latencyTarget(job);
        if (lt.depth() != 0) {
            w.value("latency_depth", lt.depth());
            w.value("latency_target", lt.targetNanos());
            w.value("latency_percentile", lt.percentile());
            w.value("latency_window", lt.windowMicros());
        }
        if (job.description() != null && !job.description().isEmpty()) {
            w.value("desc", job.description());
        }
        SteadyStateReport.json(w, job);
        boolean props =
                job.engineProperties() != null && !job.engineProperties().isEmpty();
        boolean notes = job.notes() != null && !job.notes().isEmpty();
        boolean drain = job.drainTimeoutMillis() >= 0;
        boolean measured = JfioJson.has(job);
        if (props || notes || drain || measured || job.errorMessage() != null) {
            w.beginObject("jfio");
            options(w, "engine", job.engineProperties());
            if (drain) {
                w.value("drain_timeout_ms", job.drainTimeoutMillis());
            }
            if (notes) {
                w.beginArray("notes");
                for (String n : job.notes()) {
                    w.value(n);
                }
                w.endArray();
            }
            if (job.errorMessage() != null) {
                w.value("error_message", job.errorMessage());
            }
            JfioJson.write(w, job);
            w.endObject();
        }
        w.endObject();
    }

    private static void sync(JsonWriter w, JobResult job, boolean bins) {
        w.beginObject("sync");
        w.value("total_ios", job.syncIos());
        latency(
                w,
                "lat_ns",
                ReportSupport.orEmpty(job.syncLat()),
                ReportSupport.clatPct(job) || ReportSupport.latPct(job),
                job,
                bins);
        w.endObject();
    }

    private static void direction(
            JsonWriter w, RunResult run, JobResult job, DirectionResult d, String name, boolean bins) {
        long runt = d.runtimeMillis();
        long bwBytes = runt == 0 ? 0 : 1000 * d.ioBytes() / runt;
        w.beginObject(name);
        w.value("io_bytes", d.ioBytes());
        w.value("io_kbytes", d.ioBytes() >> 10);
        w.value("bw_bytes", bwBytes);
        w.value("bw", bwBytes / 1024);
        w.value("iops", runt == 0 ? 0.0 : 1000.0 * d.totalIos() / runt);
        w.value("runtime", runt);
        w.value("total_ios", d.totalIos());
        w.value("short_ios", d.shortIos());
        w.value("drop_ios", d.dropIos());
        latency(w, "slat_ns", ReportSupport.orEmpty(d.slat()), ReportSupport.slatPct(job), job, bins);
        latency(w, "clat_ns", ReportSupport.orEmpty(d.clat()), ReportSupport.clatPct(job), job, bins);
        latency(w, "lat_ns", ReportSupport.orEmpty(d.lat()), ReportSupport.latPct(job), job, bins);
        priorities(w, job, d, bins);
        if (d.schedLat() != null) {
            latency(
                    w,
                    "sched_lat_ns",
                    d.schedLat(),
                    ReportSupport.clatPct(job) || ReportSupport.latPct(job),
                    job,
                    bins);
        }
        SampleStats bw = d.bwSamples() == null ? SampleStats.EMPTY : d.bwSamples();
        boolean hasBw = bw.samples() > 0;
        GroupResult.DirectionGroup g = ReportSupport.group(run, job.groupId(), d.op().ordinal());
        w.value("bw_min", hasBw ? bw.min() : 0);
        w.value("bw_max", hasBw ? bw.max() : 0);
        w.value("bw_agg", hasBw ? ReportSupport.percentOfAgg(ReportSupport.agg(g), bw.mean()) : 0.0);
        w.value("bw_mean", hasBw ? bw.mean() : 0.0);
        w.value("bw_dev", hasBw ? bw.stddev() : 0.0);
        w.value("bw_samples", bw.samples());
        SampleStats io = d.iopsSamples() == null ? SampleStats.EMPTY : d.iopsSamples();
        boolean hasIops = io.samples() > 0;
        w.value("iops_min", hasIops ? io.min() : 0);
        w.value("iops_max", hasIops ? io.max() : 0);
        w.value("iops_mean", hasIops ? io.mean() : 0.0);
        w.value("iops_stddev", hasIops ? io.stddev() : 0.0);
        w.value("iops_samples", io.samples());
        w.endObject();
    }

    /** fio's "prios": per I/O priority, clat (lat under lat_percentiles), when two or more have samples. */
    private static void priorities(JsonWriter w, JobResult job, DirectionResult d, boolean bins) {
        if (d.prioritiesWithSamples() < 2) {
            return;
        }
        boolean lat = ReportSupport.latPct(job);
        w.beginArray("prios");
        for (PriorityLatency p : d.priorities()) {
            LatencyResult l = lat ? p.lat() : p.clat();
            if (l.n() > 0) {
                w.beginObject(null);
                w.value("prioclass", (long) p.prioClass());
                w.value("prio", (long) p.level());
                LatencyResult all = ReportSupport.orEmpty(lat ? d.lat() : d.clat());
                latency(w, lat ? "lat_ns" : "clat_ns", l, lat || ReportSupport.clatPct(job), job, bins, all.max());
                w.endObject();
            }
        }
        w.endArray();
    }

    private static void latency(
            JsonWriter w, String name, LatencyResult l, boolean percentiles, JobResult job, boolean bins) {
        latency(w, name, l, percentiles, job, bins, l.max());
    }

    /** {@code binsUpTo}: the value the top bin's key is clamped to (a priority's bins add up to its direction's). */
    private static void latency(
            JsonWriter w,
            String name,
            LatencyResult l,
            boolean percentiles,
            JobResult job,
            boolean bins,
            long binsUpTo) {
        boolean has = l.n() > 0;
        w.beginObject(name);
        w.value("min", has ? l.min() : 0);
        w.value("max", has ? l.max() : 0);
        w.value("mean", has ? l.mean() : 0.0);
        w.value("stddev", has ? l.stddev() : 0.0);
        w.value("N", l.n());
        if (percentiles && has) {
            w.beginObject("percentile");
            for (double p : ReportSupport.points(job.percentiles())) {
                w.value(CFormat.f6(p), l.percentile(p));
            }
            w.endObject();
            if (bins) {
                bins(w, l, binsUpTo);
            }
        }
        w.endObject();
    }

    /**
     * json+ "bins": count per non-empty bin of fio's own grid (FioPlatBuckets: 64 log-linear bins
     * per power of two), keyed by fio's plat_idx_to_val of the bin, so that tools assuming fio's
     * layout read them. {@code upTo} (the direction's max) bounds the values re-binned, so that a
     * priority's bins add up to its direction's.
     */
    private static void bins(JsonWriter w, LatencyResult l, long upTo) {
        w.beginObject("bins");
        Histogram h = l.histogram();
        if (h != null) {
            long pendingKey = -1;
            long pendingCount = 0;
            for (HistogramIterationValue v : h.recordedValues()) {
                long ns = Math.min(h.medianEquivalentValue(v.getValueIteratedTo()), upTo);
                long key = FioPlatBuckets.value(FioPlatBuckets.index(ns));
                if (key != pendingKey && pendingCount > 0) {
                    w.value(Long.toString(pendingKey), pendingCount);
                    pendingCount = 0;
                }
                pendingKey = key;
                pendingCount += v.getCountAtValueIteratedTo();
            }
            if (pendingCount > 0) {
                w.value(Long.toString(pendingKey), pendingCount);
            }
        }
        w.endObject();
    }

    private static void percentages(JsonWriter w, String name, String[] keys, int nr, double[] values) {
        w.beginObject(name);
        for (int i = 0; i < nr; i++) {
            w.value(keys[i], ReportSupport.at(values, i));
        }
        w.endObject();
    }

    private static void options(JsonWriter w, String name, Map<String, String> options) {
        if (options == null || options.isEmpty()) {
            return;
        }
        w.beginObject(name);
        for (Map.Entry<String, String> e : options.entrySet()) {
            w.value(e.getKey(), e.getValue());
        }
        w.endObject();
    }
}
