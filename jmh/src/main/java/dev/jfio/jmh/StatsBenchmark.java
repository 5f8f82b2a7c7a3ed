package dev.jfio.jmh;

import dev.jfio.spi.IoOp;
import dev.jfio.stats.JobStats;
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
 * Latency recording: {@link JobStats#recordIo} for one completed I/O of an asynchronous engine
 * (slat, clat and lat recorded), and the per-loop {@link JobStats#tick}. The latencies cycle through
 * a spread of realistic values (a few µs to a few ms) so the histogram buckets touched vary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatsBenchmark {
    private static final int SAMPLES = 1024;

    private long[] latencies;
    private JobStats stats;
    private int next;
    private long now;

    @Setup(Level.Trial)
    public void setUp() {
        stats = new JobStats(new boolean[] {true, true, false}, true, false, 64);
        now = System.nanoTime();
        stats.begin(now);
        latencies = LatencySamples.logUniform(SAMPLES, 0x9e3779b97f4a7c15L);
    }

    @Benchmark
    public void recordIo() {
        int i = next++ & (SAMPLES - 1);
        long clat = latencies[i];
        stats.recordIo(IoOp.READ, 4096, 4096, 300, clat, clat + 300, -1);
    }

    /** The same with 50/50 reads and writes, as a randrw job records. */
    @Benchmark
    public void recordIoMixed() {
        int i = next++ & (SAMPLES - 1);
        long clat = latencies[i];
        stats.recordIo((i & 1) == 0 ? IoOp.READ : IoOp.WRITE, 4096, 4096, 300, clat, clat + 300, -1);
    }

    /** The loop's clock tick: a compare, and every 500 ms of simulated time one sample window closed. */
    @Benchmark
    public void tick() {
        now += 1_000;
        stats.tick(now);
    }
}
