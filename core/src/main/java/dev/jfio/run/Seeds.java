package dev.jfio.run;

import dev.jfio.job.JobSpec;
import dev.jfio.workload.Rng;
import java.util.concurrent.ThreadLocalRandom;

/** The seeds of a job clone's random streams (offsets, block sizes, mix, rate, buffers), all from one base. */
final class Seeds {
    /** The seed every random stream of this clone derives from. */
    private final long base;

    private final int job;
    private final int clone;

    Seeds(JobSpec spec, int cloneIndex) {
        // fio: randseed if set; else a fixed seed with randrepeat=1 or allrandrepeat=1 (repeatable runs),
        // a fresh one otherwise
        this.base = spec.randomness().randseedSet()
                        || spec.randomness().randrepeat()
                        || spec.randomness().allrandrepeat()
                ? spec.randomness().randseed()
                : ThreadLocalRandom.current().nextLong();
        this.job = spec.index();
        this.clone = cloneIndex;
    }

    /** The seed of one numbered stream. */
    long stream(int stream) {
        return Rng.seedFor(base, job, clone, stream);
    }
}
