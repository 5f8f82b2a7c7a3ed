package dev.jfio.report;

import dev.jfio.stats.JobResult;
import dev.jfio.stats.SteadyStateResult;
import java.util.Locale;

/** fio's steady-state output: the JSON "steadystate" object (stat.c) and the normal report's show_ss_normal line. Stateless. */
final class SteadyStateReport {
    private SteadyStateReport() {}

    static void json(JsonWriter w, JobResult job) {
        SteadyStateResult ss = job.steadyState();
        if (ss == null) {
            return;
        }
        w.beginObject("steadystate");
        w.value("ss", ss.ss());
        w.value("duration", ss.duration());
        w.value("attained", ss.attained() ? 1 : 0);
        w.value("criterion", String.format(Locale.ROOT, "%f", (float) ss.criterion()) + (ss.percent() ? "%" : ""));
        w.value("max_deviation", ss.maxDeviation());
        w.value("slope", ss.slopeValue());
        w.beginObject("data");
        w.value("bw_mean", ss.bwMean());
        w.value("iops_mean", ss.iopsMean());
        w.numbers("iops", ss.iopsData());
        w.numbers("bw", ss.bw());
        w.endObject();
        w.endObject();
    }

    /** {@code  steadystate  : attained=yes, bw=8005KiB/s (8005kB/s), iops=2001, iops mean dev=0.033%}. */
    static void normal(JobResult job, int sig, StringBuilder out) {
        SteadyStateResult ss = job.steadyState();
        if (ss == null) {
            return;
        }
        long kib = ss.bwMean() / 1024;
        out.append("  steadystate  : attained=")
                .append(ss.attained() ? "yes" : "no")
                .append(", bw=")
                // fio formats bw_mean/kb_base with base 1024 both times: the "kB/s" figure is the KiB one
                .append(Num2Str.format(kib, sig, 1024, true, Num2Str.Unit.BYTEPERSEC))
                .append(" (")
                .append(Num2Str.format(kib, sig, 1024, false, Num2Str.Unit.BYTEPERSEC))
                .append("), iops=")
                .append(Num2Str.format(ss.iopsMean(), sig, 1, false, Num2Str.Unit.NONE))
                .append(", ")
                .append(ss.iops() ? "iops" : "bw")
                .append(ss.slope() ? " slope" : " mean dev")
                .append('=')
                .append(String.format(Locale.ROOT, "%.3f", ss.criterion()))
                .append(ss.percent() ? "%" : "")
                .append('\n');
    }
}
