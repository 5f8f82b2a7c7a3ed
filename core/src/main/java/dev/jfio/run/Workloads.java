package dev.jfio.run;

import dev.jfio.job.BlockSizeSpec;
import dev.jfio.job.BsSplitEntry;
import dev.jfio.job.Distribution;
import dev.jfio.job.JobSpec;
import dev.jfio.job.RateProcess;
import dev.jfio.job.Sequencing;
import dev.jfio.spi.IoOp;
import dev.jfio.workload.BlockSizeGenerator;
import dev.jfio.workload.DistributionKind;
import dev.jfio.workload.OffsetGenerator;
import dev.jfio.workload.RatePacer;
import java.util.List;

/** Builds the workload generators of a job clone from its job's options. */
final class Workloads {
    private Workloads() {}

    /**
     * The offset generator of one region for the directions in {@code dirs} (several when a random
     * job's directions share one): aligned to their {@link #alignment}, random with the highest
     * {@code percentage_random} among them (each I/O then draws its own direction's).
     */
    static OffsetGenerator offsets(JobSpec spec, IoOp[] dirs, long start, long length, long seed) {
        Distribution dist = spec.randomness().distribution();
        DistributionKind kind = DistributionKind.valueOf(dist.kind().name());
        Sequencing seq = spec.sequencing();
        int percentRandom = 0;
        for (IoOp d : dirs) {
            percentRandom = Math.max(percentRandom, spec.randomness().percentageRandom(d));
        }
        OffsetGenerator g = new OffsetGenerator(
                start,
                length,
                alignment(spec, dirs[0]),
                spec.rw().random(),
                percentRandom,
                kind,
                dist.param(),
                -1,
                true,
                spec.randomness().offsetsMayRepeat(),
                seed,
                seq.holeBytes(),
                seq.randomEvery(),
                seq.identical());
        for (IoOp d : dirs) {
            if (spec.rw().uses(d) && !spec.bs(d).isFixed()) {
                g.trackCoverage(); // fio's random map: every block once even when I/Os span several
            }
        }
        return g;
    }

    /** Where random offsets of direction {@code d} are aligned: fio's {@code blockalign}, by default the minimum block size. */
    static int alignment(JobSpec spec, IoOp d) {
        int ba = spec.sequencing().blockAlign(d);
        return ba > 0 ? ba : spec.minBlockSize();
    }

    static BlockSizeGenerator blockSizes(JobSpec spec, IoOp dir, long seed) {
        BlockSizeSpec bs = spec.bs(dir);
        List<BsSplitEntry> split = bs.split();
        int[] sizes = new int[split.size()];
        int[] percents = new int[split.size()];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = split.get(i).size();
            percents[i] = split.get(i).percent();
        }
        return new BlockSizeGenerator(bs.min(), bs.max(), sizes, percents, seed);
    }

    /** The pacer for one direction, or null when that direction is not rate limited. */
    static RatePacer pacer(JobSpec spec, IoOp dir, long seed) {
        long bytes = spec.rate().bytesPerSecond(dir);
        long iops = spec.rate().iops(dir);
        if (bytes <= 0 && iops <= 0) {
            return null;
        }
        return new RatePacer(bytes, iops, spec.rate().process() == RateProcess.POISSON, seed);
    }
}
