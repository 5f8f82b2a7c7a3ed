package dev.jfio.report;

import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.PriorityLatency;

/**
 * The normal report's per-priority latency lines (fio's show_ddir_status for jobs with
 * cmdprio_*): shown only when two or more priorities have samples, as fio. Stateless.
 */
final class PriorityLines {
    private PriorityLines() {}

    /** "clat prio 2/0 (nsec): min=..." per priority, after the direction's latency lines. */
    static void summaries(JobResult job, DirectionResult d, StringBuilder out) {
        if (d.prioritiesWithSamples() < 2) {
            return;
        }
        boolean lat = ReportSupport.latPct(job);
        for (PriorityLatency p : d.priorities()) {
            LatencyResult l = lat ? p.lat() : p.clat();
            if (l.n() > 0) {
                NormalReport.latencyLine(name(lat, p), l, out);
            }
        }
    }

    /** "clat prio 2/0 (50.27% of IOs) percentiles (nsec):" per priority, after the direction's percentiles. */
    static void percentiles(JobResult job, DirectionResult d, double[] points, StringBuilder out) {
        boolean lat = ReportSupport.latPct(job);
        if (d.prioritiesWithSamples() < 2 || !(lat || ReportSupport.clatPct(job))) {
            return;
        }
        long samples = lat ? d.lat().n() : d.clat().n();
        for (PriorityLatency p : d.priorities()) {
            LatencyResult l = lat ? p.lat() : p.clat();
            if (l.n() > 0) {
                String name = name(lat, p) + " (" + CFormat.fixed(100.0 * l.n() / samples, 2) + "% of IOs)";
                NormalReport.percentiles(name, l, points, out);
            }
        }
    }

    private static String name(boolean lat, PriorityLatency p) {
        return (lat ? "lat" : "clat") + " prio " + p.prioClass() + "/" + p.level();
    }
}
