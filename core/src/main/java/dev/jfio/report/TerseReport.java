package dev.jfio.report;

import dev.jfio.job.UnifiedRw;
import dev.jfio.stats.CpuResult;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.RunResult;
import dev.jfio.stats.SampleStats;
import dev.jfio.stats.UnifiedDirections;

/**
 * fio's terse format (stat.c show_thread_status_terse_all), versions 2 to 5: one ';'-separated
 * line per job, latencies in microseconds. Version 3 (the default) has READ and WRITE; 2, 4 and 5
 * add TRIM; 2 drops the version fields; 5 adds the bandwidth sample count and the IOPS samples per
 * direction; 3 and later end with the disk utilisation fields. Stateless; safe from any thread.
 */
final class TerseReport {

    /** fio's default {@code --terse-version}. */
    static final int DEFAULT_VERSION = 3;

    private TerseReport() {}

    static void write(RunResult run, int version, StringBuilder out) {
        if (version < 2 || version > 5) {
            throw new IllegalArgumentException("terse version " + version + " is not 2, 3, 4 or 5");
        }
        for (JobResult job : run.jobs()) {
            job(run, job, version, out);
        }
    }

    private static void job(RunResult run, JobResult job, int version, StringBuilder out) {
        if (version == 2) {
            out.append("2;");
        } else {
            out.append(version).append(';').append(run.version()).append(';');
        }
        out.append(job.jobName()).append(';').append(job.groupId()).append(';').append(job.error());
        // fio's show_thread_status_terse_all: under unified_rw_reporting=mixed the summed read slot
        // alone; under "both" the directions, then their sum
        direction(run, job, job.dirs()[0], version, out);
        if (job.unifiedRw() != UnifiedRw.MIXED) {
            direction(run, job, job.dirs()[1], version, out);
            if (version != 3) {
                direction(run, job, job.dirs()[2], version, out);
            }
        }
        if (job.unifiedRw() == UnifiedRw.BOTH) {
            direction(run, job, UnifiedDirections.mixed(job), version, out);
        }
        CpuResult cpu = job.cpu() == null ? CpuResult.EMPTY : job.cpu();
        out.append(';')
                .append(CFormat.f6(cpu.usrPercent()))
                .append("%;")
                .append(CFormat.f6(cpu.sysPercent()))
                .append("%;")
                .append(cpu.ctx())
                .append(';')
                .append(cpu.majf())
                .append(';')
                .append(cpu.minf());
        for (int i = 0; i < 7; i++) {
            out.append(';')
                    .append(CFormat.fixed(ReportSupport.at(job.iodepthLevel(), i), 3, 1))
                    .append('%');
        }
        // fio folds every nanosecond bucket into the first microsecond one to keep the format unaltered
        double ns = 0;
        for (int i = 0; i < 10; i++) {
            ns += ReportSupport.at(job.latencyNs(), i);
        }
        for (int i = 0; i < 10; i++) {
            double v = ReportSupport.at(job.latencyUs(), i) + (i == 0 ? ns : 0);
            out.append(';').append(CFormat.fixed(v, 3, 2)).append('%');
        }
        for (int i = 0; i < 12; i++) {
            out.append(';')
                    .append(CFormat.fixed(ReportSupport.at(job.latencyMs(), i), 3, 2))
                    .append('%');
        }
        if (version >= 3) {
            DiskUtilReport.terse(run.disks(), out);
        }
        if (job.continueOnError()) {
            out.append(';').append(job.totalErrors()).append(';').append(job.firstError());
        }
        if (job.description() != null && !job.description().isEmpty()) {
            if (version == 2) {
                out.append('\n'); // fio 3.33 puts version 2's description on a line of its own
            }
            out.append(';').append(job.description());
        }
        out.append('\n');
    }

    private static void direction(RunResult run, JobResult job, DirectionResult d, int version, StringBuilder out) {
        long runt = d.runtimeMillis();
        long bw = runt == 0 ? 0 : (1000 * d.ioBytes() / runt) / 1024;
        long iops = runt == 0 ? 0 : 1000 * d.totalIos() / runt;
        out.append(';')
                .append(d.ioBytes() >> 10)
                .append(';')
                .append(bw)
                .append(';')
                .append(iops)
                .append(';')
                .append(runt);
        usec(d.slat(), out);
        usec(d.clat(), out);
        LatencyResult pct = ReportSupport.latPct(job)
                ? ReportSupport.orEmpty(d.lat())
                : ReportSupport.clatPct(job) ? ReportSupport.orEmpty(d.clat()) : null;
        double[] points = pct == null ? new double[0] : ReportSupport.points(job.percentiles());
        for (int i = 0; i < ReportSupport.MAX_PERCENTILES; i++) {
            if (i >= points.length) {
                out.append(";0%=0");
            } else {
                out.append(';').append(CFormat.f6(points[i])).append("%=").append(pct.percentile(points[i]) / 1000);
            }
        }
        usec(d.lat(), out);
        SampleStats bws = d.bwSamples() == null ? SampleStats.EMPTY : d.bwSamples();
        if (bws.samples() > 0) {
            double p = 100.0;
            long agg = ReportSupport.agg(ReportSupport.group(run, job.groupId(), d.op().ordinal()));
            if (agg != 0) {
                // fio divides by the integer KiB/s, so a group under 1 KiB/s yields infinity, then 100
                p = bws.mean() * 100 / (double) (agg / 1024);
                if (p > 100.0) {
                    p = 100.0;
                }
            }
            out.append(';')
                    .append(bws.min())
                    .append(';')
                    .append(bws.max())
                    .append(';')
                    .append(CFormat.f6(p))
                    .append("%;")
                    .append(CFormat.f6(bws.mean()))
                    .append(';')
                    .append(CFormat.f6(bws.stddev()));
        } else {
            out.append(";0;0;0.000000%;0.000000;0.000000");
        }
        if (version == 5) {
            SampleStats ios = d.iopsSamples() == null ? SampleStats.EMPTY : d.iopsSamples();
            out.append(';').append(bws.samples());
            if (ios.samples() > 0) {
                out.append(';')
                        .append(ios.min())
                        .append(';')
                        .append(ios.max())
                        .append(';')
                        .append(CFormat.f6(ios.mean()))
                        .append(';')
                        .append(CFormat.f6(ios.stddev()))
                        .append(';')
                        .append(ios.samples());
            } else {
                out.append(";0;0;0.000000;0.000000;0");
            }
        }
    }

    private static void usec(LatencyResult l, StringBuilder out) {
        if (ReportSupport.has(l)) {
            out.append(';')
                    .append(l.min() / 1000)
                    .append(';')
                    .append(l.max() / 1000)
                    .append(';')
                    .append(CFormat.f6(l.mean() / 1000))
                    .append(';')
                    .append(CFormat.f6(l.stddev() / 1000));
        } else {
            out.append(";0;0;0.000000;0.000000");
        }
    }
}
