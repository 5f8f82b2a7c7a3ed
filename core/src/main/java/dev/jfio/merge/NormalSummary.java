package dev.jfio.merge;

import dev.jfio.report.Reports;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jfio merge --output-format=normal}: a readable summary in the manner of fio's client-mode
 * normal output: one line per rank's job, then per group an "All clients: (groupid=0, jobs=N)"
 * block with fio's IOPS/BW lines, latency lines and percentiles, then the ranks' start skew and
 * whether the aggregate is partial. Stateless; safe from any thread.
 */
final class NormalSummary {
    private NormalSummary() {}

    static String of(MergedReport m) {
        StringBuilder sb = new StringBuilder();
        MergeFacts facts = m.facts();
        RankSet ranks = m.ranks();
        sb.append("jfio merge: ")
                .append(ranks.present().size())
                .append(" of ")
                .append(ranks.world())
                .append(" ranks merged\n");
        for (Object o : Tree.list(m.tree(), "client_stats")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) o;
            if (!e.containsKey("rank")) {
                continue;
            }
            sb.append('<')
                    .append(Tree.str(e, "hostname"))
                    .append("> rank ")
                    .append(Tree.lng(e, "rank"))
                    .append(' ')
                    .append(Tree.str(e, "jobname"))
                    .append(": (groupid=")
                    .append(Tree.lng(e, "groupid"))
                    .append("): err=")
                    .append(String.format(Locale.ROOT, "%2d", Tree.lng(e, "error")));
            for (String d : Aggregate.DIRS) {
                Map<String, Object> dir = Tree.map(e, d);
                if (dir != null && Tree.lng(dir, "io_bytes") > 0) {
                    sb.append(": ").append(d).append(' ').append(rates(dir));
                }
            }
            sb.append('\n');
        }
        for (Object o : Tree.list(m.tree(), "client_stats")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) o;
            if (!"All clients".equals(Tree.str(e, "jobname")) || e.containsKey("rank")) {
                continue;
            }
            Map<String, Object> jfio = Tree.map(e, "jfio");
            sb.append("\nAll clients: (groupid=")
                    .append(Tree.lng(e, "groupid"))
                    .append(", jobs=")
                    .append(Tree.lng(jfio, "jobs"))
                    .append("): err=")
                    .append(String.format(Locale.ROOT, "%2d", Tree.lng(e, "error")))
                    .append(": ranks=")
                    .append(join(Tree.list(jfio, "ranks")))
                    .append('\n');
            for (String d : Aggregate.DIRS) {
                Map<String, Object> dir = Tree.map(e, d);
                if (dir != null && Tree.lng(dir, "io_bytes") > 0) {
                    direction(sb, d, dir, Tree.map(jfio, "percentiles"));
                }
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "  cpu          : usr=%.2f%%, sys=%.2f%%, ctx=%d, majf=%d, minf=%d%n",
                    Tree.num(e, "usr_cpu"),
                    Tree.num(e, "sys_cpu"),
                    Tree.lng(e, "ctx"),
                    Tree.lng(e, "majf"),
                    Tree.lng(e, "minf")));
        }
        sb.append('\n');
        if (facts.skewMillis().isEmpty()) {
            sb.append("Start skew: unknown (the files have no start_wall_ns)\n");
        } else {
            List<String> per = new ArrayList<>();
            facts.skewMillis().forEach((r, ms) -> per.add(String.format(Locale.ROOT, "rank %d +%.3f", r, ms)));
            sb.append(String.format(Locale.ROOT, "Start skew: %.3f ms (", facts.maxSkewMillis()))
                    .append(String.join(", ", per))
                    .append(" ms)\n");
        }
        if (ranks.partial()) {
            sb.append("PARTIAL: ").append(facts.partialReason()).append('\n');
        }
        return sb.toString();
    }

    private static String rates(Map<String, Object> dir) {
        long runtime = Tree.lng(dir, "runtime");
        long bw = Tree.lng(dir, "bw_bytes");
        return "IOPS=" + Reports.etaCount(Math.round(Tree.num(dir, "iops"))) + ", BW="
                + Reports.bytesPerSecond(bw) + " (" + Reports.bytesPerSecondDecimal(bw) + ")("
                + Reports.bytes(Tree.lng(dir, "io_bytes")) + "/" + runtime + "msec)";
    }

    private static void direction(StringBuilder sb, String d, Map<String, Object> dir, Map<String, Object> sources) {
        sb.append("  ").append(d).append(": ").append(rates(dir)).append('\n');
        for (String kind : Aggregate.KINDS) {
            Map<String, Object> l = Tree.map(dir, kind);
            if (l == null || Tree.lng(l, "N") == 0) {
                continue;
            }
            String name = kind.replace("_ns", "").replace("_", " ");
            Unit u = Unit.of(Tree.lng(l, "min"));
            sb.append(String.format(
                    Locale.ROOT,
                    "    %4s (%s): min=%s, max=%s, avg=%.2f, stdev=%.2f, N=%d%n",
                    name,
                    u.label,
                    u.value(Tree.lng(l, "min")),
                    u.value(Tree.lng(l, "max")),
                    Tree.num(l, "mean") / u.divisor,
                    Tree.num(l, "stddev") / u.divisor,
                    Tree.lng(l, "N")));
        }
        for (String kind : Aggregate.KINDS) {
            Map<String, Object> pct = Tree.map(Tree.map(dir, kind), "percentile");
            if (pct == null) {
                continue;
            }
            String source = Tree.str(sources, d + " " + kind);
            Unit u = Unit.of(Tree.lng(Tree.map(dir, kind), "min"));
            sb.append("    ")
                    .append(kind.replace("_ns", "").replace("_", " "))
                    .append(" percentiles (")
                    .append(u.label)
                    .append(", ")
                    .append("exact".equals(source) ? "exact, from the merged histograms" : source)
                    .append("):\n");
            int i = 0;
            for (Map.Entry<String, Object> p : pct.entrySet()) {
                sb.append(i % 4 == 0 ? "     | " : ", ");
                sb.append(String.format(
                        Locale.ROOT,
                        "%.2fth=[%5s]",
                        Double.parseDouble(p.getKey()),
                        u.value(((Number) p.getValue()).longValue())));
                if (++i % 4 == 0 || i == pct.size()) {
                    sb.append('\n');
                }
            }
        }
    }

    private static String join(List<Object> values) {
        List<String> s = new ArrayList<>();
        if (values != null) {
            values.forEach(v -> s.add(String.valueOf(v)));
        }
        return String.join(",", s);
    }

    /** The unit fio's latency lines use, by the minimum. */
    private enum Unit {
        NSEC("nsec", 1),
        USEC("usec", 1_000),
        MSEC("msec", 1_000_000);

        final String label;
        final long divisor;

        Unit(String label, long divisor) {
            this.label = label;
            this.divisor = divisor;
        }

        static Unit of(long minNanos) {
            return minNanos >= 1_000_000 ? MSEC : minNanos >= 1_000 ? USEC : NSEC;
        }

        String value(long nanos) {
            return divisor == 1 ? Long.toString(nanos) : Long.toString(Math.round((double) nanos / divisor));
        }
    }
}
