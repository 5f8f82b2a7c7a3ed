package dev.jfio.run;

import java.util.List;

/**
 * How far a run is, for fio's ETA line (the CLI formats it).
 *
 * @param bytes bytes completed so far per data direction (READ, WRITE, TRIM), by clones past ramp_time
 * @param ios I/Os completed so far per data direction, by clones past ramp_time
 * @param clones each clone, in job order
 */
public record RunProgress(long[] bytes, long[] ios, List<CloneProgress> clones) {}
