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
import dev.jfio.workload.ZonedPicker;
import java.io.IOException;
import java.util.List;

/** Builds the workload generators of a job clone from its job's options. */
final class Workloads {
    private Workloads() {}

    /**
     * The offset generator of one region for the directions in {@code dirs} (several when a random
     * job's directions share one): aligned to their {@link #alignment}, random with the highest
     * {@code percentage_random} among them (each I/O then draws its own direction's).
     */
    static OffsetGenerator offsets(JobSpec spec, IoOp[] dirs, long start, long length, long seed) throws IOException {
        Distribution dist = spec.randomness().distribution();
        DistributionKind kind = dist.zoned()
                ? DistributionKind.RANDOM
                : DistributionKind.valueOf(dist.kind().name());
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
                dist.center(),
                true,
                spec.randomness().offsetsMayRepeat() || dist.zoned(),
                seed,
                seq.holeBytes(),
                seq.randomEvery(),
                seq.identical());
        if (dist.zoned() && !dist.zones(dirs[0]).isEmpty()) {
            g.useZones(zones(dist, dist.zones(dirs[0]), g.blocks(), alignment(spec, dirs[0])));
        }
        for (IoOp d : dirs) {
            if (spec.rw().uses(d) && !spec.bs(d).isFixed()) {
                try {
                    g.trackCoverage(); // fio's random map: every block once even when I/Os span several
                } catch (OutOfMemoryError | IllegalStateException e) {
                    if (!spec.randomness().softRandomMap()) {
                        throw new IOException("failed allocating random map of " + g.blocks() + " blocks (try the"
                                + " 'norandommap' option or set 'softrandommap'): Cannot allocate memory");
                    }
                    // softrandommap: as fio, go on without the map of covered blocks
                }
            }
        }
        return g;
    }

    /** Whether the directions' zoned distributions (if any) are the same, so one generator can serve them. */
    static boolean sameZones(JobSpec spec, IoOp[] dirs) {
        Distribution dist = spec.randomness().distribution();
        for (IoOp d : dirs) {
            if (!dist.zones(d).equals(dist.zones(dirs[0]))) {
                return false;
            }
        }
        return true;
    }

    /** fio's zone table over {@code blocks} units: zoned sizes are percentages of them, zoned_abs sizes bytes. */
    private static ZonedPicker zones(Distribution dist, List<Distribution.Zone> zones, long blocks, int unit)
            throws IOException {
        int n = zones.size();
        int[] access = new int[n];
        long[] start = new long[n];
        long[] count = new long[n];
        long prev = 0;
        for (int i = 0; i < n; i++) {
            Distribution.Zone z = zones.get(i);
            access[i] = z.accessPercent();
            if (dist.kind() == Distribution.Kind.ZONED) {
                start[i] = prev * blocks / 100;
                count[i] = blocks * z.size() / 100;
            } else {
                start[i] = prev / unit;
                count[i] = (prev + z.size()) / unit - start[i];
                if (start[i] + count[i] > blocks) {
                    throw new IOException("random_distribution=zoned_abs: zone sizes (" + (prev + z.size())
                            + " bytes) exceed the region (" + blocks * unit + " bytes): Invalid argument");
                }
            }
            prev += z.size();
        }
        return new ZonedPicker(access, start, count);
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
        int align = spec.sequencing().bsUnaligned() ? 1 : bs.min(); // fio's bs_unaligned: any byte count
        return new BlockSizeGenerator(bs.min(), bs.max(), align, sizes, percents, seed);
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
