package dev.jfio.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The time series of an aggregate: the members' {@code "jfio"."series"} put on the wall clock and
 * summed per interval of a common grid starting at the earliest point. A point starts at its
 * series' {@code zero_wall_ns} plus its {@code start_ms}; a series without {@code zero_wall_ns}
 * (a result written before ranks existed) falls back to its report's {@code timestamp_ms}, which is
 * the end of the run, and the merged series says so ({@code "aligned_by"}). I/Os and bytes are
 * sums; the max is the largest; p50...p99.9 are the I/O-weighted means of the members' (an
 * approximation, as coalesced points of one run are: the exact distributions per interval are in
 * the ranks' HdrHistogram logs). The merged series has its own {@code zero_wall_ns}, its first
 * point. Stateless; safe from any thread.
 */
final class SeriesMerge {
    private static final String[] FIGURES = {"p50", "p90", "p99", "p99.9", "max"};
    private static final long MS = 1_000_000L;

    private SeriesMerge() {}

    /** A member series' points on the wall clock (epoch ns). */
    static long[] wallStarts(Member m) {
        Map<String, Object> s = Tree.map(m.jfio(), "series");
        List<Object> start = Tree.list(s, "start_ms");
        long zero = Tree.hasNum(s, "zero_wall_ns")
                ? Tree.lng(s, "zero_wall_ns")
                : m.rank().timestampMillis() * MS;
        long[] out = new long[start == null ? 0 : start.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = zero + ((Number) start.get(i)).longValue() * MS;
        }
        return out;
    }

    /** The merged series, or null when no member has one. */
    static Map<String, Object> merge(List<Member> members) {
        long interval = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        boolean byTimestamp = false;
        List<Member> with = new ArrayList<>();
        for (Member m : members) {
            long[] wall = wallStarts(m);
            if (wall.length == 0) {
                continue;
            }
            with.add(m);
            Map<String, Object> s = Tree.map(m.jfio(), "series");
            interval = Math.max(interval, Tree.lng(s, "interval_ms") * MS);
            byTimestamp |= !Tree.hasNum(s, "zero_wall_ns");
            first = Math.min(first, wall[0]);
            last = Math.max(last, wall[wall.length - 1]);
        }
        if (with.isEmpty() || interval <= 0) {
            return null;
        }
        int n = slot(last, first, interval) + 1;
        long[] duration = new long[n];
        Map<String, long[][]> dirs = new LinkedHashMap<>(); // per direction: ios, bytes, figures...
        Map<String, double[][]> weighted = new LinkedHashMap<>();
        for (Member m : with) {
            Map<String, Object> s = Tree.map(m.jfio(), "series");
            long[] wall = wallStarts(m);
            List<Object> dur = Tree.list(s, "duration_ms");
            for (int i = 0; i < wall.length; i++) {
                int slot = slot(wall[i], first, interval);
                duration[slot] = Math.max(duration[slot], ((Number) dur.get(i)).longValue());
            }
            for (String d : new String[] {"read", "write", "trim"}) {
                Map<String, Object> dir = Tree.map(s, d);
                if (dir == null) {
                    continue;
                }
                long[][] cols = dirs.computeIfAbsent(d, k -> new long[2 + FIGURES.length][n]);
                double[][] w = weighted.computeIfAbsent(d, k -> new double[FIGURES.length][n]);
                List<Object> ios = Tree.list(dir, "ios");
                List<Object> bytes = Tree.list(dir, "bytes");
                for (int i = 0; i < wall.length; i++) {
                    int slot = slot(wall[i], first, interval);
                    long io = ((Number) ios.get(i)).longValue();
                    cols[0][slot] += io;
                    cols[1][slot] += ((Number) bytes.get(i)).longValue();
                    for (int f = 0; f < FIGURES.length; f++) {
                        List<Object> col = Tree.list(dir, "clat_" + FIGURES[f] + "_ns");
                        long v = col == null ? 0 : ((Number) col.get(i)).longValue();
                        if (f == FIGURES.length - 1) {
                            cols[2 + f][slot] = Math.max(cols[2 + f][slot], v);
                        } else {
                            w[f][slot] += (double) v * io;
                        }
                    }
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("interval_ms", interval / MS);
        out.put("zero_wall_ns", first);
        out.put("aligned_by", byTimestamp ? "timestamp_ms" : "zero_wall_ns");
        List<Object> start = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            start.add(i * (interval / MS));
        }
        out.put("start_ms", start);
        out.put("duration_ms", longs(duration));
        for (Map.Entry<String, long[][]> e : dirs.entrySet()) {
            long[][] cols = e.getValue();
            double[][] w = weighted.get(e.getKey());
            Map<String, Object> dir = new LinkedHashMap<>();
            dir.put("ios", longs(cols[0]));
            dir.put("bytes", longs(cols[1]));
            for (int f = 0; f < FIGURES.length; f++) {
                long[] col = cols[2 + f];
                if (f < FIGURES.length - 1) {
                    for (int i = 0; i < n; i++) {
                        col[i] = cols[0][i] == 0 ? 0 : Math.round(w[f][i] / cols[0][i]);
                    }
                }
                dir.put("clat_" + FIGURES[f] + "_ns", longs(col));
            }
            out.put(e.getKey(), dir);
        }
        List<Object> ranks = new ArrayList<>();
        with.stream().map(m -> (long) m.rank().rank()).distinct().sorted().forEach(ranks::add);
        out.put("ranks", ranks);
        return out;
    }

    private static int slot(long wall, long first, long interval) {
        return (int) ((wall - first + interval / 2) / interval);
    }

    private static List<Object> longs(long[] values) {
        List<Object> out = new ArrayList<>(values.length);
        for (long v : values) {
            out.add(v);
        }
        return out;
    }
}
