package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a pipelined connection allocates per I/O in steady state (4 KiB random reads and writes, 16
 * in flight, against nbdkit): nothing in plaintext; over TLS only what the TLS library allocates
 * per record, which jfio cannot avoid (JFR allocation samples show no jfio frame on top): JSSE
 * about 2.9 KB per I/O (an {@code SSLEngineResult} per wrap and unwrap, and the JDK's AES-GCM
 * re-initialised per record), BouncyCastle (TLS 1.3, AES-128-GCM through the JDK's crypto) about 6.9 KB (new arrays
 * per record read and written, and the JDK's cipher set up per record).
 * The budgets are those figures with about 30% headroom, so a per-I/O allocation added on jfio's
 * side (a 16-byte object per I/O is 0.5%, a 4 KiB copy 100%) or a regression such as direct
 * network buffers for JSSE (5 KB: the JDK's GCM copies direct buffers through new arrays) shows up.
 */
class TlsAllocationTest {
    private static final int DEPTH = 16;
    private static final int WARM_UP = 30_000;
    private static final int MEASURED = 30_000;

    @TempDir
    Path dir;

    /** Bytes allocated by this thread per I/O over {@link #MEASURED} I/Os, after {@link #WARM_UP}. */
    static double bytesPerIo(NbdConnection c) throws IOException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long self = Thread.currentThread().getId();
        ByteBuffer[] bufs = new ByteBuffer[DEPTH];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < DEPTH; i++) {
            bufs[i] = ByteBuffer.allocateDirect(4096);
            submit(c, i, bufs[i], rnd);
        }
        c.sendQueued();
        long before = 0;
        for (int n = 0; n < WARM_UP + MEASURED; n++) {
            if (n == WARM_UP) {
                before = threads.getThreadAllocatedBytes(self);
            }
            int slot = c.nextCompletion(true);
            assertEquals(0, c.error(slot), c.errorMessage(slot));
            submit(c, slot, bufs[slot], rnd);
            c.sendQueued();
        }
        long after = threads.getThreadAllocatedBytes(self);
        while (c.inFlight() > 0) {
            c.nextCompletion(true);
        }
        return (after - before) / (double) MEASURED;
    }

    private static void submit(NbdConnection c, int slot, ByteBuffer buf, SplittableRandom rnd) throws IOException {
        long off = (long) rnd.nextInt(4096) * 4096;
        c.submit(slot, rnd.nextBoolean() ? Nbd.CMD_READ : Nbd.CMD_WRITE, 0, off, 4096, buf);
    }

    private static double measure(ServerFixture f, NbdConnection.Options options) throws IOException {
        try (NbdConnection c = NbdConnection.connect(f.endpoint(), options.slots(DEPTH))) {
            double b = bytesPerIo(c);
            System.out.printf(
                    "%s: %.1f bytes allocated per 4 KiB I/O%n", c.info().tls().describe(), b);
            return b;
        }
    }

    @Test
    void plaintextAllocatesNothingPerIo() throws IOException {
        try (ServerFixture f = ServerFixture.nbdkitUnix(dir, "16M")) {
            double b = measure(f, new NbdConnection.Options());
            assertTrue(b < 1, b + " bytes per I/O");
        }
    }

    @Test
    void x509OverJsseAllocatesOnlyJssesRecordResults() throws IOException {
        TestCredentials pki = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture f =
                ServerFixture.nbdkitUnix(dir, "16M", "--tls=require", "--tls-certificates=" + pki.serverDir())) {
            double b = measure(
                    f,
                    new NbdConnection.Options()
                            .tls(new TlsSettings(TlsSettings.Kind.X509, pki.clientDir(), true, null, null, null)));
            assertTrue(b < 4096, b + " bytes per I/O");
        }
    }

    @Test
    void pskOverBouncyCastleAllocatesOnlyBouncyCastlesRecordBuffers() throws IOException {
        Path psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        try (ServerFixture f = ServerFixture.nbdkitUnix(dir, "16M", "--tls=require", "--tls-psk=" + psk)) {
            double b = measure(
                    f,
                    new NbdConnection.Options()
                            .tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "alice")));
            assertTrue(b < 9216, b + " bytes per I/O");
        }
    }
}
