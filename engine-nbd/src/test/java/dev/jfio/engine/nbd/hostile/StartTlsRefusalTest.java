package dev.jfio.engine.nbd.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.TestCredentials;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Servers that will not do TLS when it is required, against scripted servers: never a plaintext fallback. */
class StartTlsRefusalTest {
    @TempDir
    Path dir;

    private IOException failure(Script script) {
        return assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            Path psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
            TlsSettings tls = new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "alice");
            try (ScriptedServer server = ScriptedServer.start(dir.resolve("s.sock"), script.bytes(), true)) {
                return assertThrows(
                        IOException.class,
                        () -> NbdConnection.connect(
                                        server.endpoint(),
                                        new NbdConnection.Options().tls(tls).connectTimeout(1_000_000_000L))
                                .close());
            }
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {Nbd.REP_ERR_UNSUP, Nbd.REP_ERR_POLICY, Nbd.REP_ERR_INVALID, Nbd.REP_ERR_PLATFORM})
    void refusesStarttlsRefusalWithoutFallingBack(int error) {
        IOException e = failure(new Script()
                .greeting()
                .optionReply(Nbd.OPT_STARTTLS, error, "no TLS here".getBytes(StandardCharsets.UTF_8)));
        assertTrue(
                e.getMessage()
                        .contains("does not support TLS (it refused NBD_OPT_STARTTLS: " + Nbd.optionErrorName(error)
                                + ", no TLS here); TLS was asked for"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("so jfio does not fall back to plaintext"), e.getMessage());
    }

    @Test
    void aServerThatIsNotFixedNewstyleCannotBeAskedForTls() {
        IOException e = failure(new Script()
                .put(ByteBuffer.allocate(18)
                        .putLong(Nbd.NBDMAGIC)
                        .putLong(Nbd.IHAVEOPT)
                        .putShort((short) 0)
                        .array()));
        assertTrue(e.getMessage().contains("does not support TLS (it does not speak fixed newstyle"), e.getMessage());
        assertTrue(e.getMessage().endsWith("so jfio does not fall back to plaintext"), e.getMessage());
    }

    @Test
    void bytesInjectedAfterTheStarttlsAckAreRefused() {
        IOException e = failure(new Script()
                .greeting()
                .optionReply(Nbd.OPT_STARTTLS, Nbd.REP_ACK, new byte[0])
                .optionReply(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ACK, new byte[0]));
        assertTrue(
                e.getMessage()
                        .endsWith("sent 20 unexpected bytes after accepting NBD_OPT_STARTTLS (before the TLS"
                                + " handshake)"),
                e.getMessage());
    }

    @Test
    void aServerSilentAfterAcceptingStarttlsTimesOutWithinTheConnectTimeout() {
        long start = System.nanoTime();
        IOException e = failure(new Script().greeting().optionReply(Nbd.OPT_STARTTLS, Nbd.REP_ACK, new byte[0]));
        assertTrue(
                e.getMessage()
                        .contains("stopped answering during the NBD handshake (not finished within 1 s,"
                                + " connect_timeout)"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < 4_000_000_000L, "the TLS handshake is bounded by connect_timeout");
    }

    @Test
    void aReplyOtherThanAckToStarttlsIsRefused() {
        IOException e = failure(new Script().greeting().optionReply(Nbd.OPT_STARTTLS, Nbd.REP_SERVER, new byte[4]));
        assertEquals(
                "NBD server " + dir.resolve("s.sock") + " answered NBD_OPT_STARTTLS with reply type " + Nbd.REP_SERVER
                        + " instead of NBD_REP_ACK; TLS was asked for (nbds:// or nbds+unix://, or tls=require), so jfio"
                        + " does not fall back to plaintext",
                e.getMessage());
    }
}
