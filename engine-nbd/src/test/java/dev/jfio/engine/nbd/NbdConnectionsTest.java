package dev.jfio.engine.nbd;

import static dev.jfio.engine.nbd.NbdEngineTest.MIB;
import static dev.jfio.engine.nbd.NbdEngineTest.job;
import static dev.jfio.engine.nbd.NbdEngineTest.noticesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.PipelineStats;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nbd_connections}: a job's requests over several connections, against real servers. */
class NbdConnectionsTest {
    @TempDir
    Path dir;

    /** The requests each connection carried, from the report of a cleaned-up engine. */
    private static long[] requestsPerConnection(EngineHarness h) {
        String v = h.engine().properties().get("requests_per_connection");
        assertTrue(v != null, "no requests_per_connection in " + h.engine().properties());
        return Arrays.stream(v.split(",")).mapToLong(Long::parseLong).toArray();
    }

    @Test
    void twoAndFourNbdkitConnectionsCarryEveryDepthFromOneTo64AndReadBackWhatWasWritten() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M")) {
            for (int n : new int[] {2, 4}) {
                for (int depth : new int[] {1, 2, 4, 16, 64}) {
                    String what = "nbd_connections=" + n + " iodepth=" + depth;
                    try (EngineHarness h = job().option(NbdOptions.URI, s.uri())
                            .option(NbdOptions.CONNECTIONS, (long) n)
                            .iodepth(depth)
                            .size(8 * MIB)
                            .start()) {
                        int used = Math.min(n, depth);
                        assertEquals(
                                Integer.toString(used), h.engine().properties().get("connections"), what);
                        PipelineStats w = h.pipeline(IoOp.WRITE, 1024, 4096, false);
                        assertEquals(0, w.errors, what + ": " + w);
                        PipelineStats r = h.pipeline(IoOp.READ, 1024, 4096, true);
                        assertEquals(0, r.errors, what + ": " + r);
                        assertEquals(0, r.mismatches, what + ": " + r);
                        assertEquals(depth, r.maxInFlight, what + ": " + r);
                        h.cleanup();
                        if (used == 1) {
                            continue;
                        }
                        long[] per = requestsPerConnection(h);
                        assertEquals(used, per.length, what);
                        assertEquals(2048, Arrays.stream(per).sum(), what);
                        for (long k : per) {
                            assertTrue(k >= 2048 / used / 4, what + ": unbalanced " + Arrays.toString(per));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aBlockWrittenOnOneConnectionIsReadBackThroughAnother() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 4L)
                        .iodepth(4)
                        .start()) {
            byte[] data = EngineHarness.pattern(MIB, 4096);
            h.write(MIB, data);
            // one request at a time: each goes to the next idle connection
            assertArrayEquals(data, h.read(MIB, 4096));
            h.flush();
            h.cleanup();
            assertArrayEquals(new long[] {1, 1, 1, 0}, requestsPerConnection(h));
        }
    }

    @Test
    void aFlushWaitsUntilNoRequestIsInFlightOnAnyConnection() throws IOException {
        try (EngineHarness h =
                job().option(NbdOptions.CONNECTIONS, 2L).iodepth(4).start()) {
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.WRITE, 0, 4096));
            h.commit();
            // with CAN_MULTI_CONN a FLUSH covers the writes completed before it, on any connection
            assertEquals(QueueResult.BUSY, h.queueOne(IoOp.FLUSH, 0, 0));
            h.drain();
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.FLUSH, 0, 0));
            h.drain();
            for (IoUnit u : h.units()) {
                assertEquals(0, u.error(), u.errorMessage());
            }
        }
    }

    @Test
    void writingThroughSeveralConnectionsIsRefusedWhenQemuNbdDoesNotAdvertiseMultiConn() throws IOException {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 16 * MIB, "q", 1)) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.URI, s.uri())
                            .option(NbdOptions.CONNECTIONS, 4L)
                            .iodepth(8)
                            .rw("randwrite")
                            .start());
            assertTrue(
                    e.getMessage()
                            .startsWith("nbd_connections=4 needs NBD_FLAG_CAN_MULTI_CONN, which NBD export "
                                    + s.endpoint() + " does not advertise"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("qemu-nbd advertises it with -e 2"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void aSecondConnectionToQemuNbdWithOneSharedConnectionFailsNamingItAndTheFix() throws IOException {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 16 * MIB, "q", 1)) {
            long t0 = System.nanoTime();
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.URI, s.uri())
                            .option(NbdOptions.CONNECTIONS, 2L)
                            .option(NbdOptions.CONNECT_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(700))
                            .iodepth(4)
                            .rw("randread")
                            .start());
            assertTrue(e.getMessage().startsWith("connection 2 of 2: "), e.getMessage());
            assertTrue(e.getMessage().contains("qemu-nbd -e N"), e.getMessage());
            assertTrue(e.getMessage().endsWith("times nbd_connections"), e.getMessage());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4), "failed in time, not hung");
        }
    }

    @Test
    void readingThroughSeveralConnectionsWithoutMultiConnWarnsOnceAndReads() throws IOException {
        NbdEngineProvider run = new NbdEngineProvider();
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=multi-conn", "multi-conn-mode=disable");
                EngineHarness a = job(run).option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 2L)
                        .iodepth(8)
                        .size(4 * MIB)
                        .rw("randread")
                        .start();
                EngineHarness b = job(run).option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 2L)
                        .iodepth(8)
                        .rw("randread")
                        .cloneIndex(1)
                        .start()) {
            assertEquals(1, a.notices().size(), noticesOf(a));
            assertTrue(
                    noticesOf(a)
                            .startsWith("warning: nbd_connections=2 but NBD export " + s.endpoint()
                                    + " does not advertise NBD_FLAG_CAN_MULTI_CONN; the job only reads, so it goes on"),
                    noticesOf(a));
            assertTrue(b.notices().isEmpty(), "warned once: " + noticesOf(b));
            PipelineStats r = a.pipeline(IoOp.READ, 512, 4096, false);
            assertEquals(0, r.errors, r.toString());
            assertEquals("2", a.engine().properties().get("connections"));
            assertEquals("no", a.engine().properties().get("multi_conn"));
        }
    }

    @Test
    void moreConnectionsThanIodepthAreCutToTheDepthWithANotice() throws IOException {
        try (EngineHarness h =
                job().option(NbdOptions.CONNECTIONS, 8L).iodepth(2).start()) {
            assertTrue(noticesOf(h).contains("nbd_connections=8 exceeds iodepth=2: using 2 connections"), noticesOf(h));
            assertEquals("2", h.engine().properties().get("connections"));
        }
    }

    @Test
    void aConnectionCountOutsideOneTo64IsAOneLineError() {
        for (long bad : new long[] {0, -1, 65}) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.CONNECTIONS, bad).iodepth(128).start());
            assertEquals(
                    "nbd_connections=" + bad + ": accepted values are 1 to 64 (connections per job)", e.getMessage());
        }
    }

    @Test
    void oneConnectionIsTheDefaultAndIsReported() throws IOException {
        try (EngineHarness h = job().iodepth(16).start()) {
            assertEquals("1", h.engine().properties().get("connections"));
            h.cleanup();
            assertFalse(h.engine().properties().containsKey("requests_per_connection"));
        }
    }

    @Test
    void aKilledServerFailsTheJobOfFourConnectionsWithOneLineAndNoHang() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=delay", "rdelay=2");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 4L)
                        .option(NbdOptions.REQUEST_TIMEOUT, 0L)
                        .iodepth(8)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 8; i++) {
                    h.queueOne(IoOp.READ, i * 4096L, 4096);
                }
                h.commit();
                Thread.sleep(100);
                s.kill();
                IOException e = assertThrows(IOException.class, () -> h.reap(1, 8, -1));
                assertTrue(
                        e.getMessage()
                                .matches("connection to " + java.util.regex.Pattern.quote(s.uri())
                                        + " lost: server closed the connection with 2 requests in flight"),
                        e.getMessage());
                h.cleanup();
            });
        }
    }

    @Test
    void requestTimeoutOnSeveralConnectionsFailsTheirRequestsWithEtimedoutThenTheJob() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=10");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 4L)
                        .option(NbdOptions.REQUEST_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(200))
                        .iodepth(4)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 4; i++) {
                    h.queueOne(IoOp.READ, i * 4096L, 4096);
                }
                h.commit();
                long start = System.nanoTime();
                int reaped = h.reap(1, 4, -1);
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(reaped >= 1, "reaped " + reaped);
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
                assertEquals(reaped, failed);
                IOException e = assertThrows(IOException.class, () -> h.queueOne(IoOp.READ, 0, 4096));
                assertTrue(e.getMessage().contains("request_timeout"), e.getMessage());
                h.cleanup();
            });
        }
    }

    @Test
    void aWaitOnSeveralConnectionsReturnsEmptyHandedWhenItsTimeoutPasses() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=300ms");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 2L)
                        .iodepth(2)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                h.queueOne(IoOp.READ, 0, 4096);
                h.queueOne(IoOp.READ, 4096, 4096);
                h.commit();
                long start = System.nanoTime();
                assertEquals(0, h.reap(1, 2, TimeUnit.MILLISECONDS.toNanos(30)));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 29 && ms < 200, "returned after " + ms + " ms");
                start = System.nanoTime();
                assertEquals(0, h.reap(1, 2, TimeUnit.MICROSECONDS.toNanos(200)), "sub-millisecond timeouts too");
                long us = (System.nanoTime() - start) / 1000;
                assertTrue(us >= 190 && us < 50_000, "returned after " + us + " us");
                assertEquals(2, h.reap(2, 2, -1));
            });
        }
    }

    @Test
    void theJobsTimeLimitAbandonsTheRequestsOfEveryConnectionWithEtimedout() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=10");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 4L)
                        .option(NbdOptions.REQUEST_TIMEOUT, 0L)
                        .iodepth(8)
                        .start()) {
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 8; i++) {
                    h.queueOne(IoOp.READ, i * 4096L, 4096);
                }
                h.commit();
                long start = System.nanoTime();
                h.engine().timeLimit(start + TimeUnit.MILLISECONDS.toNanos(300));
                assertEquals(8, h.reap(8, 8, TimeUnit.SECONDS.toNanos(10)));
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertTrue(ms >= 290 && ms < 1500, "gave up after " + ms + " ms");
                for (IoUnit u : h.units()) {
                    assertEquals(Errno.ETIMEDOUT, u.error(), u.errorMessage());
                    assertTrue(u.errorMessage().contains("before the job's time ran out"), u.errorMessage());
                }
                h.cleanup();
            });
        }
    }

    @Test
    void interruptingAWaitOnSeveralConnectionsEndsItWithOneClearLine() throws Exception {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "16M", "--filter=delay", "rdelay=10");
                EngineHarness h = job().option(NbdOptions.URI, s.uri())
                        .option(NbdOptions.CONNECTIONS, 2L)
                        .option(NbdOptions.REQUEST_TIMEOUT, 0L)
                        .iodepth(2)
                        .start()) {
            h.queueOne(IoOp.READ, 0, 4096);
            h.queueOne(IoOp.READ, 4096, 4096);
            h.commit();
            IOException[] caught = new IOException[1];
            Thread waiter = new Thread(() -> {
                try {
                    h.reap(1, 2, -1);
                } catch (IOException e) {
                    caught[0] = e;
                }
            });
            waiter.start();
            Thread.sleep(200);
            waiter.interrupt();
            waiter.join(2000);
            assertFalse(waiter.isAlive(), "the wait did not end");
            assertTrue(
                    caught[0] != null && caught[0].getMessage().startsWith("interrupted while talking to NBD server"),
                    String.valueOf(caught[0]));
            h.cleanup();
        }
    }

    @Test
    void theQueueAndReapPathOfFourConnectionsAllocatesNothing() throws IOException {
        try (EngineHarness h = job().option(NbdOptions.CONNECTIONS, 4L)
                .iodepth(16)
                .size(16 * MIB)
                .start()) {
            h.pipeline(IoOp.WRITE, 4096, 4096, false);
            h.allocatedBytes(IoOp.READ, 20000, 4096);
            h.allocatedBytes(IoOp.WRITE, 20000, 4096);
            long reads = h.allocatedBytes(IoOp.READ, 20000, 4096);
            assertTrue(reads >= 0 && reads < 1024, "allocated " + reads + " bytes for 20000 reads");
            long writes = h.allocatedBytes(IoOp.WRITE, 20000, 4096);
            assertTrue(writes >= 0 && writes < 1024, "allocated " + writes + " bytes for 20000 writes");
        }
    }
}
