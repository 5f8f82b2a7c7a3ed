package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies to NBD_CMD_BLOCK_STATUS, DF reads and error-offset chunks that break the spec end the
 * connection with a one-line protocol error naming what was wrong; replies that keep it are
 * counted as they say. The meta-context negotiation is checked the same way.
 */
class HostileCommandRepliesTest {
    private static final int CONTEXT = 7;
    private static final long SIZE = 1 << 20;
    private static final int LEN = 65536;
    private static final long OFF = 8192;

    @TempDir
    Path dir;

    /** Structured replies, base:allocation as context {@link #CONTEXT}, GO with DF and every command advertised. */
    static Script handshake() {
        byte[] name = Nbd.BASE_ALLOCATION.getBytes(StandardCharsets.US_ASCII);
        return metaHandshake(
                ByteBuffer.allocate(4 + name.length).putInt(CONTEXT).put(name).array());
    }

    private static Script metaHandshake(byte[] metaContextReply) {
        Script s = new Script().greeting().optionReply(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ACK, new byte[0]);
        if (metaContextReply != null) {
            s.optionReply(Nbd.OPT_SET_META_CONTEXT, Nbd.REP_META_CONTEXT, metaContextReply);
            s.optionReply(Nbd.OPT_SET_META_CONTEXT, Nbd.REP_ACK, new byte[0]);
        } else {
            s.optionReply(Nbd.OPT_SET_META_CONTEXT, Nbd.REP_ERR_UNSUP, new byte[0]);
        }
        int flags = Nbd.TF_HAS_FLAGS | Nbd.TF_SEND_DF | Nbd.TF_SEND_WRITE_ZEROES | Nbd.TF_SEND_CACHE;
        return s.optionReply(
                        Nbd.OPT_GO,
                        Nbd.REP_INFO,
                        ByteBuffer.allocate(12)
                                .putShort((short) Nbd.INFO_EXPORT)
                                .putLong(SIZE)
                                .putShort((short) flags)
                                .array())
                .optionReply(Nbd.OPT_GO, Nbd.REP_ACK, new byte[0]);
    }

    /** A block-status chunk for {@code context} with descriptors given as (length, flags) pairs. */
    static Script blockStatus(Script s, int flags, long cookie, int context, int... descriptors) {
        s.chunkHeader(flags, Nbd.REPLY_TYPE_BLOCK_STATUS, cookie, 4 + 4 * descriptors.length);
        s.putInt(context);
        for (int d : descriptors) {
            s.putInt(d);
        }
        return s;
    }

    private static NbdConnection.Options options() {
        return new NbdConnection.Options().baseAllocation(true).connectTimeout(2_000_000_000L);
    }

    /** Plays {@code script}, sends one request {@code cmd} with {@code flags} of LEN bytes at OFF, returns the failure. */
    private IOException failureOf(Script script, int cmd, int flags) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), script.bytes(), false)) {
                return assertThrows(IOException.class, () -> {
                    try (NbdConnection c = NbdConnection.connect(server.endpoint(), options())) {
                        c.submit(0, cmd, flags, OFF, LEN, ByteBuffer.allocateDirect(LEN));
                        int slot = c.nextCompletion(true);
                        throw new AssertionError("completed: slot " + slot + " error " + c.errorMessage(slot));
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
    void extentsAreCountedAndALastExtentPastTheRequestIsClippedToIt() throws Exception {
        Script s = handshake();
        blockStatus(s, Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, 4096, 0, 8192, 3, 65536, 2);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), s.bytes(), true);
                    NbdConnection c = NbdConnection.connect(server.endpoint(), options())) {
                assertEquals(CONTEXT, c.info().baseAllocationContext());
                c.submit(0, Nbd.CMD_BLOCK_STATUS, 0, OFF, LEN, null);
                int slot = c.nextCompletion(true);
                assertEquals(0, c.error(slot), c.errorMessage(slot));
                assertEquals(3, c.extents(slot));
                assertEquals(4096 + (LEN - 4096 - 8192), c.dataBytes(slot));
                assertEquals(8192, c.holeBytes(slot));
                assertEquals(LEN - 4096, c.zeroBytes(slot));
            }
        });
    }

    @Test
    void aServerThatRefusesTheMetaContextLeavesBlockStatusUnnegotiated() throws Exception {
        Script s = metaHandshake(null);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), s.bytes(), true);
                    NbdConnection c = NbdConnection.connect(server.endpoint(), options())) {
                assertEquals(-1, c.info().baseAllocationContext());
                IOException e =
                        assertThrows(IOException.class, () -> c.submit(0, Nbd.CMD_BLOCK_STATUS, 0, 0, LEN, null));
                assertOneLine(e, "NBD_CMD_BLOCK_STATUS needs the base:allocation meta context");
            }
        });
    }

    @Test
    void aMetaContextNotAskedForEndsTheHandshake() {
        byte[] name = "qemu:dirty-bitmap:x".getBytes(StandardCharsets.US_ASCII);
        Script s = metaHandshake(
                ByteBuffer.allocate(4 + name.length).putInt(3).put(name).array());
        IOException e = failureOf(s, Nbd.CMD_BLOCK_STATUS, 0);
        assertOneLine(e, "with context 'qemu:dirty-bitmap:x', which jfio did not ask for");
    }

    @Test
    void blockStatusForAnotherContextIdIsAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, 9, LEN, 0);
        assertOneLine(
                failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "NBD protocol error", "context id 9, not the id 7 negotiated");
    }

    @Test
    void blockStatusWhoseLengthIsNotFourPlusDescriptorsIsAProtocolError() {
        Script s = handshake()
                .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_BLOCK_STATUS, Script.FIRST_COOKIE, 10)
                .putInt(CONTEXT)
                .put(new byte[6]);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "of 10 bytes (4 + a positive multiple of 8 expected)");
    }

    @Test
    void blockStatusWithAHugeDescriptorCountIsAProtocolErrorBeforeReadingThem() {
        Script s = handshake()
                .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_BLOCK_STATUS, Script.FIRST_COOKIE, 0x7ffffff4)
                .putInt(CONTEXT);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "descriptors for a request of 65536 bytes");
    }

    @Test
    void anExtentOfLengthZeroIsAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, 4096, 0, 0, 0);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "descriptor 1 at offset 12288 has length 0");
    }

    @Test
    void anExtentPastTheExportsEndIsAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, (int) SIZE, 0);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "at offset 8192 reaches past the export's end");
    }

    @Test
    void anExtentStartingPastTheRequestIsAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, LEN, 0, 4096, 0);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "descriptor 1 starts at offset 73728, past the request");
    }

    @Test
    void moreThanOneDescriptorUnderReqOneIsAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, 4096, 0, 4096, 3);
        assertOneLine(
                failureOf(s, Nbd.CMD_BLOCK_STATUS, Nbd.CMD_FLAG_REQ_ONE), "2 descriptors under NBD_CMD_FLAG_REQ_ONE");
    }

    @Test
    void aSecondBlockStatusChunkForTheSameContextIsAProtocolError() {
        Script s = blockStatus(handshake(), 0, Script.FIRST_COOKIE, CONTEXT, 4096, 0);
        blockStatus(s, Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, 4096, 0);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "a second NBD_REPLY_TYPE_BLOCK_STATUS chunk");
    }

    @Test
    void blockStatusThatEndsWithoutExtentsIsAProtocolError() {
        Script s = handshake().chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_NONE, Script.FIRST_COOKIE, 0);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "succeeded without an NBD_REPLY_TYPE_BLOCK_STATUS chunk");
    }

    @Test
    void aSimpleReplyOfSuccessToBlockStatusIsAProtocolError() {
        Script s = handshake().simpleReply(0, Script.FIRST_COOKIE, new byte[0]);
        assertOneLine(failureOf(s, Nbd.CMD_BLOCK_STATUS, 0), "simple reply of success to NBD_CMD_BLOCK_STATUS");
    }

    @Test
    void extentsForAReadAreAProtocolError() {
        Script s = blockStatus(handshake(), Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, CONTEXT, LEN, 0);
        assertOneLine(failureOf(s, Nbd.CMD_READ, 0), "NBD_REPLY_TYPE_BLOCK_STATUS for NBD_CMD_READ");
    }

    @Test
    void dataForAWriteZeroesIsAProtocolError() {
        Script s = handshake().dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, OFF, 512);
        assertOneLine(failureOf(s, Nbd.CMD_WRITE_ZEROES, 0), "NBD_REPLY_TYPE_OFFSET_DATA for NBD_CMD_WRITE_ZEROES");
    }

    @Test
    void aFragmentedReplyToADfReadIsAProtocolError() {
        Script s = handshake()
                .dataChunk(0, Script.FIRST_COOKIE, OFF, LEN / 2)
                .dataChunk(Nbd.REPLY_FLAG_DONE, Script.FIRST_COOKIE, OFF + LEN / 2, LEN / 2);
        assertOneLine(
                failureOf(s, Nbd.CMD_READ, Nbd.CMD_FLAG_DF),
                "NBD_REPLY_TYPE_OFFSET_DATA of 32768 bytes at offset 8192 fragments a read sent with NBD_CMD_FLAG_DF");
    }

    @Test
    void aPartialHoleForADfReadIsAProtocolError() {
        Script s = handshake()
                .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_OFFSET_HOLE, Script.FIRST_COOKIE, 12)
                .put(ByteBuffer.allocate(12).putLong(OFF + 4096).putInt(4096).array());
        assertOneLine(failureOf(s, Nbd.CMD_READ, Nbd.CMD_FLAG_DF), "NBD_REPLY_TYPE_OFFSET_HOLE of 4096 bytes");
    }

    @Test
    void oneHoleChunkAnswersADfReadWithZeros() throws Exception {
        Script s = handshake()
                .chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_OFFSET_HOLE, Script.FIRST_COOKIE, 12)
                .put(ByteBuffer.allocate(12).putLong(OFF).putInt(LEN).array());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), s.bytes(), true);
                    NbdConnection c = NbdConnection.connect(server.endpoint(), options())) {
                ByteBuffer buf = ByteBuffer.allocateDirect(LEN);
                for (int i = 0; i < LEN; i++) {
                    buf.put(i, (byte) 0x5a);
                }
                c.submit(0, Nbd.CMD_READ, Nbd.CMD_FLAG_DF, OFF, LEN, buf);
                int slot = c.nextCompletion(true);
                assertEquals(0, c.error(slot), c.errorMessage(slot));
                assertEquals(LEN, c.holeBytes(slot));
                for (int i = 0; i < LEN; i++) {
                    assertEquals(0, buf.get(i), "byte " + i);
                }
            }
        });
    }

    /** An error-offset chunk: error, message, offset. */
    private static Script errorOffset(Script s, long cookie, long offset) {
        byte[] msg = "bad sector".getBytes(StandardCharsets.US_ASCII);
        s.chunkHeader(Nbd.REPLY_FLAG_DONE, Nbd.REPLY_TYPE_ERROR_OFFSET, cookie, 14 + msg.length);
        return s.putInt(Nbd.EIO)
                .put(new byte[] {0, (byte) msg.length})
                .put(msg)
                .put(ByteBuffer.allocate(8).putLong(offset).array());
    }

    @Test
    void anErrorOffsetOutsideTheRequestIsAProtocolError() {
        Script s = errorOffset(handshake(), Script.FIRST_COOKIE, OFF + LEN);
        assertOneLine(
                failureOf(s, Nbd.CMD_BLOCK_STATUS, 0),
                "NBD_REPLY_TYPE_ERROR_OFFSET at offset 73728 is outside the request (65536 bytes at offset 8192)");
    }

    @Test
    void anErrorOffsetInsideTheRequestFailsOnlyThatRequest() throws Exception {
        Script s = errorOffset(handshake(), Script.FIRST_COOKIE, OFF + 512);
        blockStatus(s, Nbd.REPLY_FLAG_DONE, Script.SECOND_COOKIE, CONTEXT, LEN, 0);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), s.bytes(), true);
                    NbdConnection c = NbdConnection.connect(server.endpoint(), options())) {
                c.submit(0, Nbd.CMD_BLOCK_STATUS, 0, OFF, LEN, null);
                int slot = c.nextCompletion(true);
                assertEquals(Nbd.EIO, c.error(slot));
                assertEquals("NBD_EIO: bad sector", c.errorMessage(slot));
                c.submit(0, Nbd.CMD_BLOCK_STATUS, 0, OFF, LEN, null);
                slot = c.nextCompletion(true);
                assertEquals(0, c.error(slot), c.errorMessage(slot));
                assertEquals(1, c.extents(slot));
            }
        });
    }
}
