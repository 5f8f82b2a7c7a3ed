package dev.jfio.jmh;

import dev.jfio.workload.BlockSizeGenerator;
import dev.jfio.workload.DistributionKind;
import dev.jfio.workload.OffsetGenerator;
import dev.jfio.workload.Rng;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-I/O workload generators: the offset of each I/O ({@link OffsetGenerator#next}) with fio's
 * random map, with norandommap and with a zipf distribution, and the size of each I/O
 * ({@link BlockSizeGenerator#next}) fixed and with a bssplit. Each call is one I/O's worth of work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WorkloadBenchmark {
    private static final int BS = 4096;
    /** 1 GiB of 4 KiB blocks, as in the ci/bench jobs. */
    private static final long REGION = 1L << 30;

    private OffsetGenerator randomMap;
    private OffsetGenerator noRandomMap;
    private OffsetGenerator zipf;
    private BlockSizeGenerator fixed;
    private BlockSizeGenerator split;

    @Setup(Level.Trial)
    public void setUp() {
        long seed = Rng.seedFor(0x89, 0, 0, Rng.STREAM_OFFSET);
        randomMap = new OffsetGenerator(0, REGION, BS, true, 100, DistributionKind.RANDOM, 0, false, seed);
        noRandomMap = new OffsetGenerator(0, REGION, BS, true, 100, DistributionKind.RANDOM, 0, true, seed);
        zipf = new OffsetGenerator(0, REGION, BS, true, 100, DistributionKind.ZIPF, 1.2, false, seed);
        long bsSeed = Rng.seedFor(0x89, 0, 0, Rng.STREAM_BLOCK_SIZE);
        fixed = new BlockSizeGenerator(BS, BS, null, null, bsSeed);
        split = new BlockSizeGenerator(
                BS, BS, new int[] {4096, 8192, 65536, 262144}, new int[] {50, 30, 15, 5}, bsSeed);
    }

    /** fio's default: every block once per pass; a time_based job starts a new pass when one ends. */
    @Benchmark
    public long offsetRandomMap() {
        long o = randomMap.next(BS);
        if (o < 0) {
            randomMap.nextPass();
            o = randomMap.next(BS);
        }
        return o;
    }

    @Benchmark
    public long offsetNoRandomMap() {
        return noRandomMap.next(BS);
    }

    @Benchmark
    public long offsetZipf() {
        return zipf.next(BS);
    }

    @Benchmark
    public int blockSizeFixed() {
        return fixed.next();
    }

    @Benchmark
    public int blockSizeSplit() {
        return split.next();
    }
}
