package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** posixaio at depth: requests stay in flight until reaped, and cleanup copes with ones never reaped. */
class PosixAioEngineTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private EngineHarness start(int iodepth) throws IOException {
        return EngineHarness.builder(new PosixAioEngineProvider())
                .filename(dir.resolve("aio"))
                .iodepth(iodepth)
                .size(256 * BS)
                .direct(true)
                .start();
    }

    @Test
    void everyUnitCanBeInFlightAtOnceAndComesBackThroughGetEvents() throws IOException {
        try (EngineHarness h = start(16)) {
            for (int i = 0; i < 16; i++) {
                assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.WRITE, (long) i * 8 * BS, BS), "unit " + i);
            }
            assertEquals(16, h.inFlight());
            h.commit();
            int reaped = 0;
            while (reaped < 16) {
                int n = h.reap(1, 16, -1);
                assertTrue(n >= 1, "reap(1, 16) gave " + n);
                reaped += n;
            }
            assertEquals(0, h.inFlight());
        }
    }

    @Test
    void aZeroTimeoutReturnsAtOnceAndABoundedOneWaitsNoLongerThanAsked() throws IOException {
        try (EngineHarness h = start(4)) {
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, 0, BS));
            h.commit();
            long t0 = System.nanoTime();
            int n = h.reap(0, 1, 0);
            assertTrue(n <= 1);
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "a zero timeout blocked");
            h.drain();
        }
    }

    @Test
    void cleanupWithRequestsNeverReapedWaitsForGlibcAndReturns() throws IOException {
        EngineHarness h = start(16);
        for (int i = 0; i < 16; i++) {
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, (long) i * BS, BS));
        }
        h.commit();
        // as the runner after a time limit: the units are abandoned, the engine cleans up with them in flight
        assertTimeoutPreemptively(Duration.ofSeconds(15), h::cleanup);
    }
}
