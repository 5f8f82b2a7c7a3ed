package dev.jfio.report;

import dev.jfio.job.IoOps;
import dev.jfio.job.UnifiedRw;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.stats.CpuResult;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.LatencyTargetResult;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SampleStats;
import dev.jfio.stats.UnifiedDirections;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * fio's human-readable report (stat.c show_thread_status_normal and show_group_stats), line for
 * line, plus jfio's own lines: "sched lat" for rate-limited jobs, engine properties, notes and
 * the error message. Stateless; safe from any thread.
 */
final class NormalReport {

    /** fio's percentile_precision default. */
    private static final int PRECISION = 2;
    /** Explains jfio's "sched lat" lines, which fio has no equivalent of. */
    static final String SCHED_LAT_NOTE =
            "sched lat is measured from each I/O's scheduled issue time, so it includes queueing delay";

    private static final String[] GROUP_LABELS = {"   READ", "  WRITE", "   TRIM"};
    private static final String[] LAT_RANGES = {
        "2=", "4=", "10=", "20=", "50=", "100=", "250=", "500=", "750=", "1000=", "2000=", ">=2000="
    };

    private NormalReport() {}

    static void write(RunResult run, ZoneId zone, StringBuilder out) {
        out.append('\n');
        for (JobResult job : run.jobs()) {
            job(run, job, zone, out);
        }
        if (run.groups() != null) {
            for (GroupResult g : run.groups()) {
                int sig = ReportSupport.sigFigs(run, g.groupId());
                group(g, ReportSupport.unified(run, g.groupId()), sig, ReportSupport.bits(run, g.groupId()), out);
            }
        }
        DiskUtilReport.normal(run.disks(), out);
        IdlenessReport.normal(run.idleness(), out);
    }

    private static void job(RunResult run, JobResult job, ZoneId zone, StringBuilder out) {
        long bytes = 0;
        long ios = 0;
        for (DirectionResult d : job.dirs()) {
            bytes += d.ioBytes();
            ios += d.totalIos();
        }
        // fio prints nothing for a job without I/O; jfio still shows a failed job, or its error would vanish
        if (bytes == 0 && ios == 0 && job.error() == 0) {
            return;
        }
        out.append(job.jobName())
                .append(": (groupid=")
                .append(job.groupId())
                .append(", jobs=")
                .append(job.jobs())
                .append("): err=")
                .append(CFormat.pad(job.error(), 2));
        if (job.error() != 0) {
            out.append(" (")
                    .append(job.errorMessage() != null ? job.errorMessage() : Errno.describe(job.error()))
                    .append(')');
        }
        out.append(": pid=")
                .append(job.pid())
                .append(": ")
                .append(CTime.format(job.startEpochMillis(), zone))
                .append('\n');
        if (job.description() != null && !job.description().isEmpty()) {
            out.append("  Description  : [").append(job.description()).append("]\n");
        }
        for (DirectionResult d : job.dirs()) {
            if (d.ioBytes() != 0) {
                direction(run, job, d, job.unifiedRw() == UnifiedRw.MIXED ? "mixed" : IoOps.jsonName(d.op()), out);
            }
        }
        if (job.unifiedRw() == UnifiedRw.BOTH) {
            direction(run, job, UnifiedDirections.mixed(job), "mixed", out);
        }
        latencyBuckets(job.latencyNs(), 10, "nsec", out);
        latencyBuckets(job.latencyUs(), 10, "usec", out);
        latencyBuckets(job.latencyMs(), 12, "msec", out);
        if (ReportSupport.has(job.syncLat())) {
            out.append("  fsync/fdatasync/sync_file_range/syncfs:\n");
            latencyLine("sync", job.syncLat(), out);
            percentiles("sync", job.syncLat(), ReportSupport.points(job.percentiles()), out);
        }
        CpuResult cpu = job.cpu() == null ? CpuResult.EMPTY : job.cpu();
        out.append("  cpu          : usr=")
                .append(CFormat.fixed(cpu.usrPercent(), 3, 2))
                .append("%, sys=")
                .append(CFormat.fixed(cpu.sysPercent(), 3, 2))
                .append("%, ctx=")
                .append(cpu.ctx())
                .append(", majf=")
                .append(cpu.majf())
                .append(", minf=")
                .append(cpu.minf())
                .append('\n');
        distribution(
                "  IO depths    : ",
                new String[] {"1=", "2=", "4=", "8=", "16=", "32=", ">=64="},
                job.iodepthLevel(),
                out);
        String[] batches = {"0=", "4=", "8=", "16=", "32=", "64=", ">=64="};
        distribution("     submit    : ", batches, job.iodepthSubmit(), out);
        distribution("     complete  : ", batches, job.iodepthComplete(), out);
        DirectionResult[] dirs = job.dirs();
        out.append("     issued rwts: total=")
                .append(ReportSupport.at(job.issued(), 0))
                .append(',')
                .append(ReportSupport.at(job.issued(), 1))
                .append(',')
                .append(ReportSupport.at(job.issued(), 2))
                .append(',')
                .append(job.issued() != null && job.issued().length > 3 ? job.issued()[3] : job.syncIos())
                .append(" short=")
                .append(dirs[0].shortIos())
                .append(',')
                .append(dirs[1].shortIos())
                .append(',')
                .append(dirs[2].shortIos())
                .append(",0 dropped=")
                .append(dirs[0].dropIos())
                .append(',')
                .append(dirs[1].dropIos())
                .append(',')
                .append(dirs[2].dropIos())
                .append(",0\n");
        if (job.continueOnError()) {
            out.append("     errors    : total=")
                    .append(job.totalErrors())
                    .append(", first_error=")
                    .append(job.firstError())
                    .append("/<")
                    .append(Errno.describe(job.firstError()))
                    .append(">\n");
        }
        LatencyTargetResult lt = ReportSupport.latencyTarget(job);
        if (lt.depth() != 0) {
            out.append("     latency   : target=")
                    .append(lt.targetNanos())
                    .append(", window=")
                    .append(lt.windowMicros())
                    .append(", percentile=")
                    .append(String.format(Locale.ROOT, "%.2f", lt.percentile()))
                    .append("%, depth=")
                    .append(lt.depth())
                    .append('\n');
        }
        SteadyStateReport.normal(job, job.significantFigures() > 0 ? job.significantFigures() : Num2Str.SIG_FIGS, out);
        if (job.engineProperties() != null && !job.engineProperties().isEmpty()) {
            out.append("  engine       : ");
            boolean first = true;
            for (Map.Entry<String, String> e : job.engineProperties().entrySet()) {
                if (!first) {
                    out.append(", ");
                }
                first = false;
                out.append(e.getKey()).append('=').append(e.getValue());
            }
            out.append('\n');
        }
        if (job.drainTimeoutMillis() >= 0) {
            out.append("  drain        : ")
                    .append(ReportSupport.drain(job.drainTimeoutMillis()))
                    .append('\n');
        }
        if (job.notes() != null) {
            for (String note : job.notes()) {
                out.append("  note         : ").append(note).append('\n');
            }
        }
        for (DirectionResult d : job.dirs()) {
            if (d.ioBytes() != 0 && ReportSupport.has(d.schedLat())) {
                out.append("  note         : ").append(SCHED_LAT_NOTE).append('\n');
                break;
            }
        }
        if (job.errorMessage() != null) {
            out.append("  error        : ").append(job.errorMessage()).append('\n');
        }
    }

    private static void direction(RunResult run, JobResult job, DirectionResult d, String label, StringBuilder out) {
        long runt = d.runtimeMillis();
        if (runt == 0) {
            return;
        }
        long bw = 1000 * d.ioBytes() / runt;
        long iops = 1000 * d.totalIos() / runt;
        int sig = job.significantFigures() > 0 ? job.significantFigures() : Num2Str.SIG_FIGS;
        Num2Str.Unit rate = ReportSupport.bits(run, job.groupId()) ? Num2Str.Unit.BITPERSEC : Num2Str.Unit.BYTEPERSEC;
        out.append("  ")
                .append(label)
                .append(": IOPS=")
                .append(Num2Str.format(iops, sig, 1, false, Num2Str.Unit.NONE))
                .append(", BW=")
                .append(Num2Str.format(bw, sig, 1, true, rate))
                .append(" (")
                .append(Num2Str.format(bw, sig, 1, false, rate))
                .append(")(")
                .append(Num2Str.format(d.ioBytes(), sig, 1, true, Num2Str.Unit.BYTE))
                .append('/')
                .append(runt)
                .append("msec)");
        if (d.op() == IoOp.WRITE && label.equals("write")) {
            // fio 3.33 counts zone resets for every write direction, zoned device or not
            out.append("; 0 zone resets");
        }
        out.append('\n');
        if (ReportSupport.has(d.slat())) {
            latencyLine("slat", d.slat(), out);
        }
        if (ReportSupport.has(d.clat())) {
            latencyLine("clat", d.clat(), out);
        }
        if (ReportSupport.has(d.lat())) {
            latencyLine(" lat", d.lat(), out);
        }
        if (ReportSupport.has(d.schedLat())) {
            latencyLine("sched lat", d.schedLat(), out);
        }
        PriorityLines.summaries(job, d, out);
        double[] points = ReportSupport.points(job.percentiles());
        if (ReportSupport.slatPct(job) && ReportSupport.has(d.slat())) {
            percentiles("slat", d.slat(), points, out);
        }
        if (ReportSupport.clatPct(job) && ReportSupport.has(d.clat())) {
            percentiles("clat", d.clat(), points, out);
        }
        if (ReportSupport.latPct(job) && ReportSupport.has(d.lat())) {
            percentiles("lat", d.lat(), points, out);
        }
        if ((ReportSupport.clatPct(job) || ReportSupport.latPct(job)) && ReportSupport.has(d.schedLat())) {
            percentiles("sched lat", d.schedLat(), points, out);
        }
        PriorityLines.percentiles(job, d, points, out);
        SampleStats bws = d.bwSamples();
        if (bws != null && bws.samples() > 0) {
            GroupResult.DirectionGroup g = ReportSupport.group(run, job.groupId(), d.op().ordinal());
            double perOfAgg = ReportSupport.percentOfAgg(ReportSupport.agg(g), bws.mean());
            // in KiB even with unit_base=1: fio 3.33's stat.c means bits here, but prints bytes
            long min = bws.min();
            long max = bws.max();
            double mean = bws.mean();
            double dev = bws.stddev();
            String unit = "KiB";
            if (mean > 1024.0 * 1024.0) {
                min /= 1024;
                max /= 1024;
                mean /= 1024.0;
                dev /= 1024.0;
                unit = "MiB";
            }
            out.append("   bw (")
                    .append(CFormat.pad(unit, 5))
                    .append("/s): min=")
                    .append(CFormat.pad(min, 5))
                    .append(", max=")
                    .append(CFormat.pad(max, 5))
                    .append(", per=")
                    .append(CFormat.fixed(perOfAgg, 3, 2))
                    .append("%, avg=")
                    .append(CFormat.fixed(mean, 5, 2))
                    .append(", stdev=")
                    .append(CFormat.fixed(dev, 5, 2))
                    .append(", samples=")
                    .append(bws.samples())
                    .append('\n');
        }
        SampleStats io = d.iopsSamples();
        if (io != null && io.samples() > 0) {
            out.append("   iops        : min=")
                    .append(CFormat.pad(io.min(), 5))
                    .append(", max=")
                    .append(CFormat.pad(io.max(), 5))
                    .append(", avg=")
                    .append(CFormat.fixed(io.mean(), 5, 2))
                    .append(", stdev=")
                    .append(CFormat.fixed(io.stddev(), 5, 2))
                    .append(", samples=")
                    .append(io.samples())
                    .append('\n');
        }
    }

    /** fio's display_lat: min/max through num2str, unit scaled down when all figures are large. */
    static void latencyLine(String name, LatencyResult l, StringBuilder out) {
        long min = l.min();
        long max = l.max();
        double mean = l.mean();
        double dev = l.stddev();
        String unit = "(nsec)";
        if (min > 2_000_000 && max > 99_999_999L && dev > 1_000_000.0) {
            min /= 1_000_000;
            max /= 1_000_000;
            mean /= 1_000_000.0;
            dev /= 1_000_000.0;
            unit = "(msec)";
        } else if (min > 2000 && max > 99_999 && dev > 1000.0) {
            min /= 1000;
            max /= 1000;
            mean /= 1000.0;
            dev /= 1000.0;
            unit = "(usec)";
        }
        out.append("    ")
                .append(name)
                .append(' ')
                .append(unit)
                .append(": min=")
                .append(Num2Str.format(min, 6, 1, false, Num2Str.Unit.NONE))
                .append(", max=")
                .append(Num2Str.format(max, 6, 1, false, Num2Str.Unit.NONE))
                .append(", avg=")
                .append(CFormat.fixed(mean, 5, 2))
                .append(", stdev=")
                .append(CFormat.fixed(dev, 5, 2))
                .append('\n');
    }

    /** fio's show_clat_percentiles: unit chosen from the percentile values, rounded up when scaled. */
    static void percentiles(String name, LatencyResult l, double[] points, StringBuilder out) {
        int len = points.length;
        if (len == 0) {
            return;
        }
        long[] vals = new long[len];
        long minv = Long.MAX_VALUE;
        long maxv = 0;
        for (int j = 0; j < len; j++) {
            vals[j] = l.percentile(points[j]);
            minv = Math.min(minv, vals[j]);
            maxv = Math.max(maxv, vals[j]);
        }
        int scaleDown;
        long divisor;
        String unit;
        if (minv > 2_000_000 && maxv > 99_999_999L) {
            scaleDown = 2;
            divisor = 1_000_000;
            unit = "msec";
        } else if (minv > 2000 && maxv > 99_999) {
            scaleDown = 1;
            divisor = 1000;
            unit = "usec";
        } else {
            scaleDown = 0;
            divisor = 1;
            unit = "nsec";
        }
        out.append("    ").append(name).append(" percentiles (").append(unit).append("):\n     |");
        long scaledMax = maxv / divisor;
        int timeWidth = scaledMax == 0 ? 5 : Math.max(5, (int) (Math.log10(scaledMax) + 1));
        int perLine = (80 - 7) / (PRECISION + 10 + timeWidth);
        for (int j = 0; j < len; j++) {
            if (j != 0 && j % perLine == 0) {
                out.append("     |");
            }
            boolean last = j == len - 1;
            long v = vals[j];
            for (int i = 0; i < scaleDown; i++) {
                v = (v + 999) / 1000;
            }
            out.append(' ')
                    .append(CFormat.fixed(points[j], PRECISION + 3, PRECISION))
                    .append("th=[")
                    .append(CFormat.pad(v, timeWidth))
                    .append(']')
                    .append(last ? '\n' : ',');
            if (last) {
                break;
            }
            if (j % perLine == perLine - 1) {
                out.append('\n');
            }
        }
    }

    /** fio's show_lat: the non-zero buckets of one unit, five to a line. */
    private static void latencyBuckets(double[] pct, int nr, String unit, StringBuilder out) {
        boolean newLine = true;
        boolean shown = false;
        int line = 0;
        for (int i = 0; i < nr; i++) {
            double v = ReportSupport.at(pct, i);
            if (v <= 0.0) {
                continue;
            }
            shown = true;
            if (newLine) {
                if (line != 0) {
                    out.append('\n');
                }
                out.append("  lat (").append(unit).append(")   : ");
                newLine = false;
                line = 0;
            }
            if (line != 0) {
                out.append(", ");
            }
            out.append(LAT_RANGES[i]).append(CFormat.fixed(v, 3, 2)).append('%');
            line++;
            if (line == 5) {
                newLine = true;
            }
        }
        if (shown) {
            out.append('\n');
        }
    }

    private static void distribution(String label, String[] keys, double[] pct, StringBuilder out) {
        out.append(label);
        for (int i = 0; i < keys.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(keys[i])
                    .append(CFormat.fixed(ReportSupport.at(pct, i), 3, 1))
                    .append('%');
        }
        out.append('\n');
    }

    /** fio's show_group_stats; {@code unified} is fio's OR of the group's unified_rw_reporting values. */
    private static void group(GroupResult g, int unified, int sig, boolean bits, StringBuilder out) {
        out.append("\nRun status group ").append(g.groupId()).append(" (all jobs):\n");
        GroupResult.DirectionGroup[] dirs = g.dirs();
        for (int i = 0; i < dirs.length && i < GROUP_LABELS.length; i++) {
            GroupResult.DirectionGroup d = dirs[i];
            if (d != null && d.maxRuntimeMillis() != 0) {
                groupLine(unified == UnifiedRw.MIXED.ordinal() ? "  MIXED" : GROUP_LABELS[i], d, sig, bits, out);
            }
        }
        if (unified == UnifiedRw.BOTH.ordinal()) {
            groupLine("  MIXED", UnifiedDirections.mixed(g), sig, bits, out);
        }
    }

    private static void groupLine(
            String label, GroupResult.DirectionGroup d, int sig, boolean bits, StringBuilder out) {
        out.append(label)
                .append(": bw=")
                .append(rate(d.aggBwBytes(), sig, true, bits))
                .append(" (")
                .append(rate(d.aggBwBytes(), sig, false, bits))
                .append("), ")
                .append(rate(d.minBwBytes(), sig, true, bits))
                .append('-')
                .append(rate(d.maxBwBytes(), sig, true, bits))
                .append(" (")
                .append(rate(d.minBwBytes(), sig, false, bits))
                .append('-')
                .append(rate(d.maxBwBytes(), sig, false, bits))
                .append("), io=")
                .append(Num2Str.format(d.ioBytes(), sig, 1, true, Num2Str.Unit.BYTE))
                .append(" (")
                .append(Num2Str.format(d.ioBytes(), sig, 1, false, Num2Str.Unit.BYTE))
                .append("), run=")
                .append(d.minRuntimeMillis())
                .append('-')
                .append(d.maxRuntimeMillis())
                .append("msec\n");
    }

    private static String rate(long bytesPerSecond, int sig, boolean pow2, boolean bits) {
        return Num2Str.format(bytesPerSecond, sig, 1, pow2, bits ? Num2Str.Unit.BITPERSEC : Num2Str.Unit.BYTEPERSEC);
    }
}
