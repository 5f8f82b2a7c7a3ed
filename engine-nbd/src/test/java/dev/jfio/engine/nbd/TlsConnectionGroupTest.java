package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.jfio.engine.nbd.protocol.ConnectionGroup;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several TLS connections reaped through one selector: a reply that TLS has already taken off a
 * socket (decrypted, or a whole record read ahead) is not visible to the selector, and must be read
 * without waiting for the socket, or the wait hangs until a reply that never comes.
 */
class TlsConnectionGroupTest {
    private static final int DEPTH = 32;
    private static final int[] SIZES = {4096, 256 * 1024, 1 << 20, 65536, 512};

    @TempDir
    Path dir;

    @Test
    void fourPskConnectionsCarryLargeAndSmallRequestsAtDepth32WithoutWaitingForDecryptedReplies() throws Exception {
        Path psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-psk=" + psk)) {
            NbdConnection.Options options = new NbdConnection.Options()
                    .tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "alice"));
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> roundTrip(s, options));
        }
    }

    @Test
    void fourX509ConnectionsCarryLargeAndSmallRequestsAtDepth32() throws Exception {
        TestCredentials pki = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-certificates=" + pki.serverDir())) {
            NbdConnection.Options options = new NbdConnection.Options()
                    .tls(new TlsSettings(TlsSettings.Kind.X509, pki.clientDir(), true, null, null, null));
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> roundTrip(s, options));
        }
    }

    /** Writes a pattern at depth 32 over 4 connections, then reads it back and compares. */
    private static void roundTrip(ServerFixture s, NbdConnection.Options options) throws IOException {
        ByteBuffer[] bufs = new ByteBuffer[DEPTH];
        int[] lens = new int[DEPTH];
        long[] offs = new long[DEPTH];
        try (ConnectionGroup g = ConnectionGroup.connect(s.endpoint(), options, DEPTH, 4)) {
            assertEquals(4, g.connections());
            for (int pass = 0; pass < 2; pass++) {
                boolean write = pass == 0;
                Random random = new Random(42);
                int issued = 0;
                int done = 0;
                int total = 600;
                long next = 0;
                while (done < total) {
                    while (issued < total && g.inFlight() < DEPTH) {
                        int slot = freeSlot(g, bufs);
                        int len = SIZES[random.nextInt(SIZES.length)];
                        long off = next;
                        next = (next + (1 << 20)) % (60L << 20);
                        ByteBuffer b = ByteBuffer.allocateDirect(len);
                        if (write) {
                            fill(b, off, len);
                        }
                        bufs[slot] = b;
                        lens[slot] = len;
                        offs[slot] = off;
                        g.submit(slot, write ? Nbd.CMD_WRITE : Nbd.CMD_READ, 0, off, len, b);
                        issued++;
                    }
                    g.sendQueued();
                    int slot = g.nextCompletion(-1);
                    assertEquals(0, g.error(slot), () -> g.errorMessage(slot));
                    if (!write) {
                        ByteBuffer expected = ByteBuffer.allocateDirect(lens[slot]);
                        fill(expected, offs[slot], lens[slot]);
                        ByteBuffer got = bufs[slot];
                        got.clear().limit(lens[slot]);
                        assertEquals(expected, got, "data read back at offset " + offs[slot]);
                    }
                    bufs[slot] = null;
                    done++;
                }
            }
        }
    }

    private static int freeSlot(ConnectionGroup g, ByteBuffer[] bufs) {
        for (int i = 0; i < bufs.length; i++) {
            if (bufs[i] == null) {
                return i;
            }
        }
        throw new IllegalStateException("no free slot with " + g.inFlight() + " in flight");
    }

    private static void fill(ByteBuffer b, long off, int len) {
        for (int i = 0; i < len; i += 8) {
            b.putLong(i, off + i);
        }
        b.clear();
    }
}
