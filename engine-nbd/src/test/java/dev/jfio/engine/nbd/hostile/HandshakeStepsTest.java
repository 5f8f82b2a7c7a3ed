package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdExportInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The option steps of the handshake against scripted servers: what each answer leads to. */
class HandshakeStepsTest {
    private static final int FLAGS = Nbd.TF_HAS_FLAGS | Nbd.TF_SEND_FLUSH;

    @TempDir
    Path dir;

    private static byte[] exportInfo(long size) {
        return ByteBuffer.allocate(12)
                .putShort((short) Nbd.INFO_EXPORT)
                .putLong(size)
                .putShort((short) FLAGS)
                .array();
    }

    private static Script acked(Script s, int option) {
        return s.optionReply(option, Nbd.REP_ACK, new byte[0]);
    }

    /** Connects to a server playing {@code script}; reads 16 bytes at 0 when {@code read}; returns the export. */
    private NbdExportInfo connect(Script script, byte[] read) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), script.bytes(), true);
                    NbdConnection c = NbdConnection.connect(server.endpoint(), new NbdConnection.Options())) {
                if (read != null) {
                    ByteBuffer buf = ByteBuffer.allocate(read.length);
                    c.read(0, buf, read.length);
                    assertArrayEquals(read, buf.array(), "the stream is in step after the handshake");
                }
                return c.info();
            }
        });
    }

    private IOException failure(Script script) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), script.bytes(), false)) {
                return assertThrows(
                        IOException.class,
                        () -> NbdConnection.connect(server.endpoint(), new NbdConnection.Options())
                                .close());
            }
        });
    }

    @Test
    void goWithInfoRepliesGivesSizeFlagsBlockSizesAndDescription() {
        byte[] blockSizes = ByteBuffer.allocate(14)
                .putShort((short) Nbd.INFO_BLOCK_SIZE)
                .putInt(512)
                .putInt(4096)
                .putInt(1 << 20)
                .array();
        byte[] description = ByteBuffer.allocate(6)
                .putShort((short) Nbd.INFO_DESCRIPTION)
                .put("disk".getBytes(StandardCharsets.UTF_8))
                .array();
        Script s = acked(new Script().greeting(), Nbd.OPT_STRUCTURED_REPLY)
                .optionReply(Nbd.OPT_GO, Nbd.REP_INFO, exportInfo(1 << 20))
                .optionReply(Nbd.OPT_GO, Nbd.REP_INFO, blockSizes)
                .optionReply(Nbd.OPT_GO, Nbd.REP_INFO, description);
        NbdExportInfo info = connect(acked(s, Nbd.OPT_GO), null);
        assertEquals(1 << 20, info.size());
        assertEquals(FLAGS, info.flags());
        assertEquals("512/4096/1048576", info.describeBlockSizes());
        assertEquals("disk", info.description());
        assertTrue(info.usedGo() && info.structuredReplies());
    }

    @Test
    void refusedStructuredRepliesLeaveSimpleReplies() {
        byte[] data = "sixteen bytes!!!".getBytes(StandardCharsets.US_ASCII);
        Script s = new Script()
                .greeting()
                .optionReply(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ERR_UNSUP, new byte[0])
                .optionReply(Nbd.OPT_GO, Nbd.REP_INFO, exportInfo(1 << 20));
        NbdExportInfo info = connect(acked(s, Nbd.OPT_GO).simpleReply(0, Script.FIRST_COOKIE, data), data);
        assertFalse(info.structuredReplies());
        assertTrue(info.usedGo());
    }

    @Test
    void goRefusedAsUnsupportedFallsBackToExportName() {
        Script s = acked(new Script().greeting(), Nbd.OPT_STRUCTURED_REPLY)
                .optionReply(Nbd.OPT_GO, Nbd.REP_ERR_UNSUP, new byte[0])
                .put(ByteBuffer.allocate(10)
                        .putLong(1 << 20)
                        .putShort((short) FLAGS)
                        .array());
        NbdExportInfo info = connect(s, null);
        assertFalse(info.usedGo());
        assertTrue(info.structuredReplies());
        assertEquals(1 << 20, info.size());
        assertEquals("1/4096/33554432 (not advertised; defaults)", info.describeBlockSizes());
    }

    @Test
    void aServerThatIsNotFixedNewstyleGetsExportNameAndSendsTheZeroes() {
        byte[] data = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        Script s = new Script()
                .put(ByteBuffer.allocate(18)
                        .putLong(Nbd.NBDMAGIC)
                        .putLong(Nbd.IHAVEOPT)
                        .putShort((short) 0)
                        .array())
                .put(ByteBuffer.allocate(10)
                        .putLong(1 << 20)
                        .putShort((short) FLAGS)
                        .array())
                .put(new byte[124])
                .simpleReply(0, Script.FIRST_COOKIE, data);
        NbdExportInfo info = connect(s, data);
        assertFalse(info.usedGo() || info.structuredReplies());
    }

    @Test
    void goRefusedForPolicyNamesTheRefusalAndTheServersText() {
        IOException e = failure(acked(new Script().greeting(), Nbd.OPT_STRUCTURED_REPLY)
                .optionReply(Nbd.OPT_GO, Nbd.REP_ERR_POLICY, "not you".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().endsWith("refused export '': NBD_REP_ERR_POLICY (not you)"), e.getMessage());
    }

    @Test
    void tlsRequiredByTheServerSaysHowToAskForTls() {
        IOException e = failure(acked(new Script().greeting(), Nbd.OPT_STRUCTURED_REPLY)
                .optionReply(Nbd.OPT_GO, Nbd.REP_ERR_TLS_REQD, new byte[0]));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "requires TLS: use an nbds:// or nbds+unix:// URI (or tls=require) with"
                                        + " tls-certificates=DIR / tls_certificates=DIR, or tls-psk-file=FILE / tls_psk_file=FILE"),
                e.getMessage());
    }

    @Test
    void goFinishedWithoutTheExportInfoIsRefused() {
        IOException e = failure(acked(acked(new Script().greeting(), Nbd.OPT_STRUCTURED_REPLY), Nbd.OPT_GO));
        assertTrue(e.getMessage().endsWith("finished NBD_OPT_GO without NBD_INFO_EXPORT"), e.getMessage());
    }

    @Test
    void aReplyToAnotherOptionIsRefused() {
        IOException e = failure(new Script().greeting().optionReply(Nbd.OPT_GO, Nbd.REP_ACK, new byte[0]));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "answered option " + Nbd.OPT_GO + " while jfio asked for " + Nbd.OPT_STRUCTURED_REPLY),
                e.getMessage());
    }
}
