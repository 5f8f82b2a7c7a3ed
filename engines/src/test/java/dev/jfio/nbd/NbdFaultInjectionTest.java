package dev.jfio.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real servers that fail on purpose: nbdkit's error and delay filters, and nbdkit and qemu-nbd
 * killed mid-run. The job fails with a clear line, or counts the errors when told to, and the
 * report is always printed.
 */
class NbdFaultInjectionTest {
    private static final String INJECTED = "injecting EIO error into pread";

    @TempDir
    Path dir;

    private static void assertNoStackTrace(JfioRun r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "no stack trace:\n" + r);
    }

    @Test
    void injectedReadErrorFailsTheJobNamingTheErrorAndTheReportIsStillPrinted() throws IOException {
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "64M", "--filter=error", "error=EIO", "error-pread-rate=1%")) {
            JfioRun r = JfioRun.run(
                    "--name=eio",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--rw=randread",
                    "--bs=4k",
                    "--size=16m",
                    "--output-format=json");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(
                    r.err()
                            .matches("(?s).*read of 4096 bytes at offset \\d+ on "
                                    + java.util.regex.Pattern.quote(s.uri()) + " failed: EIO \\(NBD_EIO.*"),
                    r.err());
            assertNoStackTrace(r);
            Object json = r.jsonAllowingFailure();
            assertEquals("eio", MiniJson.at(json, "jobs", 0, "jobname"));
            assertTrue(MiniJson.integer(json, "jobs", 0, "read", "total_ios") < 4096, "the job stopped early");
        }
    }

    @Test
    void continueOnErrorAllCountsExactlyTheErrorsNbdkitInjected() throws Exception {
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "64M", "--filter=error", "error=EIO", "error-pread-rate=1%")) {
            JfioRun r = JfioRun.run(
                    "--name=coe",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--rw=randread",
                    "--bs=4k",
                    "--iodepth=8",
                    "--size=16m",
                    "--continue_on_error=all",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.jsonAllowingFailure();
            long totalErr = MiniJson.integer(json, "jobs", 0, "total_err");
            Thread.sleep(100); // nbdkit writes each error line as it injects it
            assertEquals(s.logLines(INJECTED), totalErr, r.toString());
            assertTrue(totalErr > 0, "1% of 4096 reads should fail");
            assertEquals(5, MiniJson.integer(json, "jobs", 0, "first_error"));
            assertEquals(4096, MiniJson.integer(json, "jobs", 0, "read", "total_ios"));
        }
    }

    @Test
    void errorFileTurnsErrorsOnAndOffMidRun() throws Exception {
        Path trigger = dir.resolve("fail-now");
        try (ServerFixture s = ServerFixture.nbdkitUnix(
                dir, "64M", "--filter=error", "error=EIO", "error-pread-rate=100%", "error-file=" + trigger)) {
            Thread toggler = new Thread(() -> {
                try {
                    Thread.sleep(400);
                    Files.createFile(trigger);
                    Thread.sleep(300);
                    Files.delete(trigger);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            toggler.start();
            JfioRun r = JfioRun.run(
                    "--name=toggle",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--rw=randread",
                    "--bs=4k",
                    "--size=16m",
                    "--time_based",
                    "--runtime=1200ms",
                    "--rate_iops=2000",
                    "--continue_on_error=all",
                    "--output-format=json");
            toggler.join();
            assertEquals(0, r.exit(), r.toString());
            Object json = r.jsonAllowingFailure();
            long totalErr = MiniJson.integer(json, "jobs", 0, "total_err");
            long ios = MiniJson.integer(json, "jobs", 0, "read", "total_ios");
            Thread.sleep(100);
            assertEquals(s.logLines(INJECTED), totalErr, r.toString());
            // about 0.3 s of 1.2 s failed: clearly some, clearly not all
            assertTrue(totalErr > ios / 10 && totalErr < ios / 2, totalErr + " errors of " + ios + " reads");
        }
    }

    @Test
    void delayFilterShowsInTheCompletionLatencyPercentiles() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=delay", "rdelay=5ms")) {
            JfioRun r = JfioRun.run(
                    "--name=slow",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--rw=randread",
                    "--bs=4k",
                    "--size=16m",
                    "--time_based",
                    "--runtime=600ms",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.jsonAllowingFailure();
            // Total latency starts before the request is written, so no read can take less than the
            // server's delay. Completion latency starts when the submission has returned: a job thread
            // preempted between its write and its clock read (a loaded machine) sees a few I/Os complete
            // sooner, so the delay must show in the middle of the clat distribution, not at its minimum.
            double latMin = MiniJson.number(json, "jobs", 0, "read", "lat_ns", "min");
            double clatP50 = MiniJson.number(json, "jobs", 0, "read", "clat_ns", "percentile", "50.000000");
            double clatP1 = MiniJson.number(json, "jobs", 0, "read", "clat_ns", "percentile", "1.000000");
            assertTrue(latMin >= 5_000_000, "lat min " + latMin + " ns");
            assertTrue(clatP50 >= 5_000_000, "clat p50 " + clatP50 + " ns");
            assertTrue(clatP1 >= 3_000_000, "clat p1 " + clatP1 + " ns: the delay is missing from the low percentiles");
        }
    }

    @Test
    void requestTimeoutFailsARequestWithoutReplyWithEtimedout() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=delay", "rdelay=20")) {
            JfioRun r = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> JfioRun.run(
                            "--name=hung",
                            "--ioengine=nbd",
                            "--uri=" + s.uri(),
                            "--rw=randread",
                            "--bs=4k",
                            "--iodepth=4",
                            "--size=16m",
                            "--request_timeout=300ms",
                            "--output-format=json"));
            assertEquals(1, r.exit(), r.toString());
            assertTrue(
                    r.err().contains("failed: ETIMEDOUT")
                            && r.err().contains("sent no reply within 0.3 s" + " (request_timeout)"),
                    r.err());
            assertNoStackTrace(r);
            r.jsonAllowingFailure();
        }
    }

    @Test
    void serverThatStopsReplyingEndsWithinRuntimePlusDrainWithEtimedoutCounted() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=delay", "rdelay=3600")) {
            long start = System.nanoTime();
            JfioRun r = assertTimeoutPreemptively(
                    Duration.ofSeconds(30),
                    () -> JfioRun.run(
                            "--name=hung",
                            "--ioengine=nbd",
                            "--uri=" + s.uri(),
                            "--rw=randread",
                            "--bs=4k",
                            "--iodepth=4",
                            "--runtime=1s",
                            "--drain_timeout=1s",
                            "--output-format=json"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(1, r.exit(), r.toString());
            assertTrue(
                    r.err()
                            .contains("failed: ETIMEDOUT (NBD server " + s.uri() + " sent no reply before the job's"
                                    + " time ran out (runtime + drain_timeout)"),
                    r.err());
            assertNoStackTrace(r);
            assertTrue(ms < 2000 + 4000, "the job took " + ms + " ms; runtime + drain_timeout is 2000 ms");
            Object json = r.jsonAllowingFailure();
            assertEquals(110, MiniJson.integer(json, "jobs", 0, "error"));
            assertEquals(1000, MiniJson.integer(json, "jobs", 0, "jfio", "drain_timeout_ms"));
            assertEquals(0, MiniJson.integer(json, "jobs", 0, "read", "io_bytes"), "no read was answered");
        }
    }

    @Test
    void nbdkitKilledMidRunEndsTheRunWithinTwoSecondsWithThePartialReport() throws Exception {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "256M")) {
            assertKillIsNoticed(s);
        }
    }

    @Test
    void qemuNbdKilledMidRunEndsTheRunWithinTwoSecondsWithThePartialReport() throws Exception {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 256L << 20, "disk", 4)) {
            assertKillIsNoticed(s);
        }
    }

    private static void assertKillIsNoticed(ServerFixture s) throws Exception {
        AtomicLong killedAt = new AtomicLong();
        Thread killer = new Thread(() -> {
            try {
                Thread.sleep(700);
            } catch (InterruptedException e) {
                return;
            }
            killedAt.set(System.nanoTime());
            s.kill();
        });
        killer.start();
        JfioRun r = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> JfioRun.run(
                        "--name=victim",
                        "--ioengine=nbd",
                        "--uri=" + s.uri(),
                        "--rw=randrw",
                        "--bs=4k",
                        "--iodepth=16",
                        "--numjobs=2",
                        "--size=64m",
                        "--time_based",
                        "--runtime=30",
                        "--output-format=json"));
        long afterKillMs = (System.nanoTime() - killedAt.get()) / 1_000_000;
        killer.join();
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue(afterKillMs < 2000, "the run ended " + afterKillMs + " ms after the kill");
        assertTrue(r.err().contains("connection to " + s.uri() + " lost: server closed the connection with"), r.err());
        assertNoStackTrace(r);
        Object json = r.jsonAllowingFailure();
        assertTrue(MiniJson.integer(json, "jobs", 0, "read", "total_ios") > 0, "the partial report has the I/O done");
    }

    @Test
    void missingSocketIsOneLineAndANonZeroExit() {
        JfioRun r = JfioRun.run(
                "--name=nope",
                "--ioengine=nbd",
                "--uri=nbd+unix:///?socket=" + dir.resolve("none.sock"),
                "--rw=read",
                "--bs=4k");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("cannot connect to NBD server " + dir.resolve("none.sock")), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void tlsOnlyServerIsOneLineAndANonZeroExit() throws IOException {
        Path psk = dir.resolve("keys.psk");
        Files.writeString(psk, "alice:0123456789abcdef0123456789abcdef\n");
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-psk=" + psk)) {
            JfioRun r = JfioRun.run("--name=tls", "--ioengine=nbd", "--uri=" + s.uri(), "--rw=read", "--bs=4k");
            assertNotEquals(0, r.exit());
            assertTrue(r.err().contains("requires TLS"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertNoStackTrace(r);
        }
    }

    @Test
    void refusedConnectionIsOneLineAndANonZeroExit() throws IOException {
        Path sock = dir.resolve("dead.sock");
        ServerSocketChannel.open(StandardProtocolFamily.UNIX)
                .bind(UnixDomainSocketAddress.of(sock))
                .close();
        JfioRun r = JfioRun.run(
                "--name=refused", "--ioengine=nbd", "--uri=nbd+unix:///?socket=" + sock, "--rw=read", "--bs=4k");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("cannot connect to NBD server " + sock + ": Connection refused"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void garbageInsteadOfAHandshakeIsOneLineAndANonZeroExit() throws Exception {
        byte[] garbage = new byte[256];
        new Random(7).nextBytes(garbage);
        try (FakeServer f = new FakeServer(dir.resolve("garbage.sock"), garbage)) {
            JfioRun r = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> JfioRun.run(
                            "--name=garbage",
                            "--ioengine=nbd",
                            "--uri=nbd+unix:///?socket=" + f.socket,
                            "--rw=read",
                            "--bs=4k"));
            assertNotEquals(0, r.exit());
            assertTrue(r.err().contains("is not an NBD server (bad greeting 0x"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertNoStackTrace(r);
        }
    }

    @Test
    void serverThatAcceptsAndNeverSpeaksIsOneLineAfterConnectTimeout() throws Exception {
        try (FakeServer f = new FakeServer(dir.resolve("silent.sock"), new byte[0])) {
            long start = System.nanoTime();
            JfioRun r = assertTimeoutPreemptively(
                    Duration.ofSeconds(10),
                    () -> JfioRun.run(
                            "--name=silent",
                            "--ioengine=nbd",
                            "--uri=nbd+unix:///?socket=" + f.socket,
                            "--connect_timeout=500ms",
                            "--rw=read",
                            "--bs=4k"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertNotEquals(0, r.exit());
            assertTrue(r.err().contains("sent no greeting within 0.5 s"), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(ms < 3000, "took " + ms + " ms");
            assertNoStackTrace(r);
        }
    }

    /** Accepts connections on a unix socket, sends them {@code bytes} and then says nothing more. */
    private static final class FakeServer implements AutoCloseable {
        final Path socket;
        private final ServerSocketChannel server;
        private final java.util.List<SocketChannel> clients = new java.util.concurrent.CopyOnWriteArrayList<>();

        FakeServer(Path socket, byte[] bytes) throws IOException {
            this.socket = socket;
            server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread t = new Thread(
                    () -> {
                        try {
                            while (true) {
                                SocketChannel c = server.accept();
                                clients.add(c);
                                c.write(ByteBuffer.wrap(bytes));
                            }
                        } catch (IOException e) {
                            // closed
                        }
                    },
                    "fake-nbd-server");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (SocketChannel c : clients) {
                c.close();
            }
        }
    }
}
