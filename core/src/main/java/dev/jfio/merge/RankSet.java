package dev.jfio.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ranks' files checked against each other before a merge: one world size, each rank once,
 * the same jobs (job_digest); and what is missing or failed. Immutable once built.
 */
final class RankSet {
    private final List<RankFile> files;
    private final int world;
    private final TreeMap<Integer, RankFile> present = new TreeMap<>();
    private final TreeSet<Integer> failed = new TreeSet<>();
    private final TreeSet<Integer> missing = new TreeSet<>();
    private final boolean digestMismatch;

    /**
     * Checks the files.
     *
     * @param allowMismatch merge files whose job_digest differ instead of refusing them
     * @throws IllegalArgumentException one line: files of different runs, a rank twice, different jobs
     */
    RankSet(List<RankFile> files, boolean allowMismatch) {
        RankFile declared = null;
        RankFile undeclared = null;
        int world = -1;
        RankFile worldFrom = null;
        for (RankFile f : files) {
            if (!f.ok()) {
                continue;
            }
            if (f.declared()) {
                declared = declared == null ? f : declared;
            } else {
                undeclared = undeclared == null ? f : undeclared;
            }
            if (f.declared() && f.ranks() > 0) {
                if (world >= 0 && f.ranks() != world) {
                    throw new IllegalArgumentException(worldFrom.path() + " is one of " + world + " ranks but "
                            + f.path() + " one of " + f.ranks() + ": give the files of one run");
                }
                world = f.ranks();
                worldFrom = f;
            }
        }
        if (declared != null && undeclared != null) {
            throw new IllegalArgumentException(undeclared.path() + " has no rank (no top-level \"jfio\" object) but "
                    + declared.path() + " has: give the files of one distributed run");
        }
        this.world = world > 0 ? world : Math.max(files.size(), maxRank(files) + 1);
        List<RankFile> checked = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            RankFile f = files.get(i);
            // an unreadable file of a run without rank objects is, like the others, rank = its position
            checked.add(!f.ok() && f.rank() < 0 && declared == null ? f.withRank(i) : f);
        }
        for (RankFile f : checked) {
            if (f.rank() >= this.world) {
                throw new IllegalArgumentException(f.path() + " is rank " + f.rank() + " but the run has " + this.world
                        + " ranks (0-" + (this.world - 1) + ")");
            }
            if (!f.ok()) {
                if (f.rank() >= 0) {
                    failed.add(f.rank());
                }
                continue;
            }
            RankFile before = present.put(f.rank(), f);
            if (before != null) {
                throw new IllegalArgumentException(before.path() + " and " + f.path() + " are both rank " + f.rank()
                        + ": give each rank's file once");
            }
            if (!f.failedJobs().isEmpty()) {
                failed.add(f.rank());
            }
        }
        this.digestMismatch = checkDigests(allowMismatch);
        for (int r = 0; r < this.world; r++) {
            if (!present.containsKey(r) && !failed.contains(r)) {
                missing.add(r);
            }
        }
        // unreadable files whose rank is cut off (the rank object is at the end): when they are as many as
        // the ranks without a file, they are those ranks
        List<Integer> unknown = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (!checked.get(i).ok() && checked.get(i).rank() < 0) {
                unknown.add(i);
            }
        }
        if (!unknown.isEmpty() && unknown.size() == missing.size()) {
            for (int i : unknown) {
                int rank = missing.pollFirst();
                checked.set(i, checked.get(i).withRank(rank));
                failed.add(rank);
            }
        }
        this.files = checked;
    }

    private static int maxRank(List<RankFile> files) {
        int max = -1;
        for (RankFile f : files) {
            max = Math.max(max, f.rank());
        }
        return max;
    }

    private boolean checkDigests(boolean allowMismatch) {
        RankFile first = null;
        for (RankFile f : present.values()) {
            if (f.digest() == null) {
                continue;
            }
            if (first == null) {
                first = f;
            } else if (!first.digest().equals(f.digest())) {
                if (!allowMismatch) {
                    throw new IllegalArgumentException(first.label() + " and " + f.label()
                            + " ran different jobs (job_digest " + first.digest() + " vs " + f.digest()
                            + "); --allow-mismatch merges them anyway");
                }
                return true;
            }
        }
        return false;
    }

    /** The world size. */
    int world() {
        return world;
    }

    /** The files read, by rank. */
    Map<Integer, RankFile> present() {
        return present;
    }

    /** Ranks whose file could not be read or whose jobs failed. */
    TreeSet<Integer> failed() {
        return failed;
    }

    /** Ranks with no file. */
    TreeSet<Integer> missing() {
        return missing;
    }

    /** Files that could not be read. */
    List<RankFile> unreadable() {
        List<RankFile> out = new ArrayList<>();
        for (RankFile f : files) {
            if (!f.ok()) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether the aggregate lacks or holds a failed rank. */
    boolean partial() {
        return !missing.isEmpty() || !failed.isEmpty() || !unreadable().isEmpty();
    }

    /** Whether files of different job_digest were merged (--allow-mismatch). */
    boolean digestMismatch() {
        return digestMismatch;
    }
}
