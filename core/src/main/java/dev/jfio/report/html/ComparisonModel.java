package dev.jfio.report.html;

import dev.jfio.compare.JobSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jfio compare}'s figures for the report's comparison charts: the first job (A) against each
 * other one (B), per direction IOPS, bandwidth and clat p50/p99/p99.9, and CPU, each with the ratio
 * B/A. Stateless.
 */
final class ComparisonModel {
    /** At most this many jobs are compared with the first. */
    static final int MAX_OTHERS = 8;

    private static final String[] PCT_NAMES = {"clat p50", "clat p99", "clat p99.9"};

    private ComparisonModel() {}

    /**
     * @param jobs every job of every report, in order, with its label
     * @return one comparison per other job; empty with fewer than two jobs
     */
    static List<Object> of(List<Map<String, Object>> jobs, List<String> labels) {
        List<Object> out = new ArrayList<>();
        if (jobs.size() < 2) {
            return out;
        }
        JobSummary a = JobSummary.of(jobs.get(0));
        for (int i = 1; i < jobs.size() && i <= MAX_OTHERS; i++) {
            JobSummary b = JobSummary.of(jobs.get(i));
            List<Object> rows = new ArrayList<>();
            for (String d : JobModel.DIRS) {
                JobSummary.Direction da = a.direction(d);
                JobSummary.Direction db = b.direction(d);
                if (da == null && db == null) {
                    continue;
                }
                rows.add(row(
                        d + " IOPS",
                        "count",
                        da == null ? Double.NaN : da.iops(),
                        db == null ? Double.NaN : db.iops()));
                rows.add(row(
                        d + " bandwidth",
                        "bytes",
                        da == null ? Double.NaN : da.bwBytes(),
                        db == null ? Double.NaN : db.bwBytes()));
                for (int p = 0; p < PCT_NAMES.length; p++) {
                    rows.add(row(
                            d + " " + PCT_NAMES[p],
                            "ns",
                            da == null ? Double.NaN : da.clatPercentiles()[p],
                            db == null ? Double.NaN : db.clatPercentiles()[p]));
                }
            }
            rows.add(row("cpu usr+sys", "percent", a.usrCpu() + a.sysCpu(), b.usrCpu() + b.sysCpu()));
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("a", labels.get(0));
            c.put("b", labels.get(i));
            c.put("rows", rows);
            out.add(c);
        }
        return out;
    }

    private static Map<String, Object> row(String metric, String unit, double a, double b) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("metric", metric);
        r.put("unit", unit);
        r.put("a", a);
        r.put("b", b);
        r.put("ratio", Double.isNaN(a) || Double.isNaN(b) || a == 0 ? Double.NaN : b / a);
        return r;
    }
}
