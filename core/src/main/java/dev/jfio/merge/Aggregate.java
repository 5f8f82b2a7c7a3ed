package dev.jfio.merge;

import dev.jfio.stats.HistogramText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The "All clients" entry of one group: the job entries of that group on every rank summed as fio's
 * client mode sums them (stat.c sum_thread_stats), except that bandwidth and IOPS are the sums over
 * ranks of each rank's group rate (its bytes / its longest runtime, as fio's group reporting
 * computes it), and percentiles come from the merged histograms ({@link LatencyMerge}). The
 * distributions (IO depths, latency buckets) are weighted by each entry's I/Os and CPU use by its
 * job_runtime. Not thread-safe; one per group.
 */
final class Aggregate {
    static final String[] DIRS = {"read", "write", "trim", "mixed"};
    static final String[] KINDS = {"slat_ns", "clat_ns", "lat_ns", "sched_lat_ns"};
    private static final String[] DISTRIBUTIONS = {
        "iodepth_level", "iodepth_submit", "iodepth_complete", "latency_ns", "latency_us", "latency_ms"
    };

    private final int groupId;
    private final List<Member> members;
    /** Per direction, kind: how its percentiles were obtained. */
    private final Map<String, LatencyMerge.Source> sources = new LinkedHashMap<>();

    Aggregate(int groupId, List<Member> members) {
        this.groupId = groupId;
        this.members = members;
    }

    /** The ranks contributing, in order. */
    Set<Integer> ranks() {
        Set<Integer> out = new TreeSet<>();
        for (Member m : members) {
            out.add(m.rank().rank());
        }
        return out;
    }

    /** The group's id. */
    int jobsGroup() {
        return groupId;
    }

    /** Job entries summed. */
    int jobs() {
        return members.size();
    }

    /** Per "direction kind" (as "read clat_ns"), how the merged percentiles were obtained; filled by {@link #json}. */
    Map<String, LatencyMerge.Source> sources() {
        return sources;
    }

    /** The entry, keys in fio's order, then jfio's "jfio" object and fio's "hostname" and "port". */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jobname", "All clients");
        out.put("groupid", (long) groupId);
        long error = 0;
        for (Member m : members) {
            error = error != 0 ? error : Tree.lng(m.job(), "error");
        }
        out.put("error", error);
        Map<String, Object> histograms = new LinkedHashMap<>();
        for (String d : DIRS) {
            if (members.stream().anyMatch(m -> Tree.map(m.job(), d) != null)) {
                out.put(d, direction(d, histograms));
            }
        }
        out.put("sync", sync());
        long runtime = 0;
        double usr = 0;
        double sys = 0;
        for (Member m : members) {
            long r = Tree.lng(m.job(), "job_runtime");
            runtime += r;
            usr += Tree.num(m.job(), "usr_cpu") * r;
            sys += Tree.num(m.job(), "sys_cpu") * r;
        }
        out.put("job_runtime", runtime);
        out.put("usr_cpu", runtime == 0 ? 0.0 : usr / runtime);
        out.put("sys_cpu", runtime == 0 ? 0.0 : sys / runtime);
        for (String k : new String[] {"ctx", "majf", "minf"}) {
            out.put(k, sum(k));
        }
        for (String k : DISTRIBUTIONS) {
            out.put(k, distribution(k));
        }
        Map<String, Object> jfio = new LinkedHashMap<>();
        jfio.put("jobs", (long) members.size());
        jfio.put(
                "ranks",
                new ArrayList<Object>(ranks().stream().map(Long::valueOf).toList()));
        Map<String, Object> pct = new LinkedHashMap<>();
        sources.forEach((k, v) -> pct.put(k, v.name().toLowerCase(java.util.Locale.ROOT)));
        jfio.put("percentiles", pct);
        if (!histograms.isEmpty()) {
            jfio.put("hdr_histograms", histograms);
        }
        Map<String, Object> series = SeriesMerge.merge(members);
        if (series != null) {
            jfio.put("series", series);
        }
        out.put("jfio", jfio);
        Set<String> hosts = new LinkedHashSet<>();
        for (Member m : members) {
            hosts.add(m.rank().hostname());
        }
        out.put("hostname", String.join(",", hosts));
        out.put("port", 0L);
        return out;
    }

    private Map<String, Object> direction(String d, Map<String, Object> histograms) {
        Map<String, Object> out = new LinkedHashMap<>();
        long bytes = sum(d, "io_bytes");
        // per rank: its group's rate (bytes or I/Os over its longest runtime), then summed over ranks
        Map<Integer, long[]> perRank = new LinkedHashMap<>();
        for (Member m : members) {
            Map<String, Object> dir = Tree.map(m.job(), d);
            long[] r = perRank.computeIfAbsent(m.rank().rank(), k -> new long[3]);
            r[0] += Tree.lng(dir, "io_bytes");
            r[1] += Tree.lng(dir, "total_ios");
            r[2] = Math.max(r[2], Tree.lng(dir, "runtime"));
        }
        long bw = 0;
        double iops = 0;
        long runtime = 0;
        for (long[] r : perRank.values()) {
            bw += r[2] == 0 ? 0 : 1000 * r[0] / r[2];
            iops += r[2] == 0 ? 0 : 1000.0 * r[1] / r[2];
            runtime = Math.max(runtime, r[2]);
        }
        out.put("io_bytes", bytes);
        out.put("io_kbytes", bytes >> 10);
        out.put("bw_bytes", bw);
        out.put("bw", bw / 1024);
        out.put("iops", iops);
        out.put("runtime", runtime);
        for (String k : new String[] {"total_ios", "short_ios", "drop_ios"}) {
            out.put(k, sum(d, k));
        }
        Map<String, Object> dirHistograms = new LinkedHashMap<>();
        for (String kind : KINDS) {
            if (kind.equals("sched_lat_ns")
                    && members.stream().noneMatch(m -> Tree.map(Tree.map(m.job(), d), kind) != null)) {
                continue; // jfio's own kind, only for rate-limited jobs
            }
            LatencyMerge lm = new LatencyMerge();
            for (Member m : members) {
                lm.add(Tree.map(Tree.map(m.job(), d), kind), m.encoded(d, kind));
            }
            out.put(kind, lm.json());
            if (lm.source() != LatencyMerge.Source.NONE) {
                sources.put(d + " " + kind, lm.source());
            }
            if (lm.histogram() != null) {
                dirHistograms.put(kind, HistogramText.encode(lm.histogram()));
            }
        }
        if (!dirHistograms.isEmpty()) {
            histograms.put(d, dirHistograms);
        }
        // fio's client mode sums the sample statistics of bandwidth and IOPS (sum_stat's pure_sum)
        for (String s : new String[] {"bw", "iops"}) {
            String dev = s.equals("bw") ? "bw_dev" : "iops_stddev";
            double variance = 0;
            for (Member m : members) {
                variance += Math.pow(Tree.num(Tree.map(m.job(), d), dev), 2);
            }
            out.put(s + "_min", sum(d, s + "_min"));
            out.put(s + "_max", sum(d, s + "_max"));
            if (s.equals("bw")) {
                double mean = sumDouble(d, "bw_mean");
                out.put("bw_agg", bw == 0 ? 0.0 : 100.0 * mean * 1024 / bw);
                out.put("bw_mean", mean);
                out.put("bw_dev", Math.sqrt(variance));
            } else {
                out.put("iops_mean", sumDouble(d, "iops_mean"));
                out.put("iops_stddev", Math.sqrt(variance));
            }
            out.put(s + "_samples", sum(d, s + "_samples"));
        }
        return out;
    }

    private Map<String, Object> sync() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total_ios", sum("sync", "total_ios"));
        LatencyMerge lm = new LatencyMerge();
        for (Member m : members) {
            lm.add(Tree.map(Tree.map(m.job(), "sync"), "lat_ns"), null); // jfio keeps no sync histograms
        }
        out.put("lat_ns", lm.json());
        if (lm.source() != LatencyMerge.Source.NONE) {
            sources.put("sync lat_ns", lm.source());
        }
        return out;
    }

    private Map<String, Object> distribution(String key) {
        Map<String, Object> out = new LinkedHashMap<>();
        long weight = 0;
        for (Member m : members) {
            weight += m.ios();
        }
        for (Member m : members) {
            Map<String, Object> dist = Tree.map(m.job(), key);
            if (dist == null) {
                continue;
            }
            double w = weight == 0 ? 1.0 / members.size() : (double) m.ios() / weight;
            for (Map.Entry<String, Object> e : dist.entrySet()) {
                double v = e.getValue() instanceof Number n ? n.doubleValue() : 0;
                out.merge(e.getKey(), v * w, (a, b) -> (Double) a + (Double) b);
            }
        }
        return out;
    }

    private long sum(String key) {
        long s = 0;
        for (Member m : members) {
            s += Tree.lng(m.job(), key);
        }
        return s;
    }

    private long sum(String dir, String key) {
        long s = 0;
        for (Member m : members) {
            s += Tree.lng(Tree.map(m.job(), dir), key);
        }
        return s;
    }

    private double sumDouble(String dir, String key) {
        double s = 0;
        for (Member m : members) {
            s += Tree.num(Tree.map(m.job(), dir), key);
        }
        return s;
    }
}
