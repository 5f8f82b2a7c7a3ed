package dev.jfio.compare;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code jfio compare A.json B.json}: two JSON reports (jfio's or fio's) side by side, per
 * direction — IOPS, bandwidth, clat p50/p99/p99.9 — and CPU, each with the ratio B/A, so "what
 * does the NBD layer cost" is one line to read.
 *
 * <p>Forms: {@code compare A.json B.json} (one job in each), {@code compare RUN.json} (a report
 * of exactly two jobs, such as examples/nbd-vs-file.fio), and {@code FILE#JOB} to pick a job by
 * name. Stateless; safe from any thread.
 */
public final class Compare {
    private static final String USAGE =
            "usage: jfio compare A.json B.json | jfio compare RUN.json (two jobs);" + " FILE#JOB picks a job by name";

    private Compare() {}

    /**
     * Runs the command: the table goes to {@code out}, a one-line error to {@code err}.
     *
     * @param args the arguments after {@code compare}
     * @return 0, or 1 on bad input
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        try {
            List<Side> sides = sides(args);
            out.print(table(sides.get(0), sides.get(1)));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("jfio compare: " + e.getMessage());
            return 1;
        }
    }

    /** One side of the comparison: a job and where it came from. */
    record Side(String label, JobSummary job) {}

    static List<Side> sides(List<String> args) {
        if (args.size() == 1 && !args.get(0).startsWith("-")) {
            Source s = Source.of(args.get(0));
            List<Map<String, Object>> jobs = jobs(s);
            if (s.job != null || jobs.size() != 2) {
                throw new IllegalArgumentException(s.path + " holds " + jobs.size()
                        + " jobs; one report needs exactly two (or name two files). " + USAGE);
            }
            return List.of(
                    new Side(s.path.getFileName().toString(), JobSummary.of(jobs.get(0))),
                    new Side(s.path.getFileName().toString(), JobSummary.of(jobs.get(1))));
        }
        if (args.size() != 2 || args.get(0).startsWith("-") || args.get(1).startsWith("-")) {
            throw new IllegalArgumentException(USAGE);
        }
        List<Side> sides = new ArrayList<>();
        for (String arg : args) {
            Source s = Source.of(arg);
            List<Map<String, Object>> jobs = jobs(s);
            Map<String, Object> chosen = null;
            if (s.job != null) {
                for (Map<String, Object> j : jobs) {
                    if (s.job.equals(j.get("jobname"))) {
                        chosen = j;
                    }
                }
                if (chosen == null) {
                    throw new IllegalArgumentException(s.path + " has no job named '" + s.job + "'");
                }
            } else if (jobs.size() == 1) {
                chosen = jobs.get(0);
            } else if (ReportJobs.onlyAggregate(jobs) != null) { // a merged report: its "All clients"
                chosen = ReportJobs.onlyAggregate(jobs);
            } else {
                throw new IllegalArgumentException(s.path + " holds " + jobs.size() + " jobs; pick one with " + s.path
                        + "#JOBNAME (or use group_reporting)");
            }
            sides.add(new Side(s.path.getFileName().toString(), JobSummary.of(chosen)));
        }
        return sides;
    }

    private record Source(Path path, String job) {
        static Source of(String arg) {
            int hash = arg.lastIndexOf('#');
            if (hash > 0 && !Files.exists(Path.of(arg))) {
                return new Source(Path.of(arg.substring(0, hash)), arg.substring(hash + 1));
            }
            return new Source(Path.of(arg), null);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> jobs(Source s) {
        String text;
        try {
            text = Files.readString(s.path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read " + s.path + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + s.path + ": " + e.getMessage());
        }
        Map<String, Object> report;
        try {
            report = JsonReader.parseObject(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    s.path + " is not a JSON report (--output-format=json): " + e.getMessage());
        }
        List<Map<String, Object>> list = ReportJobs.of(report);
        if (list.isEmpty()) {
            throw new IllegalArgumentException(
                    s.path + " has no \"jobs\" (nor \"client_stats\"): not a fio or jfio JSON report");
        }
        return list;
    }

    /** The side-by-side table. */
    static String table(Side a, Side b) {
        StringBuilder sb = new StringBuilder();
        sb.append("A: ").append(describe(a)).append('\n');
        sb.append("B: ").append(describe(b)).append('\n');
        String row = "%-15s %14s %14s %9s%n";
        for (String d : new String[] {"read", "write", "trim"}) {
            JobSummary.Direction da = a.job().direction(d);
            JobSummary.Direction db = b.job().direction(d);
            if (da == null && db == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, row, d, "A", "B", "B/A"));
            line(
                    sb,
                    row,
                    "  IOPS",
                    da == null ? Double.NaN : da.iops(),
                    db == null ? Double.NaN : db.iops(),
                    Compare::count);
            line(
                    sb,
                    row,
                    "  bandwidth",
                    da == null ? Double.NaN : da.bwBytes(),
                    db == null ? Double.NaN : db.bwBytes(),
                    Compare::bandwidth);
            String[] names = {"  clat p50", "  clat p99", "  clat p99.9"};
            for (int i = 0; i < names.length; i++) {
                line(
                        sb,
                        row,
                        names[i],
                        da == null ? Double.NaN : da.clatPercentiles()[i],
                        db == null ? Double.NaN : db.clatPercentiles()[i],
                        Compare::nanos);
            }
        }
        sb.append(String.format(Locale.ROOT, row, "cpu", "A", "B", "B/A"));
        line(
                sb,
                row,
                "  usr+sys",
                a.job().usrCpu() + a.job().sysCpu(),
                b.job().usrCpu() + b.job().sysCpu(),
                v -> String.format(Locale.ROOT, "%.1f%%", v));
        return sb.toString();
    }

    private static String describe(Side s) {
        JobSummary j = s.job();
        return j.name() + " (" + s.label() + (j.engine().isEmpty() ? "" : ", ioengine=" + j.engine()) + ")";
    }

    private static void line(
            StringBuilder sb,
            String row,
            String label,
            double a,
            double b,
            java.util.function.DoubleFunction<String> format) {
        String ratio = Double.isNaN(a) || Double.isNaN(b) || a == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", b / a);
        sb.append(String.format(
                Locale.ROOT,
                row,
                label,
                Double.isNaN(a) ? "-" : format.apply(a),
                Double.isNaN(b) ? "-" : format.apply(b),
                ratio));
    }

    /** 19.5k, 1.20M, 950: fio's style for counts. */
    static String count(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** Bytes per second in binary units, as fio prints bandwidth. */
    static String bandwidth(double bytesPerSecond) {
        String[] units = {"B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s"};
        double v = bytesPerSecond;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f%s" : "%.1f%s", v, units[u]);
    }

    /** A latency in the largest unit that keeps it at 1 or more: ns, us, ms or s. */
    static String nanos(double ns) {
        if (ns >= 1e9) {
            return String.format(Locale.ROOT, "%.2fs", ns / 1e9);
        }
        if (ns >= 1e6) {
            return String.format(Locale.ROOT, "%.2fms", ns / 1e6);
        }
        if (ns >= 1e3) {
            return String.format(Locale.ROOT, "%.1fus", ns / 1e3);
        }
        return String.format(Locale.ROOT, "%.0fns", ns);
    }
}
