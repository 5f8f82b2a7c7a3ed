package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server that lies, in every way the reply parser and the handshake can be lied to, gets a clean
 * one-line IOException naming what was wrong: never an OutOfMemoryError, another exception type
 * or a hang.
 */
class HostileServerTest {
    private static final int LEN = 4096;

    @TempDir
    Path dir;

    /** Connects to a server playing {@code script}, reads 4096 bytes at 0 (twice when {@code twice}), returns the failure. */
    private IOException failureOf(Script script, boolean twice) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), script.bytes(), false)) {
                return assertThrows(IOException.class, () -> {
                    NbdConnection.Options o = new NbdConnection.Options().connectTimeout(2_000_000_000L);
                    try (NbdConnection c = NbdConnection.connect(server.endpoint(), o)) {
                        ByteBuffer buf = ByteBuffer.allocateDirect(LEN);
                        c.read(0, buf, LEN);
                        if (twice) {
                            c.read(0, buf, LEN);
                        }
                    }
                });
            }
        });
    }

    private static void assertOneLine(IOException e, String... parts) {
        String m = e.getMessage();
        assertTrue(m != null && !m.contains("\n"), "one line: " + m);
        for (String p : parts) {
            assertTrue(m.contains(p), "message should contain '" + p + "': " + m);
        }
    }

    @Test
    void dataChunkWithAHugeLengthIsAProtocolErrorBeforeAnyAllocation() {
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_OFFSET_DATA, Script.FIRST_COOKIE, 0xfffffff0)
                        .put(new byte[8]),
                false);
        assertOneLine(e, "NBD protocol error", "outside the request");
    }

    @Test
    void replyForACookieNeverSentIsAProtocolError() {
        IOException e = failureOf(Script.handshake(1 << 20).simpleReply(0, 0x1234_5678_9abcL, new byte[LEN]), false);
        assertOneLine(e, "NBD protocol error", "unknown cookie 0x123456789abc");
    }

    @Test
    void duplicateReplyIsAProtocolError() {
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, 0, LEN)
                        .dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, 0, LEN),
                true);
        assertOneLine(e, "duplicate reply for cookie 0x100000000");
    }

    @Test
    void truncatedChunkIsALostConnectionNamingTheRequestsInFlight() {
        byte[] partial = new Script()
                .dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, 0, LEN)
                .bytes();
        byte[] cut = java.util.Arrays.copyOf(partial, 100);
        IOException e = failureOf(Script.handshake(1 << 20).put(cut), false);
        assertOneLine(
                e, "connection to nbd+unix:///?socket=", "lost: server closed the connection with 1 request in flight");
    }

    @Test
    void badReplyMagicIsAProtocolError() {
        IOException e = failureOf(Script.handshake(1 << 20).putInt(0xdeadbeef).put(new byte[40]), false);
        assertOneLine(e, "bad magic 0xdeadbeef");
    }

    @Test
    void dataChunkBeyondTheRequestIsAProtocolError() {
        IOException e = failureOf(
                Script.handshake(1 << 20).dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, LEN, LEN), false);
        assertOneLine(e, "of 4096 bytes at offset 4096 is outside the request (4096 bytes at offset 0)");
    }

    @Test
    void overlappingDataChunksAreAProtocolError() {
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .dataChunk(0, Script.FIRST_COOKIE, 0, 2048)
                        .dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, 1024, 2048),
                false);
        assertOneLine(e, "at offset 1024 (2048 bytes) overlaps an earlier chunk");
    }

    @Test
    void errorChunkWithAHugeLengthIsAProtocolError() {
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_ERROR, Script.FIRST_COOKIE, 0x7fffffff)
                        .putInt(Nbd.EIO)
                        .put(new byte[] {(byte) 0xff, (byte) 0xff}),
                false);
        assertOneLine(e, "error chunk of 2147483647 bytes");
    }

    @Test
    void errorChunkMessageLongerThanItsChunkIsAProtocolError() {
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_ERROR, Script.FIRST_COOKIE, 10)
                        .putInt(Nbd.EIO)
                        .put(new byte[] {0x10, 0})
                        .put(new byte[4]),
                false);
        assertOneLine(e, "error chunk message of 4096 bytes in a chunk of 10 bytes");
    }

    @Test
    void errorChunkFailsOnlyThatRequestWithTheServersMessage() throws IOException {
        byte[] text = "disk on fire".getBytes(StandardCharsets.UTF_8);
        IOException e = failureOf(
                Script.handshake(1 << 20)
                        .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_ERROR, Script.FIRST_COOKIE, 6 + text.length)
                        .putInt(Nbd.EIO)
                        .put(new byte[] {0, (byte) text.length})
                        .put(text),
                false);
        assertOneLine(e, "NBD_EIO: disk on fire");
    }

    @Test
    void optionReplyWithAHugeLengthDuringTheHandshakeIsRefused() {
        IOException e = failureOf(
                new Script().greeting().optionReplyHeader(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ACK, 0x7fffff00), false);
        assertOneLine(e, "sent an option reply of 2147483392 bytes during the NBD handshake");
    }

    @Test
    void exportSizeBeyondWhatJfioCanAddressIsRefused() {
        IOException e = failureOf(
                new Script()
                        .greeting()
                        .optionReply(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ACK, new byte[0])
                        .optionReply(
                                Nbd.OPT_GO,
                                Nbd.REP_INFO,
                                ByteBuffer.allocate(12)
                                        .putShort((short) Nbd.INFO_EXPORT)
                                        .putLong(-1)
                                        .putShort((short) 1)
                                        .array()),
                false);
        assertOneLine(e, "announced an export of 18446744073709551615 bytes");
    }

    @Test
    void randomBytesInsteadOfAGreetingAreNotAnNbdServer() {
        byte[] garbage = new byte[64];
        new Random(42).nextBytes(garbage);
        IOException e = failureOf(new Script().put(garbage), false);
        assertOneLine(e, "is not an NBD server (bad greeting 0x");
    }

    @Test
    void serverThatAcceptsAndNeverSpeaksTimesOutAfterConnectTimeout() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("q.sock"), new byte[0], true)) {
                long start = System.nanoTime();
                IOException e = assertThrows(
                        IOException.class,
                        () -> NbdConnection.connect(
                                        server.endpoint(), new NbdConnection.Options().connectTimeout(500_000_000L))
                                .close());
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertOneLine(e, "sent no greeting within 0.5 s");
                assertTrue(ms >= 450 && ms < 2000, "timed out after " + ms + " ms");
            }
        });
    }

    @Test
    void serverThatStallsMidHandshakeTimesOutWithinTheConnectTimeoutOverall() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            byte[] greeting = new Script().greeting().bytes();
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("h.sock"), greeting, true)) {
                IOException e = assertThrows(
                        IOException.class,
                        () -> NbdConnection.connect(
                                        server.endpoint(), new NbdConnection.Options().connectTimeout(500_000_000L))
                                .close());
                assertOneLine(e, "within 0.5 s");
            }
        });
    }

    @Test
    void requestWithoutReplyFailsWithTimeoutAfterRequestTimeoutAndTheConnectionIsClosed() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(
                    dir.resolve("t.sock"), Script.handshake(1 << 20).bytes(), true)) {
                NbdConnection c = NbdConnection.connect(
                        server.endpoint(), new NbdConnection.Options().requestTimeout(300_000_000L));
                try {
                    long start = System.nanoTime();
                    IOException e =
                            assertThrows(IOException.class, () -> c.read(0, ByteBuffer.allocateDirect(LEN), LEN));
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    assertOneLine(e, "sent no reply within 0.3 s (request_timeout); the connection is closed");
                    assertTrue(ms >= 280 && ms < 1500, "timed out after " + ms + " ms");
                    assertTrue(c.timedOut());
                    assertEquals(0, c.inFlight() - 1, "the request is still in flight until abandoned");
                    int slot = c.abandon();
                    assertEquals(0, slot);
                    assertEquals(Errno.ETIMEDOUT, c.error(slot));
                    assertEquals(-1, c.abandon());
                } finally {
                    c.close();
                }
            }
        });
    }

    @Test
    void timedWaitReturnsEmptyHandedWhenTheServerIsSilentWithoutClosingTheConnection() {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(
                    dir.resolve("w.sock"), Script.handshake(1 << 20).bytes(), true)) {
                try (NbdConnection c = NbdConnection.connect(server.endpoint(), new NbdConnection.Options())) {
                    c.submit(0, Nbd.CMD_READ, 0, 0, LEN, ByteBuffer.allocateDirect(LEN));
                    for (long wait : new long[] {0, 200_000, 30_000_000}) {
                        long start = System.nanoTime();
                        assertEquals(-1, c.nextCompletion(wait));
                        long took = System.nanoTime() - start;
                        assertTrue(took >= wait && took < wait + 50_000_000, "waited " + took + " ns for " + wait);
                    }
                    assertTrue(c.isOpen());
                    assertEquals(1, c.inFlight());
                }
            }
        });
    }
}
