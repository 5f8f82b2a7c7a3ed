package dev.jfio.jmh;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.PackedHistogram;
import org.HdrHistogram.SingleWriterRecorder;
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
 * The cost of one latency sample in the HdrHistogram forms jfio could use, with jfio's parameters
 * (1 ns to 1 h, 3 significant digits): {@link SingleWriterRecorder} (what
 * {@code dev.jfio.stats.LatencyRecorder} used until issue 11: two atomic increments of its
 * writer-reader phaser per value, so another thread may take interval histograms, and two
 * full-range histograms of 264 KiB each), a plain full-range {@link Histogram}, the auto-resizing
 * plain one LatencyRecorder uses now (sized to the largest value recorded), and a
 * {@link PackedHistogram} (what results keep; its memory follows the buckets in use), plus
 * {@link System#nanoTime()} for scale.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HistogramBenchmark {
    private static final long HIGHEST = TimeUnit.HOURS.toNanos(1);
    private static final int SAMPLES = 1024;

    private long[] latencies;
    private SingleWriterRecorder recorder;
    private Histogram histogram;
    private Histogram autoResizing;
    private PackedHistogram packed;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        recorder = new SingleWriterRecorder(1, HIGHEST, 3);
        histogram = new Histogram(1, HIGHEST, 3);
        autoResizing = new Histogram(3);
        packed = new PackedHistogram(3);
        latencies = LatencySamples.logUniform(SAMPLES, 0x2545f4914f6cdd1dL);
    }

    @Benchmark
    public void singleWriterRecorder() {
        recorder.recordValue(latencies[next++ & (SAMPLES - 1)]);
    }

    @Benchmark
    public void plainHistogram() {
        histogram.recordValue(latencies[next++ & (SAMPLES - 1)]);
    }

    /** A plain histogram that starts small and grows to the largest value recorded. */
    @Benchmark
    public void autoResizingHistogram() {
        autoResizing.recordValue(latencies[next++ & (SAMPLES - 1)]);
    }

    /** A histogram whose memory follows the buckets in use rather than the range. */
    @Benchmark
    public void packedHistogram() {
        packed.recordValue(latencies[next++ & (SAMPLES - 1)]);
    }

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }
}
