package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers limited to TLS 1.2 (qemu-nbd's tls-creds priority without TLS 1.3): X.509 through JSSE
 * and PSK through BouncyCastle's TLS 1.2 PSK suites still connect, and data round-trips.
 */
class Tls12FallbackTest {
    private static final String NO_TLS13 = "NORMAL:-VERS-TLS1.3";

    @TempDir
    Path dir;

    private ServerFixture qemu(String creds) throws IOException {
        return ServerFixture.qemuNbdOf(
                ServerFixture.rawImage(dir.resolve("qemu.img"), 1 << 20),
                dir,
                "--object",
                creds,
                "--tls-creds",
                "tls0",
                "-x",
                "d");
    }

    private static String roundTrip(ServerFixture f, TlsSettings tls) throws IOException {
        try (NbdConnection c =
                NbdConnection.connect(f.endpoint().withExport("d"), new NbdConnection.Options().tls(tls))) {
            ByteBuffer out = ByteBuffer.allocateDirect(65536);
            for (int i = 0; i < out.capacity(); i++) {
                out.put(i, (byte) (i * 7));
            }
            c.write(0, out, out.capacity(), false);
            ByteBuffer in = ByteBuffer.allocateDirect(65536);
            c.read(0, in, in.capacity());
            assertEquals(0, out.clear().compareTo(in.clear()), "data read back");
            return c.info().tls().describe();
        }
    }

    @Test
    void x509ConnectsToATls12OnlyServer() throws IOException {
        TestCredentials pki = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture f = qemu("tls-creds-x509,id=tls0,dir=" + pki.serverDir()
                + ",endpoint=server,verify-peer=off,priority=" + NO_TLS13)) {
            String tls = roundTrip(f, new TlsSettings(TlsSettings.Kind.X509, pki.clientDir(), true, null, null, null));
            assertTrue(tls.startsWith("x509 TLSv1.2 "), tls);
        }
    }

    @Test
    void pskConnectsToATls12OnlyServer() throws IOException {
        Path pskDir = Files.createDirectories(dir.resolve("psk"));
        Path psk = TestCredentials.pskFile(pskDir.resolve("keys.psk"), "dave");
        try (ServerFixture f = qemu("tls-creds-psk,id=tls0,dir=" + pskDir + ",endpoint=server,priority=" + NO_TLS13
                + ":+ECDHE-PSK:+DHE-PSK:+PSK")) {
            String tls = roundTrip(f, new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "dave"));
            assertTrue(tls.startsWith("psk TLSv1.2 "), tls);
        }
    }
}
