package dev.jfio.jmh;

import java.io.PrintStream;
import java.io.OutputStream;
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

import dev.jfio.cli.Main;
import dev.jfio.run.StopSignal;

/**
 * The queue/reap loop on the null engine: one whole jfio run of {@value #IOS} 4 KiB random reads per
 * invocation, through {@link Main#run} as the command line does it, with the report discarded.
 * Results are per I/O ({@code @OperationsPerInvocation}); the run's fixed costs (parsing, thread
 * start, the report) are spread over the {@value #IOS} I/Os, so -prof gc's B/op is the per-I/O
 * allocation plus about (fixed allocation) / {@value #IOS}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoopBenchmark {
    static final int IOS = 1 << 22;

    @Param({"1", "64"})
    public int iodepth;

    private String[] args;
    private final PrintStream discard = new PrintStream(OutputStream.nullOutputStream());

    @Setup(Level.Trial)
    public void setUp() {
        args = new String[] {"--name=loop", "--ioengine=null", "--rw=randread", "--bs=4k", "--size=1g",
            "--io_size=" + (long) IOS * 4096, "--iodepth=" + iodepth, "--output-format=json"};
    }

    @Benchmark
    @OperationsPerInvocation(IOS)
    public int nullEngineRandRead() {
        int status = Main.run(args, discard, discard, Map.of(), new StopSignal());
        if (status != 0) {
            throw new IllegalStateException("jfio exited with status " + status);
        }
        return status;
    }
}
