package dev.jfio.run;

/**
 * When a run's I/O started and where its first job works, for a rank's report ("jfio" in JSON).
 *
 * @param ioStartWallNanos    the wall clock (epoch ns) when the first I/O loop started; -1 when none did
 * @param targetWallNanos     the ranks' common start (epoch ns), or -1 when there was none
 * @param regionOffset        the first job's first target's region: its offset in bytes
 * @param regionSize          and its length in bytes (-1 when not laid out)
 */
public record StartFacts(long ioStartWallNanos, long targetWallNanos, long regionOffset, long regionSize) {}
