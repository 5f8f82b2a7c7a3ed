package dev.jfio.run;

/**
 * {@code rank_split=disjoint}: rank r of a multi-rank run takes the r-th of {@code ranks} equal
 * parts of each job's region, each aligned down to the job's largest block size, as
 * {@code offset_increment} gives each clone its own part. Stateless.
 */
final class RankSplit {
    private RankSplit() {}

    /** Whether the clone's region is split: several ranks and {@code rank_split=disjoint} (the default). */
    static boolean splits(JobClone clone) {
        return clone.ranks > 1 && !clone.spec.region().rankShared();
    }

    /**
     * The length of each rank's part of a region of {@code length} bytes.
     *
     * @throws SetupFailedException when a part would not hold one block of the largest size
     */
    static long part(JobClone clone, long length) {
        long align = Math.max(1, clone.spec.maxBlockSize());
        long part = length / clone.ranks / align * align;
        if (part < clone.spec.maxBlockSize()) {
            throw new SetupFailedException(clone.spec.name() + ": rank_split=disjoint: a region of " + length
                    + " bytes split " + clone.ranks + " ways leaves less than bs=" + clone.spec.maxBlockSize()
                    + " per rank; give a larger size or rank_split=shared");
        }
        return part;
    }
}
