package dev.jfio.jmh;

import dev.jfio.cli.Main;
import dev.jfio.run.StopSignal;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The queue/reap loop on the null engine: one whole jfio run of {@value #IOS} 4 KiB random reads per
 * invocation, through {@link Main#run} as the command line does it, with the report discarded.
 * Results are per I/O ({@code @OperationsPerInvocation}); the run's fixed costs (parsing, thread
 * start, the report) are spread over the {@value #IOS} I/Os, so -prof gc's B/op is the per-I/O
 * allocation plus about (fixed allocation) / {@value #IOS}. {@link #nullEngineRandReadQuarter} does a
 * quarter of the I/Os per run: if B/op is fixed cost, it is four times as large there, and the
 * per-I/O allocation is (4 &times; long - short) / 3.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopBenchmark {
    static final int IOS = 1 << 22;
    static final int QUARTER = IOS / 4;

    @Param({"1", "64"})
    public int iodepth;

    private String[] args;
    private String[] quarterArgs;
    private final PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void setUp() {
        args = new String[] {
            "--name=loop",
            "--ioengine=null",
            "--rw=randread",
            "--bs=4k",
            "--size=1g",
            "--io_size=" + (long) IOS * 4096,
            "--iodepth=" + iodepth,
            "--output-format=json"
        };
        quarterArgs = args.clone();
        quarterArgs[5] = "--io_size=" + (long) QUARTER * 4096;
    }

    @Benchmark
    @OperationsPerInvocation(IOS)
    public int nullEngineRandRead() {
        return run(args);
    }

    @Benchmark
    @OperationsPerInvocation(QUARTER)
    public int nullEngineRandReadQuarter() {
        return run(quarterArgs);
    }

    private int run(String[] arguments) {
        int status = Main.run(arguments, discard, discard, Map.of(), new StopSignal());
        if (status != 0) {
            throw new IllegalStateException("jfio exited with status " + status);
        }
        return status;
    }
}
