package dev.jfio.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merged report of checked ranks ({@link RankSet}), as fio's client mode lays it out:
 * "client_stats" holds every rank's job entries (with fio's "hostname" and "port", and jfio's
 * "rank"), then one "All clients" entry per group ({@link Aggregate}); "disk_util" the ranks'
 * disks; the top-level "jfio"."merge" object what was merged and what was not ({@link
 * MergeFacts}). The ranks' entries are as the ranks wrote them (their series keep their own
 * {@code zero_wall_ns}); {@code timestamp_ms} is the earliest rank's. Immutable once built.
 */
final class MergedReport {
    private final Map<String, Object> tree = new LinkedHashMap<>();
    private final List<Aggregate> aggregates = new ArrayList<>();
    private final MergeFacts facts;
    private final RankSet ranks;

    MergedReport(RankSet ranks) {
        this.ranks = ranks;
        RankFile earliest = null;
        for (RankFile f : ranks.present().values()) {
            earliest = earliest == null || f.timestampMillis() < earliest.timestampMillis() ? f : earliest;
        }
        Map<String, Object> head = earliest.report();
        long timestamp = earliest.timestampMillis();
        tree.put("fio version", head.getOrDefault("fio version", "jfio"));
        tree.put("timestamp", timestamp / 1000);
        tree.put("timestamp_ms", timestamp);
        tree.put("time", head.getOrDefault("time", ""));
        Map<String, Object> globals = Tree.map(head, "global options");
        tree.put(
                "global options", globals != null ? globals : new LinkedHashMap<>()); // fio's client mode always has it
        List<Object> clients = new ArrayList<>();
        TreeMap<Long, List<Member>> groups = new TreeMap<>();
        List<Object> disks = new ArrayList<>();
        for (RankFile f : ranks.present().values()) {
            for (Map<String, Object> job : f.jobs()) {
                Map<String, Object> entry = new LinkedHashMap<>(job);
                entry.put("hostname", f.hostname());
                entry.put("port", 0L);
                entry.put("rank", (long) f.rank());
                clients.add(entry);
                groups.computeIfAbsent(Tree.lng(job, "groupid"), g -> new ArrayList<>())
                        .add(new Member(f, job));
            }
            List<Object> du = Tree.list(f.report(), "disk_util");
            if (du != null) {
                disks.addAll(du);
            }
        }
        for (Map.Entry<Long, List<Member>> g : groups.entrySet()) {
            Aggregate a = new Aggregate(g.getKey().intValue(), g.getValue());
            aggregates.add(a);
            clients.add(a.json());
        }
        tree.put("client_stats", clients);
        tree.put("disk_util", disks);
        this.facts = new MergeFacts(ranks, aggregates);
        Map<String, Object> jfio = new LinkedHashMap<>();
        jfio.put("merge", facts.json());
        tree.put("jfio", jfio);
    }

    /** The report as a tree. */
    Map<String, Object> tree() {
        return tree;
    }

    /** The aggregates, one per group. */
    List<Aggregate> aggregates() {
        return aggregates;
    }

    /** What was merged. */
    MergeFacts facts() {
        return facts;
    }

    /** The checked ranks. */
    RankSet ranks() {
        return ranks;
    }
}
