package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Completions;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.JobResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every wait for completions ends by runtime plus drain_timeout: an engine whose I/O never
 * completes (a target that stopped answering) is waited for with a bounded getEvents timeout,
 * then what is in flight fails with ETIMEDOUT, the job fails and its report is still built.
 */
class DrainTimeoutTest {
    /** The longest timeout any getEvents call got, and the time limit the engine was told (-1: none). */
    private static final AtomicLong LONGEST_WAIT = new AtomicLong();

    private static final AtomicLong TIME_LIMIT = new AtomicLong();

    /** Takes every I/O and never completes one; getEvents honours its timeout as the SPI asks. */
    public static final class Unanswered implements IoEngineProvider {
        @Override
        public String name() {
            return "unanswered";
        }

        @Override
        public String description() {
            return "test engine whose I/O never completes";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.DISKLESS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                private int held;

                @Override
                public void setup(SetupContext setup) {
                    setup.setTargets(List.of(new IoTarget("unanswered")));
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    if (held == job.iodepth()) {
                        return QueueResult.BUSY;
                    }
                    held++;
                    return QueueResult.QUEUED;
                }

                @Override
                public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
                    LONGEST_WAIT.accumulateAndGet(timeoutNanos, Math::max);
                    if (timeoutNanos < 0) {
                        throw new IllegalStateException("an unbounded wait in a job with runtime");
                    }
                    LockSupport.parkNanos(timeoutNanos);
                    return 0;
                }

                @Override
                public void timeLimit(long limitNanos) {
                    TIME_LIMIT.set(limitNanos);
                }
            };
        }
    }

    @TempDir
    Path dir;

    private Runner.Outcome run(String... args) throws IOException {
        OneEngineRun run = new OneEngineRun(dir, Unanswered.class);
        Runner.Outcome outcome = run.run(args);
        runMillis = run.runMillis;
        return outcome;
    }

    private long runMillis;

    @Test
    void ioThatNeverCompletesFailsWithEtimedoutOnceRuntimeAndDrainTimeoutHavePassed() throws IOException {
        LONGEST_WAIT.set(-1);
        TIME_LIMIT.set(-1);
        Runner.Outcome outcome = run(
                "--name=stuck",
                "--ioengine=unanswered",
                "--size=1m",
                "--rw=randread",
                "--iodepth=4",
                "--runtime=1",
                "--time_based",
                "--drain_timeout=500ms");
        long ms = runMillis;

        assertEquals(1, outcome.exitCode());
        JobResult job = outcome.result().jobs().get(0);
        assertEquals(Errno.ETIMEDOUT, job.error());
        assertEquals("read of 4096 bytes at offset", job.errorMessage().substring(0, 28), job.errorMessage());
        assertTrue(
                job.errorMessage()
                        .endsWith("failed: ETIMEDOUT (no completion 500ms after runtime ended:"
                                + " drain_timeout=500ms; 4 I/Os in flight abandoned)"),
                job.errorMessage());
        assertEquals(4, job.totalErrors(), "each abandoned I/O is a failed I/O");
        assertEquals(Errno.ETIMEDOUT, job.firstError());
        assertEquals(500, job.drainTimeoutMillis());
        assertTrue(ms >= 1500 && ms < 4000, "the job took " + ms + " ms; runtime + drain_timeout is 1500 ms");
        assertTrue(
                LONGEST_WAIT.get() > 0 && LONGEST_WAIT.get() <= TimeUnit.MILLISECONDS.toNanos(1500),
                "getEvents waited at most runtime + drain_timeout: " + LONGEST_WAIT.get());
        assertTrue(TIME_LIMIT.get() != -1, "the engine was told the job's time limit");
    }

    @Test
    void drainTimeoutZeroAbandonsAtRuntimesEnd() throws IOException {
        Runner.Outcome outcome = run(
                "--name=stuck",
                "--ioengine=unanswered",
                "--size=1m",
                "--rw=write",
                "--iodepth=2",
                "--runtime=300ms",
                "--drain_timeout=0");
        long ms = runMillis;

        JobResult job = outcome.result().jobs().get(0);
        assertEquals(Errno.ETIMEDOUT, job.error());
        assertTrue(job.errorMessage().startsWith("write of 4096 bytes at offset "), job.errorMessage());
        assertTrue(
                job.errorMessage()
                        .endsWith("(no completion 0s after runtime ended: drain_timeout=0s;"
                                + " 2 I/Os in flight abandoned)"),
                job.errorMessage());
        assertEquals(0, job.drainTimeoutMillis());
        assertTrue(ms < 3000, "the job took " + ms + " ms; runtime is 300 ms and there is no drain");
    }
}
