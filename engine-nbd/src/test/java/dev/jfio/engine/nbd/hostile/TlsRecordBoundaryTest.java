package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.engine.nbd.TestCredentials;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS against a real nbdkit through a {@link ChunkingProxy}: record boundaries fall anywhere, and
 * what the client sends before the TLS handshake is exactly its flags and NBD_OPT_STARTTLS.
 */
class TlsRecordBoundaryTest {
    @TempDir
    Path dir;

    private TlsSettings x509(TestCredentials c) {
        return new TlsSettings(TlsSettings.Kind.X509, c.clientDir(), true, null, null, null);
    }

    @Test
    void nothingButTheClientFlagsAndStarttlsPrecedesTheTlsClientHello() throws Exception {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture nbdkit =
                        ServerFixture.nbdkitUnix(dir, "16M", "--tls=require", "--tls-certificates=" + c.serverDir());
                ChunkingProxy proxy = new ChunkingProxy(dir.resolve("proxy.sock"), nbdkit.endpoint(), 1)) {
            try (NbdConnection conn =
                    NbdConnection.connect(proxy.endpoint(""), new NbdConnection.Options().tls(x509(c)))) {
                ByteBuffer buf = ByteBuffer.allocateDirect(4096);
                conn.write(0, buf, 4096, false);
                conn.read(0, buf, 4096);
            }
            byte[] sent = proxy.clientBytes();
            ByteBuffer expected = ByteBuffer.allocate(20)
                    .putInt(Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES)
                    .putLong(Nbd.IHAVEOPT)
                    .putInt(Nbd.OPT_STARTTLS)
                    .putInt(0);
            assertArrayEquals(expected.array(), Arrays.copyOf(sent, 20), "the client flags, then NBD_OPT_STARTTLS");
            assertEquals(0x16, sent[20], "a TLS handshake record (the ClientHello) follows STARTTLS at once");
            // and everything after it is TLS records, to the last byte: no plaintext slipped in between
            int p = 20;
            while (p + 5 <= sent.length) {
                int type = sent[p] & 0xff;
                assertTrue(type >= 20 && type <= 23, "TLS record type at " + p + ": " + type);
                assertEquals(3, sent[p + 1], "TLS record version at " + p);
                p += 5 + ((sent[p + 3] & 0xff) << 8 | sent[p + 4] & 0xff);
            }
            assertEquals(sent.length, p, "the client's bytes end at a record boundary");
        }
    }

    @Test
    void pipelinedX509TrafficSplitAtRandomReadsBackRight() throws Exception {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture nbdkit =
                        ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-certificates=" + c.serverDir());
                ChunkingProxy proxy = new ChunkingProxy(dir.resolve("proxy.sock"), nbdkit.endpoint(), 7)) {
            roundTrip(new NbdConnection.Options().tls(x509(c)), proxy);
        }
    }

    @Test
    void pipelinedPskTrafficSplitAtRandomReadsBackRight() throws Exception {
        Path psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        try (ServerFixture nbdkit = ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-psk=" + psk);
                ChunkingProxy proxy = new ChunkingProxy(dir.resolve("proxy.sock"), nbdkit.endpoint(), 11)) {
            roundTrip(
                    new NbdConnection.Options()
                            .tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "alice")),
                    proxy);
        }
    }

    /** 32 requests in flight, 1 MiB, 256 KiB and 4 KiB mixed: written, then read back and compared. */
    private static void roundTrip(NbdConnection.Options options, ChunkingProxy proxy) {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int depth = 32;
            int[] sizes = {1 << 20, 256 << 10, 4096, 4096, 512};
            SplittableRandom rnd = new SplittableRandom(3);
            try (NbdConnection conn = NbdConnection.connect(proxy.endpoint(""), options.slots(depth))) {
                ByteBuffer[] bufs = new ByteBuffer[depth];
                long[] offs = new long[depth];
                for (int i = 0; i < depth; i++) {
                    int len = sizes[i % sizes.length];
                    bufs[i] = ByteBuffer.allocateDirect(len);
                    for (int k = 0; k < len; k++) {
                        bufs[i].put(k, (byte) rnd.nextInt());
                    }
                    offs[i] = (long) i << 20;
                    conn.submit(i, Nbd.CMD_WRITE, 0, offs[i], len, bufs[i]);
                }
                conn.sendQueued();
                for (int i = 0; i < depth; i++) {
                    int slot = conn.nextCompletion(true);
                    assertEquals(0, conn.error(slot), conn.errorMessage(slot));
                }
                ByteBuffer[] back = new ByteBuffer[depth];
                for (int i = depth - 1; i >= 0; i--) {
                    back[i] = ByteBuffer.allocateDirect(bufs[i].capacity());
                    conn.submit(i, Nbd.CMD_READ, 0, offs[i], bufs[i].capacity(), back[i]);
                }
                conn.sendQueued();
                for (int i = 0; i < depth; i++) {
                    int slot = conn.nextCompletion(true);
                    assertEquals(0, conn.error(slot), conn.errorMessage(slot));
                }
                for (int i = 0; i < depth; i++) {
                    assertEquals(0, bufs[i].clear().compareTo(back[i].clear()), "request " + i + " read back");
                }
            }
        });
    }
}
