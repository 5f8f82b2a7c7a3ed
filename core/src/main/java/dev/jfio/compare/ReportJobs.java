package dev.jfio.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The jobs of a parsed report: its {@code "jobs"}, or for a merged report ({@code jfio merge}'s,
 * or fio's {@code --client} mode) its {@code "client_stats"}, where a rank's (a client's) entries
 * are renamed {@code JOB@rankN} ({@code JOB@host:port}) so that every name is unique, and the
 * aggregates stay "All clients" (with {@code @gN} when there are several groups). Stateless; safe
 * from any thread.
 */
public final class ReportJobs {
    /** The name of a merged report's aggregate entries. */
    public static final String ALL_CLIENTS = "All clients";

    private ReportJobs() {}

    /**
     * The report's job objects, in order; entries that are not objects are left out.
     *
     * @return empty when the report has neither "jobs" nor "client_stats"
     */
    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> of(Map<String, Object> report) {
        Object jobs = report.get("jobs");
        List<Map<String, Object>> out = new ArrayList<>();
        if (jobs instanceof List<?> list && !list.isEmpty()) {
            for (Object o : list) {
                if (o instanceof Map) {
                    out.add((Map<String, Object>) o);
                }
            }
            return out;
        }
        if (!(report.get("client_stats") instanceof List<?> clients)) {
            return out;
        }
        long groups = clients.stream()
                .filter(o -> o instanceof Map<?, ?> m && ALL_CLIENTS.equals(m.get("jobname")))
                .count();
        for (Object o : clients) {
            if (!(o instanceof Map)) {
                continue;
            }
            Map<String, Object> e = new LinkedHashMap<>((Map<String, Object>) o);
            Object name = e.get("jobname");
            if (ALL_CLIENTS.equals(name) && e.get("rank") == null) {
                if (groups > 1) {
                    e.put("jobname", ALL_CLIENTS + "@g" + whole(e.get("groupid")));
                }
            } else if (name instanceof String s && e.get("rank") != null) {
                e.put("jobname", s + "@rank" + whole(e.get("rank")));
            } else if (name instanceof String s && e.get("hostname") != null) {
                e.put("jobname", s + "@" + e.get("hostname") + ":" + whole(e.get("port")));
            }
            out.add(e);
        }
        return out;
    }

    /** The aggregate entry when the jobs hold exactly one, else null. */
    public static Map<String, Object> onlyAggregate(List<Map<String, Object>> jobs) {
        Map<String, Object> found = null;
        for (Map<String, Object> j : jobs) {
            if (ALL_CLIENTS.equals(j.get("jobname"))) {
                if (found != null) {
                    return null;
                }
                found = j;
            }
        }
        return found;
    }

    private static String whole(Object n) {
        return n instanceof Number v ? Long.toString(v.longValue()) : String.valueOf(n);
    }
}
