package dev.jfio.report.html;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the report page shows of one job, read from its JSON object: the headline per direction,
 * the engine's facts (the NBD export), the time series (the "jfio" key's, else fio's log files
 * next to the report) and the latency distribution (json+ bins, else the "jfio" key's encoded
 * histograms). The result is a plain map for {@link JsonText}. Stateless.
 */
final class JobModel {
    static final String[] DIRS = {"read", "write", "trim"};
    private static final String[][] PERCENTILES = {
        {"p50", "50.000000"}, {"p90", "90.000000"}, {"p99", "99.000000"}, {"p99.9", "99.900000"}
    };

    private JobModel() {}

    /**
     * @param run the report the job is in
     * @param index the job's position in the report, from 0
     * @throws IllegalArgumentException when fio's log files next to the report cannot be read
     */
    static Map<String, Object> of(RunFile run, Map<String, Object> job, int index) {
        Map<String, Object> out = new LinkedHashMap<>();
        String name = (String) job.get("jobname");
        out.put("name", name);
        out.put("label", run.jobs().size() > 1 ? run.label() + "#" + name : run.label());
        out.put("engine", option(run, job, "ioengine", "psync"));
        Map<String, Object> jfio = map(job.get("jfio"));
        Map<String, Object> dirs = new LinkedHashMap<>();
        Map<String, Object> dist = new LinkedHashMap<>();
        for (String d : DIRS) {
            Map<String, Object> dir = map(job.get(d));
            if (dir == null || !(number(dir.get("total_ios")) > 0)) {
                continue;
            }
            dirs.put(d, headline(dir));
            Map<String, Object> distribution = distribution(dir, map(map(jfio, "hdr_histograms"), d));
            if (distribution != null) {
                dist.put(d, distribution);
            }
        }
        out.put("dirs", dirs);
        out.put("dist", dist);
        out.put("usr_cpu", number(job.get("usr_cpu")));
        out.put("sys_cpu", number(job.get("sys_cpu")));
        Map<String, Object> engine = map(jfio, "engine");
        out.put("facts", engine == null ? Map.of() : engine);
        out.put("series", series(run, job, index, map(jfio, "series")));
        return out;
    }

    private static Map<String, Object> headline(Map<String, Object> dir) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("iops", number(dir.get("iops")));
        h.put("bw_bytes", dir.get("bw_bytes") != null ? number(dir.get("bw_bytes")) : number(dir.get("bw")) * 1024);
        h.put("ios", number(dir.get("total_ios")));
        h.put("runtime_ms", number(dir.get("runtime")));
        h.put("iops_mean", number(dir.get("iops_mean")));
        String kind = map(map(dir, "clat_ns"), "percentile") != null ? "clat_ns" : "lat_ns";
        Map<String, Object> lat = map(dir, kind);
        h.put("lat_kind", kind.replace("_ns", ""));
        h.put("mean", number(lat == null ? null : lat.get("mean")));
        h.put("max", number(lat == null ? null : lat.get("max")));
        Map<String, Object> pct = map(lat, "percentile");
        for (String[] p : PERCENTILES) {
            h.put(p[0], pct == null ? Double.NaN : number(pct.get(p[1])));
        }
        return h;
    }

    private static Map<String, Object> distribution(Map<String, Object> dir, Map<String, Object> encoded) {
        Map<String, Object> bins = map(map(dir, "clat_ns"), "bins");
        Map<String, Object> d = bins == null ? null : Distribution.ofBins(bins);
        String source = "json+ clat bins";
        if (d == null && encoded != null && encoded.get("clat_ns") instanceof String s) {
            d = Distribution.ofEncoded(s);
            source = "jfio's encoded clat histogram";
        }
        if (d == null) {
            bins = map(map(dir, "lat_ns"), "bins");
            d = bins == null ? null : Distribution.ofBins(bins);
            source = "json+ lat bins";
        }
        if (d != null) {
            d.put("source", source);
        }
        return d;
    }

    /** The series in the page's form: {"source", "t": seconds, per direction iops, bw, p50...max}. */
    private static Map<String, Object> series(RunFile run, Map<String, Object> job, int index, Map<String, Object> s) {
        if (s != null && s.get("start_ms") instanceof List<?> start) {
            List<?> duration = (List<?>) s.get("duration_ms");
            int n = start.size();
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                t[i] = number(start.get(i)) / 1000.0;
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put(
                    "source",
                    "the report's \"jfio\" series (" + (long) number(s.get("interval_ms")) + " ms intervals)");
            out.put("t", t);
            for (String d : DIRS) {
                Map<String, Object> dir = map(s, d);
                if (dir == null) {
                    continue;
                }
                Map<String, Object> cols = new LinkedHashMap<>();
                double[] iops = new double[n];
                double[] bw = new double[n];
                for (int i = 0; i < n; i++) {
                    double secs = Math.max(1, number(duration.get(i))) / 1000.0;
                    iops[i] = number(((List<?>) dir.get("ios")).get(i)) / secs;
                    bw[i] = number(((List<?>) dir.get("bytes")).get(i)) / secs;
                }
                cols.put("iops", iops);
                cols.put("bw", bw);
                for (String f : new String[] {"p50", "p90", "p99", "p99.9", "max"}) {
                    double[] col = new double[n];
                    List<?> values = (List<?>) dir.get("clat_" + f + "_ns");
                    for (int i = 0; i < n; i++) {
                        double ios = number(((List<?>) dir.get("ios")).get(i));
                        col[i] = ios > 0 && values != null ? number(values.get(i)) : Double.NaN;
                    }
                    cols.put(f, col);
                }
                out.put(d, cols);
            }
            return out;
        }
        String prefix = logPrefix(run, job);
        try {
            return FioLogs.series(
                    run.path().toAbsolutePath().getParent(), prefix, run.jobs().size() == 1 ? 0 : index + 1);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read fio's log files for job " + job.get("jobname") + " next to "
                    + run.path() + ": " + e.getMessage());
        }
    }

    /** write_bw_log's (or write_iops_log's, write_lat_log's) value, else the job's name, as fio names its logs. */
    private static String logPrefix(RunFile run, Map<String, Object> job) {
        for (String o : new String[] {"write_bw_log", "write_iops_log", "write_lat_log"}) {
            String v = option(run, job, o, null);
            if (v != null && !v.isEmpty() && !v.equals("1")) {
                return v;
            }
        }
        return (String) job.get("jobname");
    }

    private static String option(RunFile run, Map<String, Object> job, String name, String otherwise) {
        Map<String, Object> opts = map(job.get("job options"));
        if (opts != null && opts.get(name) != null) {
            return String.valueOf(opts.get(name));
        }
        Object g = run.globalOptions().get(name);
        return g != null ? String.valueOf(g) : otherwise;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map ? (Map<String, Object>) o : null;
    }

    static Map<String, Object> map(Map<String, Object> m, String key) {
        return m == null ? null : map(m.get(key));
    }

    static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
