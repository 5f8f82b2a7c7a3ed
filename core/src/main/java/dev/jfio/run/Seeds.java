package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.workload.Rng;
import java.util.concurrent.ThreadLocalRandom;

/** The seeds of a job clone's random streams (offsets, block sizes, mix, rate, buffers), all from one base. */
final class Seeds {
    /** The seed every random stream of this clone derives from. */
    private final long base;

    /** Keeps a rank's mixed seed apart from any randseed a job could give. */
    private static final long RANK_SALT = 0x6a66696f52616e6bL;

    private final int job;
    private final int clone;

    /** @param rank this process's rank: ranks above 0 mix it into the base, so ranks draw different offsets */
    Seeds(JobSpec spec, int cloneIndex, int rank) {
        // fio: randseed if set; else a fixed seed with randrepeat=1 or allrandrepeat=1 (repeatable runs),
        // a fresh one otherwise
        long chosen = spec.randomness().randseedSet()
                        || spec.randomness().randrepeat()
                        || spec.randomness().allrandrepeat()
                ? spec.randomness().randseed()
                : ThreadLocalRandom.current().nextLong();
        this.base = rank == 0 ? chosen : Rng.mix64(chosen ^ Rng.mix64(RANK_SALT + rank));
        this.job = spec.index();
        this.clone = cloneIndex;
    }

    /** The seed of one numbered stream. */
    long stream(int stream) {
        return Rng.seedFor(base, job, clone, stream);
    }
}
