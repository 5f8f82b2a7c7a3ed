package dev.jfio.stats;

/**
 * Where a rank of a run launched on several hosts ran and when its I/O started: the top-level
 * {@code "jfio"} object of its JSON report and one line of its normal report. Immutable.
 *
 * @param rank                 this process's rank
 * @param ranks                the run's number of ranks
 * @param launcher             "openmpi", "pmi", "slurm", "kubernetes" or "cli"
 * @param hostname             this host's name
 * @param startWallNanos       the wall clock (epoch ns) when this rank's I/O started; -1 when none did
 * @param startTargetWallNanos the common start (epoch ns): the start-at time, else the barrier's
 *                             release; -1 when there was none
 * @param jobDigest            "sha256:&lt;hex&gt;" of the parsed jobs (as rank 0 reads them)
 * @param split                "disjoint" or "shared": the first job's rank_split
 * @param regionOffset         the first job's region on its first target, as this rank laid it out
 * @param regionSize           its length in bytes (-1 when unknown)
 */
public record RankPlacement(
        int rank,
        int ranks,
        String launcher,
        String hostname,
        long startWallNanos,
        long startTargetWallNanos,
        String jobDigest,
        String split,
        long regionOffset,
        long regionSize) {

    /** The line of the normal report: "rank 2 of 4 (openmpi) on host-a: started 0.4 ms after the common start". */
    public String line() {
        String head = "rank " + rank + " of " + ranks + " (" + launcher + ") on " + hostname + ": ";
        if (startWallNanos < 0) {
            return head + "no I/O started";
        }
        if (startTargetWallNanos < 0) {
            return head + "started at " + java.time.Instant.ofEpochSecond(0, startWallNanos)
                    + " (no common start: --start-at or --barrier-dir)";
        }
        double ms = (startWallNanos - startTargetWallNanos) / 1e6;
        return head
                + String.format(
                        java.util.Locale.ROOT,
                        "started %.1f ms %s the common start",
                        Math.abs(ms),
                        ms >= 0 ? "after" : "before");
    }
}
