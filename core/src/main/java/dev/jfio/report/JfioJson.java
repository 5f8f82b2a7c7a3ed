package dev.jfio.report;

import dev.jfio.job.IoOps;
import dev.jfio.stats.DirectionResult;
import dev.jfio.stats.HistogramText;
import dev.jfio.stats.IntervalSeries;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;

/**
 * The measurements jfio adds under a job's {@code "jfio"} key in the JSON reports, for exact merges
 * of runs and for {@code jfio report}: each direction's latency histograms encoded as in
 * HdrHistogram's log format ({@code "hdr_histograms"}: compressed, base64; values in ns), and the
 * job's time series ({@code "series"}: columns, one entry per interval). fio's tools ignore the
 * key. Stateless; safe from any thread.
 */
final class JfioJson {
    private JfioJson() {}

    /** Whether the job has anything for {@link #write}. */
    static boolean has(JobResult job) {
        return job.series() != null && job.series().points() > 0 || hasHistograms(job);
    }

    private static boolean hasHistograms(JobResult job) {
        for (DirectionResult d : job.dirs()) {
            if (d.clat() != null && d.clat().histogram() != null) {
                return true;
            }
        }
        return false;
    }

    /** Writes "hdr_histograms" and "series" into the open "jfio" object. */
    static void write(JsonWriter w, JobResult job) {
        if (hasHistograms(job)) {
            w.beginObject("hdr_histograms");
            for (DirectionResult d : job.dirs()) {
                if (d.clat() == null || d.clat().histogram() == null) {
                    continue;
                }
                w.beginObject(IoOps.jsonName(d.op()));
                encoded(w, "slat_ns", d.slat());
                encoded(w, "clat_ns", d.clat());
                encoded(w, "lat_ns", d.lat());
                encoded(w, "sched_lat_ns", d.schedLat());
                w.endObject();
            }
            w.endObject();
        }
        IntervalSeries s = job.series();
        if (s != null && s.points() > 0) {
            w.beginObject("series");
            w.value("interval_ms", s.intervalMillis());
            if (s.zeroWallNanos() > 0) {
                w.value("zero_wall_ns", s.zeroWallNanos());
            }
            w.numbers("start_ms", s.startMillis());
            w.numbers("duration_ms", s.durationMillis());
            for (int d = 0; d < s.dirs().length; d++) {
                IntervalSeries.Direction dir = s.dirs()[d];
                if (dir == null) {
                    continue;
                }
                w.beginObject(IoOps.jsonName(IoOps.DATA[d]));
                w.numbers("ios", dir.ios());
                w.numbers("bytes", dir.bytes());
                for (int f = 0; f < IntervalSeries.FIGURES.size(); f++) {
                    w.numbers("clat_" + IntervalSeries.FIGURES.get(f) + "_ns", dir.clatNanos()[f]);
                }
                w.endObject();
            }
            w.endObject();
        }
    }

    private static void encoded(JsonWriter w, String name, LatencyResult l) {
        if (l != null && l.n() > 0 && l.histogram() != null) {
            w.value(name, HistogramText.encode(l.histogram()));
        }
    }
}
