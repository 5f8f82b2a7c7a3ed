package dev.jfio.merge;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a merge covered, for the top-level "jfio"."merge" object and the lines on stderr: the
 * ranks present, missing and failed (partial), each rank's start offset from the earliest
 * ({@code start_wall_ns}), and where percentiles are not exact. Immutable once built.
 */
final class MergeFacts {
    private final RankSet ranks;
    private final TreeMap<Integer, Double> skewMillis = new TreeMap<>();
    private final TreeSet<Integer> withoutHistograms = new TreeSet<>();
    private final TreeMap<String, LatencyMerge.Source> inexact = new TreeMap<>();

    MergeFacts(RankSet ranks, List<Aggregate> aggregates) {
        this.ranks = ranks;
        Long earliest = null;
        for (RankFile f : ranks.present().values()) {
            Long s = f.startWallNanos();
            earliest = s != null && (earliest == null || s < earliest) ? s : earliest;
        }
        for (RankFile f : ranks.present().values()) {
            Long s = f.startWallNanos();
            if (s != null) {
                skewMillis.put(f.rank(), (s - earliest) / 1e6);
            }
            for (Map<String, Object> job : f.jobs()) {
                if (measured(job) && Tree.map(Tree.map(job, "jfio"), "hdr_histograms") == null) {
                    withoutHistograms.add(f.rank());
                }
            }
        }
        for (Aggregate a : aggregates) {
            a.sources().forEach((k, v) -> {
                if (v != LatencyMerge.Source.EXACT) {
                    inexact.put("group " + a.jobsGroup() + " " + k, v);
                }
            });
        }
    }

    /** Whether the job has latencies that percentiles are computed of. */
    private static boolean measured(Map<String, Object> job) {
        for (String d : Aggregate.DIRS) {
            for (String kind : Aggregate.KINDS) {
                Map<String, Object> l = Tree.map(Tree.map(job, d), kind);
                if (Tree.lng(l, "N") > 0 && Tree.map(l, "percentile") != null) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The largest start offset, ms; NaN when no rank says when it started. */
    double maxSkewMillis() {
        return skewMillis.values().stream()
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Double.NaN);
    }

    /** Per rank, its start offset from the earliest rank's, ms. */
    Map<Integer, Double> skewMillis() {
        return skewMillis;
    }

    /** The "merge" object. */
    Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ranks", (long) ranks.world());
        out.put("present", longs(ranks.present().keySet()));
        out.put("missing", longs(ranks.missing()));
        out.put("failed", longs(ranks.failed()));
        out.put("partial", ranks.partial());
        Map<String, Object> skew = new LinkedHashMap<>();
        skewMillis.forEach((r, ms) -> skew.put(Integer.toString(r), ms));
        out.put("start_skew_ms", skew);
        if (!skewMillis.isEmpty()) {
            out.put("max_start_skew_ms", maxSkewMillis());
        }
        Map<String, Object> late = new LinkedHashMap<>();
        for (RankFile f : ranks.present().values()) {
            Map<String, Object> j = f.jfio();
            if (Tree.hasNum(j, "start_target_wall_ns") && Tree.hasNum(j, "start_wall_ns")) {
                late.put(
                        Integer.toString(f.rank()),
                        (Tree.lng(j, "start_wall_ns") - Tree.lng(j, "start_target_wall_ns")) / 1e6);
            }
        }
        if (!late.isEmpty()) { // how late each rank started after the common start (--start-at, barrier)
            out.put("start_after_target_ms", late);
        }
        out.put("percentiles", inexact.isEmpty() ? "exact" : "inexact");
        out.put("ranks_without_histograms", longs(withoutHistograms));
        String digest = null;
        for (RankFile f : ranks.present().values()) {
            digest = digest == null ? f.digest() : digest;
        }
        if (digest != null) {
            out.put("job_digest", ranks.digestMismatch() ? "mismatch" : digest);
        }
        List<Object> files = new ArrayList<>();
        for (RankFile f : ranks.present().values()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", f.path().toString());
            file.put("rank", (long) f.rank());
            file.put("hostname", f.hostname());
            Map<String, Object> jfio = f.jfio();
            for (String k : new String[] {"launcher", "start_wall_ns", "start_target_wall_ns", "job_digest"}) {
                if (jfio != null && jfio.get(k) != null) {
                    file.put(k, jfio.get(k));
                }
            }
            if (!f.failedJobs().isEmpty()) {
                file.put("failed_jobs", new ArrayList<Object>(f.failedJobs()));
            }
            files.add(file);
        }
        for (RankFile f : ranks.unreadable()) {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("file", f.path().toString());
            file.put("rank", f.rank() >= 0 ? (Object) (long) f.rank() : null);
            file.put("error", f.problem());
            files.add(file);
        }
        out.put("files", files);
        return out;
    }

    /** The lines for stderr: one per unreadable file, one for inexact percentiles, one when partial. */
    List<String> notices() {
        List<String> out = new ArrayList<>();
        for (RankFile f : ranks.unreadable()) {
            out.add("jfio merge: " + f.path() + ": " + f.problem() + "; "
                    + (f.rank() >= 0 ? "rank " + f.rank() : "its rank") + " counted as failed");
        }
        if (!inexact.isEmpty()) {
            String ranks = withoutHistograms.size() == 1
                    ? "rank " + join(withoutHistograms) + " has"
                    : "ranks " + join(withoutHistograms) + " have";
            out.add("jfio merge: "
                    + (withoutHistograms.isEmpty()
                            ? ""
                            : ranks + " no exact latency histograms (jobs[].jfio.hdr_histograms); ")
                    + "percentiles not exact: " + describeInexact());
        }
        if (ranks.partial()) {
            out.add("jfio merge: partial: " + partialReason());
        }
        return out;
    }

    private String describeInexact() {
        if (inexact.isEmpty()) {
            return "none written";
        }
        List<String> parts = new ArrayList<>();
        inexact.forEach((k, v) -> parts.add(k + " " + v.name().toLowerCase(Locale.ROOT)));
        return String.join(", ", parts);
    }

    /** "rank 3 missing; rank 1 failed (r1.json: job-a (error 5)); the aggregate covers ranks 0,2 of 4". */
    String partialReason() {
        List<String> parts = new ArrayList<>();
        if (!ranks.missing().isEmpty()) {
            parts.add((ranks.missing().size() == 1 ? "rank " : "ranks ") + join(ranks.missing()) + " missing");
        }
        for (RankFile f : ranks.present().values()) {
            if (!f.failedJobs().isEmpty()) {
                parts.add("rank " + f.rank() + " failed (" + f.path().getFileName() + ": "
                        + String.join(", ", f.failedJobs()) + ")");
            }
        }
        for (RankFile f : ranks.unreadable()) {
            parts.add((f.rank() >= 0 ? "rank " + f.rank() : "a rank") + " failed ("
                    + f.path().getFileName() + " unreadable)");
        }
        return String.join("; ", parts) + "; the aggregate covers "
                + (ranks.present().size() == 1 ? "rank " : "ranks ")
                + join(ranks.present().keySet()) + " of " + ranks.world();
    }

    private static String join(Collection<Integer> ranks) {
        List<String> s = new ArrayList<>();
        for (int r : ranks) {
            s.add(Integer.toString(r));
        }
        return String.join(",", s);
    }

    private static List<Object> longs(Collection<Integer> values) {
        List<Object> out = new ArrayList<>();
        for (int v : values) {
            out.add((long) v);
        }
        return out;
    }
}
