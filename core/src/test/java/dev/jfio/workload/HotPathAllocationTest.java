package dev.jfio.workload;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import dev.jfio.testing.AllocationCounter;
import org.junit.jupiter.api.Test;

/** Per-I/O calls must not allocate: 1M calls of each generator, measured by the JVM's allocation counter. */
class HotPathAllocationTest {

    private static final int CALLS = 1_000_000;
    /** Room for the measurement itself; a single allocation per call would be at least 16 MB. */
    private static final long SLACK_BYTES = 4096;

    private long sink;

    @Test
    void generatorsAllocateNothingPerCall() {
        com.sun.management.ThreadMXBean bean = AllocationCounter.threads();
        OffsetGenerator mapped =
                new OffsetGenerator(0, 1L << 32, 4096, true, 100, DistributionKind.RANDOM, 0, false, 1);
        OffsetGenerator uniform =
                new OffsetGenerator(0, 1L << 32, 4096, true, 100, DistributionKind.RANDOM, 0, true, 1);
        OffsetGenerator zipf = new OffsetGenerator(0, 1L << 32, 4096, true, 100, DistributionKind.ZIPF, 1.2, false, 1);
        OffsetGenerator pareto =
                new OffsetGenerator(0, 1L << 32, 4096, true, 100, DistributionKind.PARETO, 0.2, false, 1);
        OffsetGenerator normal =
                new OffsetGenerator(0, 1L << 32, 4096, true, 100, DistributionKind.NORMAL, 5, false, 1);
        OffsetGenerator mixed = new OffsetGenerator(0, 1L << 20, 4096, true, 50, DistributionKind.RANDOM, 0, false, 1);
        OffsetGenerator sequential =
                new OffsetGenerator(0, 1L << 20, 4096, false, 100, DistributionKind.RANDOM, 0, false, 1);
        BlockSizeGenerator split = new BlockSizeGenerator(0, 0, new int[] {4096, 8192}, new int[] {70, 30}, 1);
        BlockSizeGenerator range = new BlockSizeGenerator(512, 65536, null, null, 1);
        DirectionMixer mixer = new DirectionMixer(true, true, false, 70, 1);
        RatePacer linear = new RatePacer(1 << 30, 100_000, false, 1);
        RatePacer poisson = new RatePacer(0, 100_000, true, 1);
        Rng rng = new Rng(1);

        OffsetGenerator[] offsets = {mapped, uniform, zipf, pareto, normal, mixed, sequential};
        for (int round = 0; round < 2; round++) {
            // the first, shorter round warms up (class loading, interpreter, JIT); the second is measured
            int calls = round == 0 ? CALLS / 10 : CALLS;
            long before = bean.getCurrentThreadAllocatedBytes();
            for (OffsetGenerator gen : offsets) {
                for (int i = 0; i < calls; i++) {
                    long off = gen.next(4096);
                    if (off < 0) {
                        gen.nextPass();
                    }
                    sink += off;
                }
            }
            for (int i = 0; i < calls; i++) {
                sink += split.next() + range.next();
                IoOp d = mixer.next();
                sink += d.ordinal();
                sink += linear.nextDueNanos(i, 4096) + poisson.nextDueNanos(i, 4096);
                sink += rng.nextLong(1000) + (long) rng.nextGaussian() + (long) rng.nextExponential(5);
            }
            long allocated = bean.getCurrentThreadAllocatedBytes() - before;
            if (round == 1) {
                assertTrue(allocated < SLACK_BYTES, "hot path allocated " + allocated + " bytes");
            }
        }
    }
}
