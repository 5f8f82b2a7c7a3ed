package dev.jfio.run;

/**
 * How far a run is, for fio's ETA line (the CLI formats it).
 *
 * @param running job clones started and not finished
 * @param fraction the part of the run done, 0 to 1: of the bytes to do, or of the runtime when that is further
 * @param bytes bytes completed so far per data direction (READ, WRITE, TRIM)
 * @param ios I/Os completed so far per data direction
 */
public record RunProgress(int running, double fraction, long[] bytes, long[] ios) {}
