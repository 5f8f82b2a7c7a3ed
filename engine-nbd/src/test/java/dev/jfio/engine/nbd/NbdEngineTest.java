package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import dev.jfio.testkit.PipelineStats;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nbd engine driven through the SPI as the runner drives it, against real servers. */
class NbdEngineTest {
    static final long MIB = 1 << 20;

    @TempDir
    Path dir;

    static HarnessBuilder job() {
        return job(new NbdEngineProvider());
    }

    /** A job of the run {@code run}: the runner hands every job of a run the same provider. */
    static HarnessBuilder job(NbdEngineProvider run) {
        // a time limit turns a lost reply into a failure instead of a hung build
        return EngineHarness.builder(run).option(NbdOptions.REQUEST_TIMEOUT, TimeUnit.SECONDS.toNanos(5));
    }

    static String noticesOf(EngineHarness h) {
        return String.join("\n", h.notices());
    }

    @Test
    void providerIsNamedNbdAndDisklessWithAFixedSize() {
        NbdEngineProvider p = new NbdEngineProvider();
        assertEquals("nbd", p.name());
        assertTrue(p.flags().contains(EngineFlag.DISKLESS));
        assertFalse(p.flags().contains(EngineFlag.SYNCHRONOUS));
        assertTrue(p.options().contains(NbdOptions.URI));
    }

    @Test
    void withoutAServerTheEmbeddedMemoryServerIsStartedAnnouncedAndBenchmarked() throws IOException {
        try (EngineHarness h = job().iodepth(16).start()) {
            IoTarget t = h.targets().get(0);
            assertTrue(t.hasFixedSize());
            assertEquals(NbdEngine.DEFAULT_EMBEDDED_SIZE, t.size());
            assertTrue(t.name().startsWith("nbd+unix:///?socket="), t.name());
            assertEquals(1, h.notices().size(), noticesOf(h));
            assertTrue(noticesOf(h).contains("embedded memory server"), noticesOf(h));
            h.write(5 * MIB, EngineHarness.pattern(5 * MIB, 4096));
            assertArrayEquals(EngineHarness.pattern(5 * MIB, 4096), h.read(5 * MIB, 4096));
            assertEquals("jfio embedded memory server", h.engine().properties().get("server"));
        }
    }

    @Test
    void anEmptyUriCountsAsNotGiven() throws IOException {
        try (EngineHarness h = job().option(NbdOptions.URI, "").start()) {
            assertTrue(noticesOf(h).contains("embedded memory server"), noticesOf(h));
        }
    }

    @Test
    void theEmbeddedServerIsSharedByClonesAndStoppedByTheLastCleanup() throws IOException {
        NbdEngineProvider run = new NbdEngineProvider();
        EngineHarness a = job(run).cloneIndex(0).totalJobs(2).start();
        EngineHarness b = job(run).cloneIndex(1).totalJobs(2).start();
        try {
            assertEquals(a.targets().get(0).name(), b.targets().get(0).name());
            a.write(0, EngineHarness.pattern(0, 4096));
            assertArrayEquals(EngineHarness.pattern(0, 4096), b.read(0, 4096));
            assertTrue(b.notices().isEmpty(), "only the first clone announces the server: " + noticesOf(b));
        } finally {
            a.close();
        }
        b.write(4096, EngineHarness.pattern(4096, 4096)); // still served after the first clone's cleanup
        String socket = b.targets().get(0).name().substring("nbd+unix:///?socket=".length());
        b.close();
        assertFalse(java.nio.file.Files.exists(Path.of(socket)), "the last cleanup stops the server");
    }

    @Test
    void separateRunsShareNoEmbeddedServerAndEachAnnouncesItsOwn() throws IOException {
        try (EngineHarness a = job(new NbdEngineProvider()).totalJobs(2).start();
                EngineHarness b =
                        job(new NbdEngineProvider()).totalJobs(2).cloneIndex(1).start()) {
            assertFalse(
                    a.targets().get(0).name().equals(b.targets().get(0).name()),
                    b.targets().get(0).name());
            assertTrue(noticesOf(a).contains("embedded memory server"), noticesOf(a));
            assertTrue(noticesOf(b).contains("embedded memory server"), noticesOf(b));
        }
    }

    @Test
    void theExportSizeBecomesTheTargetsFixedSizeAndIsShownInProperties() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M");
                EngineHarness h = job().option(
                                NbdOptions.SOCKNAME, s.endpoint().socketPath().toString())
                        .start()) {
            IoTarget t = h.targets().get(0);
            assertTrue(t.hasFixedSize());
            assertEquals(64 * MIB, t.size());
            assertEquals(List.of(t), h.targets());
            assertEquals(Long.toString(64 * MIB), h.engine().properties().get("export_size"));
            assertTrue(
                    h.engine().properties().get("flags").contains("CAN_MULTI_CONN"),
                    h.engine().properties().toString());
            assertEquals("yes", h.engine().properties().get("structured_replies"));
        }
    }

    @Test
    void aSizeBeyondTheExportIsAnErrorNamingBothNumbers() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M")) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.URI, s.uri())
                            .offset(MIB)
                            .size(64 * MIB)
                            .start());
            assertTrue(e.getMessage().contains(Long.toString(65 * MIB)), e.getMessage());
            assertTrue(e.getMessage().contains(Long.toString(64 * MIB)), e.getMessage());
        }
    }

    @Test
    void aBlockSizeAboveTheServersAdvertisedMaximumIsAClearError() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(
                dir,
                "64M",
                "--filter=blocksize-policy",
                "blocksize-minimum=512",
                "blocksize-preferred=4096",
                "blocksize-maximum=65536")) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.URI, s.uri()).bs(131072).start());
            assertTrue(e.getMessage().contains("bs=131072") && e.getMessage().contains("65536"), e.getMessage());
            try (EngineHarness h =
                    job().option(NbdOptions.URI, s.uri()).bs(65536).start()) {
                assertEquals("512/4096/65536", h.engine().properties().get("block_sizes"));
            }
        }
    }

    @Test
    void aBlockSizeAbove32MiBIsAnErrorWhenTheServerAdvertisesNoMaximum() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "128M")) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(NbdOptions.URI, s.uri()).bs(64 << 20).start());
            assertTrue(e.getMessage().contains("33554432"), e.getMessage());
        }
    }

    @Test
    void severalWritingConnectionsWithoutCanMultiConnGetOneWarning() throws IOException {
        NbdEngineProvider run = new NbdEngineProvider();
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=multi-conn", "multi-conn-mode=disable");
                EngineHarness a =
                        job(run).option(NbdOptions.URI, s.uri()).totalJobs(2).start();
                EngineHarness b = job(run).option(NbdOptions.URI, s.uri())
                        .totalJobs(2)
                        .cloneIndex(1)
                        .start()) {
            assertEquals(1, a.notices().size(), noticesOf(a));
            assertTrue(
                    noticesOf(a).contains("NBD_FLAG_CAN_MULTI_CONN")
                            && noticesOf(a).contains("FLUSH"),
                    noticesOf(a));
            assertTrue(b.notices().isEmpty(), "warned once per export: " + noticesOf(b));
            assertEquals("no", a.engine().properties().get("multi_conn"));
        }
    }

    @Test
    void noMultiConnWarningWhenTheServerAdvertisesIt() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M");
                EngineHarness a =
                        job().option(NbdOptions.URI, s.uri()).totalJobs(2).start()) {
            assertTrue(a.notices().isEmpty(), noticesOf(a));
        }
    }

    @Test
    void noMultiConnWarningForReadOnlyJobs() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--filter=multi-conn", "multi-conn-mode=disable");
                EngineHarness a = job().option(NbdOptions.URI, s.uri())
                        .totalJobs(2)
                        .rw("randread")
                        .start()) {
            assertTrue(a.notices().isEmpty(), noticesOf(a));
        }
    }

    @Test
    void qemuNbdWithOneSharedConnectionFailsTheSecondConnectionWithAHint() throws IOException {
        NbdEngineProvider run = new NbdEngineProvider();
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 16 * MIB, "q", 1);
                EngineHarness first =
                        job(run).option(NbdOptions.URI, s.uri()).totalJobs(2).start()) {
            assertTrue(noticesOf(first).contains("CAN_MULTI_CONN"), noticesOf(first));
            EngineHarness second = job(run).option(NbdOptions.URI, s.uri())
                    .totalJobs(2)
                    .cloneIndex(1)
                    .option(NbdOptions.CONNECT_TIMEOUT, TimeUnit.MILLISECONDS.toNanos(700))
                    .build();
            long t0 = System.nanoTime();
            try {
                IOException e = assertThrows(IOException.class, second::start);
                assertTrue(e.getMessage().contains("qemu-nbd -e N"), e.getMessage());
                assertTrue(e.getMessage().contains("another connection"), e.getMessage());
            } finally {
                second.close();
            }
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(4), "failed in time, not hung");
        }
    }

    @Test
    void qemuNbdWithFourSharedConnectionsServesTwoClonesAndAnswersHolesWithZeros() throws IOException {
        try (ServerFixture s = ServerFixture.qemuNbd(dir, 16 * MIB, "q", 4);
                EngineHarness a = job().option(NbdOptions.URI, s.uri())
                        .totalJobs(2)
                        .iodepth(8)
                        .bs(4096, 65536)
                        .start();
                EngineHarness b = job().option(NbdOptions.URI, s.uri())
                        .totalJobs(2)
                        .cloneIndex(1)
                        .start()) {
            assertTrue(a.notices().isEmpty(), noticesOf(a));
            assertArrayEquals(new byte[65536], a.read(MIB, 65536));
            a.write(0, EngineHarness.pattern(0, 4096));
            a.flush();
            assertArrayEquals(EngineHarness.pattern(0, 4096), b.read(0, 4096));
            assertEquals("1/4096/33554432", a.engine().properties().get("block_sizes"));
        }
    }

    @Test
    void pipelinedWritesThenReadsVerifyAtDepth32AgainstEveryServer() throws IOException {
        Path d1 = dir.resolve("a");
        Path d2 = dir.resolve("b");
        Path d3 = dir.resolve("c");
        java.nio.file.Files.createDirectories(d1);
        java.nio.file.Files.createDirectories(d2);
        java.nio.file.Files.createDirectories(d3);
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(d1, "32M", "--no-sr");
                ServerFixture qemu = ServerFixture.qemuNbd(d2, 32 * MIB, "q", 2);
                ServerFixture nbdServer = ServerFixture.nbdServer(d3, 32 * MIB, false)) {
            for (String uri : new String[] {"", nbdkit.uri(), qemu.uri(), nbdServer.uri()}) {
                try (EngineHarness h = job().option(NbdOptions.URI, uri)
                        .iodepth(32)
                        .size(8 * MIB)
                        .start()) {
                    PipelineStats w = h.pipeline(IoOp.WRITE, 2048, 4096, false);
                    assertEquals(0, w.errors, uri + ": " + w);
                    PipelineStats r = h.pipeline(IoOp.READ, 2048, 4096, true);
                    assertEquals(0, r.errors, uri + ": " + r);
                    assertEquals(0, r.mismatches, uri + ": " + r);
                    assertEquals(32, r.maxInFlight, uri + ": " + r);
                }
            }
        }
    }

    @Test
    void flushAndTrimGoToTheServer() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M");
                EngineHarness h = job().option(NbdOptions.URI, s.uri()).start()) {
            h.write(0, EngineHarness.pattern(0, 4096));
            h.flush();
            IoUnit trim = h.trim(0, 4096);
            assertEquals(0, trim.error(), trim.errorMessage());
            assertArrayEquals(new byte[4096], h.read(0, 4096));
        }
    }

    @Test
    void anIoErrorFromTheServerFailsTheUnitNotTheJob() throws IOException {
        try (EngineHarness h = job().size(MIB).start()) {
            IoUnit u = h.submit(IoOp.READ, NbdEngine.DEFAULT_EMBEDDED_SIZE, 4096, null);
            assertEquals(Errno.EINVAL, u.error());
            assertTrue(u.errorMessage().startsWith("NBD_EINVAL"), u.errorMessage());
            assertArrayEquals(EngineHarness.pattern(0, 0), h.read(0, 0));
            h.write(0, EngineHarness.pattern(0, 4096)); // the connection goes on
        }
    }

    @Test
    void theQueueAndReapPathAllocatesNothing() throws IOException {
        try (EngineHarness h = job().iodepth(16).size(16 * MIB).start()) {
            h.pipeline(IoOp.WRITE, 4096, 4096, false);
            // a first measured round lets class initialisation and JIT compilation settle
            h.allocatedBytes(IoOp.READ, 20000, 4096);
            h.allocatedBytes(IoOp.WRITE, 20000, 4096);
            long bytes = h.allocatedBytes(IoOp.READ, 20000, 4096);
            assertTrue(bytes >= 0 && bytes < 1024, "allocated " + bytes + " bytes for 20000 reads");
            long writes = h.allocatedBytes(IoOp.WRITE, 20000, 4096);
            assertTrue(writes >= 0 && writes < 1024, "allocated " + writes + " bytes for 20000 writes");
        }
    }

    @Test
    void largeReadsStraightIntoTheUnitsBufferAndGatheredLargeWritesAllocateNothing() throws IOException {
        int len = 256 * 1024;
        try (EngineHarness h = job().iodepth(16).bs(len).size(16 * MIB).start()) {
            h.pipeline(IoOp.WRITE, 64, len, false);
            h.allocatedBytes(IoOp.READ, 1000, len);
            h.allocatedBytes(IoOp.WRITE, 1000, len);
            long bytes = h.allocatedBytes(IoOp.READ, 1000, len);
            assertTrue(bytes >= 0 && bytes < 1024, "allocated " + bytes + " bytes for 1000 reads of 256 KiB");
            long writes = h.allocatedBytes(IoOp.WRITE, 1000, len);
            assertTrue(writes >= 0 && writes < 1024, "allocated " + writes + " bytes for 1000 writes of 256 KiB");
        }
    }

    @Test
    void anUnknownExportNameIsAnErrorListingTheServersExports() throws IOException {
        try (ServerFixture s = ServerFixture.nbdServer(dir, 16 * MIB, false)) {
            IOException e = assertThrows(
                    IOException.class,
                    () -> job().option(
                                    NbdOptions.SOCKNAME,
                                    s.endpoint().socketPath().toString())
                            .option(NbdOptions.EXPORTNAME, "nope")
                            .start());
            assertTrue(
                    e.getMessage().contains("no export 'nope'")
                            && e.getMessage().contains("'disk'"),
                    e.getMessage());
        }
    }

    @Test
    void nbdkitsUnixUriFormAndTcpHostAndPortOptionsWork() throws IOException {
        try (ServerFixture unix = ServerFixture.nbdkitUnix(dir, "8M");
                ServerFixture tcp = ServerFixture.nbdkitTcp(dir, "16M");
                EngineHarness a = job().option(
                                NbdOptions.URI,
                                "nbd+unix://?socket=" + unix.endpoint().socketPath())
                        .start();
                EngineHarness b = job().option(NbdOptions.HOST, "127.0.0.1")
                        .option(NbdOptions.PORT, (long) tcp.endpoint().port())
                        .start()) {
            assertEquals(8 * MIB, a.targets().get(0).size());
            assertEquals(16 * MIB, b.targets().get(0).size());
            assertEquals(
                    "nbd://127.0.0.1:" + tcp.endpoint().port() + "/",
                    b.targets().get(0).name());
        }
    }

    @Test
    void aMissingSocketIsAClearError() {
        IOException e = assertThrows(
                IOException.class,
                () -> job().option(
                                NbdOptions.SOCKNAME, dir.resolve("missing.sock").toString())
                        .start());
        assertTrue(
                e.getMessage().startsWith("cannot connect to NBD server " + dir.resolve("missing.sock")),
                e.getMessage());
    }
}
