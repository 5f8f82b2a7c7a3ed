package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job thread blocked where no interrupt reaches it (here open(2) of a FIFO with no writer, as a
 * device whose open blocks would) does not hold up the report: past its time limit, or a
 * drain_timeout after a stop, it is abandoned with ETIMEDOUT naming what it was blocked in.
 */
class StuckJobTest {
    /** The FIFO the engine opens; set before each run. */
    private static volatile Path fifo;

    /** Opens its target with a real, blocking open(2) that ignores interrupts. */
    public static final class BlockingOpen implements IoEngineProvider {
        @Override
        public String name() {
            return "blockingopen";
        }

        @Override
        public String description() {
            return "test engine whose open blocks in open(2)";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.DISKLESS, EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    setup.setTargets(List.of(new IoTarget(fifo.toString())));
                }

                @Override
                public void open(IoTarget target) throws IOException {
                    new FileInputStream(target.name()).close();
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }
            };
        }
    }

    @TempDir
    Path dir;

    @BeforeEach
    void makeFifo() throws Exception {
        fifo = dir.resolve("fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertEquals(0, mkfifo.waitFor(), "mkfifo (coreutils) failed");
    }

    /** Lets a blocked open return, so the abandoned thread ends before the next test. */
    @AfterEach
    void releaseTheBlockedThread() throws IOException {
        new RandomAccessFile(fifo.toFile(), "rw").close(); // O_RDWR: never blocks, and is a writer
    }

    @Test
    void anOpenThatNeverReturnsIsAbandonedWithEtimedoutAfterRuntimeAndDrainTimeout() throws IOException {
        OneEngineRun run = new OneEngineRun(dir, BlockingOpen.class);
        Runner.Outcome outcome =
                run.run("--name=stuck", "--ioengine=blockingopen", "--size=1m", "--runtime=1", "--drain_timeout=200ms");

        assertEquals(1, outcome.exitCode());
        JobResult job = outcome.result().jobs().get(0);
        assertEquals(Errno.ETIMEDOUT, job.error());
        assertEquals(
                "opening " + fifo + " did not return by the job's time limit (runtime plus drain_timeout);"
                        + " the job was abandoned",
                job.errorMessage());
        // due at 1.2 s, interrupted a second later, abandoned a second after that
        assertTrue(run.runMillis >= 3000 && run.runMillis < 6000, "the run took " + run.runMillis + " ms");
    }

    @Test
    void aStopWithoutRuntimeAbandonsABlockedJobAfterDrainTimeout() throws IOException {
        OneEngineRun run = new OneEngineRun(dir, BlockingOpen.class);
        Thread stopper = new Thread(() -> {
            while (!blockedInOpen()) {
                sleep(10);
            }
            run.stop.request("SIGTERM");
        });
        stopper.start();
        Runner.Outcome outcome =
                run.run("--name=stopped", "--ioengine=blockingopen", "--size=1m", "--drain_timeout=100ms");

        JobResult job = outcome.result().jobs().get(0);
        assertEquals(Errno.ETIMEDOUT, job.error());
        assertEquals(
                "opening " + fifo + " did not return after the stop (SIGTERM); the job was abandoned",
                job.errorMessage());
        assertTrue(run.runMillis >= 2100 && run.runMillis < 5000, "the run took " + run.runMillis + " ms");
    }

    /** Whether this test's job thread is in open(2) now. */
    private static boolean blockedInOpen() {
        return Thread.getAllStackTraces().entrySet().stream()
                .anyMatch(e -> e.getKey().getName().equals("jfio-stopped")
                        && e.getValue().length > 0
                        && e.getValue()[0].getMethodName().equals("open0"));
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
