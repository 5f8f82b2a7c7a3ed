package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.testkit.EngineHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's waits against a slow server (nbdkit's delay filter): getEvents' timeout and request_timeout. */
class NbdEngineTimeoutTest {
    @TempDir
    Path dir;

    @Test
    void getEventsReturnsEmptyHandedWhenItsTimeoutPassesAndTheRequestStaysInFlight() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=300ms");
                EngineHarness h = EngineHarness.builder(new NbdEngineProvider())
                        .option(NbdOptions.URI, s.uri())
                        .iodepth(2)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                h.queueOne(IoOp.READ, 0, 4096);
                h.commit();
                long start = System.nanoTime();
                assertEquals(0, h.reap(1, 1, TimeUnit.MILLISECONDS.toNanos(30)));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 29 && ms < 200, "returned after " + ms + " ms");
                start = System.nanoTime();
                assertEquals(0, h.reap(1, 1, TimeUnit.MICROSECONDS.toNanos(200)), "sub-millisecond timeouts too");
                long us = (System.nanoTime() - start) / 1000;
                assertTrue(us >= 190 && us < 50_000, "returned after " + us + " us");
                assertEquals(1, h.reap(1, 1, -1));
            });
        }
    }

    @Test
    void requestTimeoutFailsEveryRequestInFlightWithEtimedoutThenTheJob() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=10");
                EngineHarness h = EngineHarness.builder(new NbdEngineProvider())
                        .option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.REQUEST_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(200))
                        .iodepth(4)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 3; i++) {
                    h.queueOne(IoOp.READ, i * 4096L, 4096);
                }
                h.commit();
                long start = System.nanoTime();
                assertEquals(3, h.reap(1, 4, -1));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 190 && ms < 1000, "timed out after " + ms + " ms");
                int failed = 0;
                for (IoUnit u : h.units()) {
                    if (u.error() != 0) {
                        assertEquals(Errno.ETIMEDOUT, u.error());
                        assertTrue(
                                u.errorMessage().contains("sent no reply within 0.2 s (request_timeout)"),
                                u.errorMessage());
                        failed++;
                    }
                }
                assertEquals(3, failed);
                IOException e = assertThrows(IOException.class, () -> h.queueOne(IoOp.READ, 0, 4096));
                assertTrue(e.getMessage().contains("request_timeout"), e.getMessage());
                h.cleanup();
            });
        }
    }

    @Test
    void interruptingAJobThreadBlockedOnASilentServerEndsTheWaitWithOneClearLine() throws Exception {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=10");
                EngineHarness h = EngineHarness.builder(new NbdEngineProvider())
                        .option(NbdOptions.URI, s.uri())
                        .iodepth(1)
                        .start()) {
            h.queueOne(IoOp.READ, 0, 4096);
            h.commit();
            IOException[] caught = new IOException[1];
            Thread waiter = new Thread(() -> {
                try {
                    h.reap(1, 1, -1);
                } catch (IOException e) {
                    caught[0] = e;
                }
            });
            waiter.start();
            Thread.sleep(200);
            long start = System.nanoTime();
            waiter.interrupt();
            waiter.join(2000);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(!waiter.isAlive() && ms < 1000, "the wait ended " + ms + " ms after the interrupt");
            assertTrue(
                    caught[0] != null && caught[0].getMessage().startsWith("interrupted while talking to NBD server"),
                    String.valueOf(caught[0]));
            h.cleanup(); // the connection is gone: nothing left to drain
        }
    }
}
