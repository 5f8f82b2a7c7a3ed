package dev.jfio.stats;

import dev.jfio.spi.IoOp;
import java.util.List;

/**
 * The figures of one interval alone (jfio's {@code --interval-stats}) of one job clone or, with
 * group_reporting, of one group's clones together.
 *
 * @param job the job's name (a group's first job's)
 * @param cloneIndex the clone's index; -1 for a group
 * @param groupId the reporting group
 * @param jobs clones whose figures these are
 * @param group whether these are a group's figures (group_reporting)
 * @param startNanos when the interval began ({@link System#nanoTime()}; a group's earliest)
 * @param endNanos when it ended (a group's latest)
 * @param last whether the job (every clone of the group) has ended: no interval follows
 * @param directions the directions the job does, in READ, WRITE, TRIM order
 */
public record IntervalResult(
        String job,
        int cloneIndex,
        int groupId,
        int jobs,
        boolean group,
        long startNanos,
        long endNanos,
        boolean last,
        List<Direction> directions) {

    /**
     * One direction's figures in the interval: completions, bytes and completion latency
     * (nanoseconds, exact min and max, percentiles clamped between them; all 0 without samples).
     */
    public record Direction(
            IoOp dir,
            long ios,
            long bytes,
            long clatSamples,
            long clatMin,
            long clatP50,
            long clatP90,
            long clatP99,
            long clatP999,
            long clatMax) {}
}
