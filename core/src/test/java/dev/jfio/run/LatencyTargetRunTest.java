package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Errno;
import dev.jfio.stats.JobResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * latency_target's queue-depth search, max_latency and serialize_overlap against {@link
 * CrowdedEngine}, whose latency is 10 ms per I/O in flight.
 */
class LatencyTargetRunTest {
    @TempDir
    Path dir;

    private JobResult run(String... extra) throws Exception {
        String[] base = {"--name=t", "--ioengine=crowded", "--filename=t0", "--size=1m", "--bs=4k"};
        String[] args = Stream.concat(Arrays.stream(base), Arrays.stream(extra)).toArray(String[]::new);
        return new OneEngineRun(dir, CrowdedEngine.class)
                .run(args)
                .result()
                .jobs()
                .get(0);
    }

    @Test
    void theSearchSettlesOnTheDeepestQueueThatMeetsTheTargetAndReportsOnlyTheFinalWindow() throws Exception {
        // depth 4: 40 ms, depth 5: 50 ms and more, always; a target of 49 ms allows 4. Half of each
        // window must meet it: deeper queues never can, and a noisy machine rarely delays half by 9 ms
        JobResult r = run(
                "--rw=randread",
                "--iodepth=8",
                "--time_based",
                "--runtime=30s",
                "--latency_target=49ms",
                "--latency_window=400ms",
                "--latency_percentile=50");
        assertEquals(0, r.error(), r.errorMessage());
        assertEquals(4, r.latencyTarget().depth(), "the depth found");
        assertEquals(49_000_000L, r.latencyTarget().targetNanos());
        assertEquals(400_000L, r.latencyTarget().windowMicros(), "fio prints the window in microseconds");
        assertTrue(r.jobRuntimeMillis() < 2000, "the report covers the final window only: " + r.jobRuntimeMillis());
        assertTrue(r.elapsedSeconds() < 20, "the job ends once the depth is found, long before runtime");
    }

    @Test
    void withoutATargetTheJobRunsAtItsIodepthAndReportsIt() throws Exception {
        JobResult r = run("--rw=randread", "--iodepth=8", "--number_ios=16");
        assertEquals(8, r.latencyTarget().depth());
        assertEquals(0, r.latencyTarget().targetNanos());
    }

    @Test
    void aLatencyAboveMaxLatencyFailsTheJobWithEtimedout() throws Exception {
        JobResult failed = run("--rw=read", "--iodepth=2", "--number_ios=8", "--max_latency=15ms");
        assertEquals(Errno.ETIMEDOUT, failed.error());
        assertTrue(failed.errorMessage().contains("exceeds specified max (15000000 nsec)"), failed.errorMessage());
        JobResult writesOnly = run("--rw=read", "--iodepth=2", "--number_ios=8", "--max_latency=,15ms");
        assertEquals(0, writesOnly.error(), "max_latency=,15ms bounds writes only: " + writesOnly.errorMessage());
        JobResult loose = run("--rw=read", "--iodepth=2", "--number_ios=8", "--max_latency=1s");
        assertEquals(0, loose.error(), loose.errorMessage());
    }

    @Test
    void aTargetMissedAtDepthOneFailsTheJob() throws Exception {
        JobResult r = run("--rw=read", "--iodepth=4", "--number_ios=8", "--latency_target=2ms");
        assertEquals(Errno.ETIMEDOUT, r.error(), "10 ms at depth 1 misses a 2 ms target with nowhere lower to go");
    }

    @Test
    void serializeOverlapHoldsAnIoBackWhileAnOverlappingOneIsInFlight() throws Exception {
        String[] job = {"--rw=randwrite", "--norandommap", "--size=16k", "--io_size=256k", "--iodepth=8"};
        CrowdedEngine.OVERLAPS.set(0);
        run(job);
        assertTrue(CrowdedEngine.OVERLAPS.get() > 0, "4 blocks, 8 in flight: writes overlap without the option");
        CrowdedEngine.OVERLAPS.set(0);
        JobResult r = run(Stream.concat(Arrays.stream(job), Stream.of("--serialize_overlap=1"))
                .toArray(String[]::new));
        assertEquals(0, r.error(), r.errorMessage());
        assertEquals(0, CrowdedEngine.OVERLAPS.get(), "no write was queued over one in flight");
        assertEquals(64, r.issued()[1], "every write still went");
    }
}
