package dev.jfio.report;

import dev.jfio.stats.GroupResult;
import dev.jfio.stats.JobResult;
import dev.jfio.stats.LatencyResult;
import dev.jfio.stats.LatencyTargetResult;
import dev.jfio.stats.PercentileConfig;
import dev.jfio.stats.RunResult;
import java.util.Arrays;

/** Figures the formats share, computed as fio's stat.c computes them. Stateless. */
final class ReportSupport {

    /** fio's FIO_IO_U_LIST_MAX_LEN. */
    static final int MAX_PERCENTILES = 20;

    private ReportSupport() {}

    /** The percentile points fio uses: the list up to its first 0, at most 20, sorted. */
    static double[] points(PercentileConfig cfg) {
        double[] raw = cfg == null || cfg.points() == null ? PercentileConfig.DEFAULT_POINTS : cfg.points();
        int len = 0;
        while (len < raw.length && len < MAX_PERCENTILES && raw[len] != 0.0) {
            len++;
        }
        double[] p = Arrays.copyOf(raw, len);
        Arrays.sort(p);
        return p;
    }

    /** The job's latency_target line; a result built by hand has none: no target, at its iodepth. */
    static LatencyTargetResult latencyTarget(JobResult job) {
        return job.latencyTarget() != null ? job.latencyTarget() : LatencyTargetResult.untargeted(job.iodepth());
    }

    static boolean clatPct(JobResult job) {
        return job.percentiles() != null && job.percentiles().clat();
    }

    static boolean latPct(JobResult job) {
        return job.percentiles() != null && job.percentiles().lat();
    }

    static boolean slatPct(JobResult job) {
        return job.percentiles() != null && job.percentiles().slat();
    }

    static boolean has(LatencyResult l) {
        return l != null && l.n() > 0;
    }

    static LatencyResult orEmpty(LatencyResult l) {
        return l == null ? LatencyResult.EMPTY : l;
    }

    /** The group summary of {@code ddir} for the job's group, or null when the run has none. */
    static GroupResult.DirectionGroup group(RunResult run, int groupId, int ddir) {
        if (run.groups() == null) {
            return null;
        }
        for (GroupResult g : run.groups()) {
            if (g.groupId() == groupId && g.dirs() != null && ddir < g.dirs().length) {
                return g.dirs()[ddir];
            }
        }
        return null;
    }

    static long agg(GroupResult.DirectionGroup g) {
        return g == null ? 0 : g.aggBwBytes();
    }

    /** fio's convert_agg_kbytes_percent (normal and JSON): the job's share of the group bandwidth. */
    static double percentOfAgg(long aggBytes, double meanKib) {
        double p = 100.0;
        if (aggBytes > 1024) {
            // fio passes the mean as an int
            p = (int) meanKib * 100.0 / (aggBytes / 1024.0);
            if (p > 100.0) {
                p = 100.0;
            }
        }
        return p;
    }

    /**
     * fio's {@code rs->unified_rw_rep} of a group: the OR of its jobs' unified_rw_reporting values
     * (0 none, 1 mixed, 2 both), so a group that mixes "mixed" and "both" jobs gets neither label.
     */
    static int unified(RunResult run, int groupId) {
        int bits = 0;
        for (JobResult j : run.jobs()) {
            if (j.groupId() == groupId && j.unifiedRw() != null) {
                bits |= j.unifiedRw().ordinal();
            }
        }
        return bits;
    }

    /** fio's {@code rs->sig_figs} of a group: the last of its jobs' significant_figures. */
    static int sigFigs(RunResult run, int groupId) {
        int sig = Num2Str.SIG_FIGS;
        for (JobResult j : run.jobs()) {
            if (j.groupId() == groupId && j.significantFigures() > 0) {
                sig = j.significantFigures();
            }
        }
        return sig;
    }

    /**
     * Whether the group's normal report shows rates in bits (fio's {@code unit_base=1}), from its
     * jobs' own options or the run's global ones.
     */
    static boolean bits(RunResult run, int groupId) {
        String global = run.globalOptions().getOrDefault("unit_base", "");
        for (JobResult j : run.jobs()) {
            if (j.groupId() == groupId
                    && j.jobOptions().getOrDefault("unit_base", global).trim().equals("1")) {
                return true;
            }
        }
        return false;
    }

    static double at(double[] a, int i) {
        return a == null || i >= a.length ? 0.0 : a[i];
    }

    static long at(long[] a, int i) {
        return a == null || i >= a.length ? 0 : a[i];
    }

    /** The normal report's drain line: how long I/O in flight at runtime's end may take, and what then. */
    static String drain(long millis) {
        String limit = millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
        return "drain_timeout=" + limit + " (I/O still in flight " + limit
                + " after runtime or a stop fails with ETIMEDOUT)";
    }
}
