package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every client behaviour over TLS-PSK with qemu-nbd -e 4 (tls-creds-psk: DIR/keys.psk), user carol. */
class QemuNbdTlsPskClientTest extends QemuNbdClientTest {
    Path psk;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        Path pskDir = Files.createDirectories(dir.resolve("psk"));
        psk = TestCredentials.pskFile(pskDir.resolve("keys.psk"), "carol");
        ServerFixture f = ServerFixture.qemuNbdOf(
                ServerFixture.rawImage(dir.resolve("qemu.img"), SIZE),
                dir,
                "--object",
                "tls-creds-psk,id=tls0,dir=" + pskDir + ",endpoint=server",
                "--tls-creds",
                "tls0",
                "-x",
                "qdisk",
                "-e",
                "4");
        server = f;
        return f.endpoint().withExport("qdisk");
    }

    @Override
    NbdConnection.Options options() {
        return new NbdConnection.Options().tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "carol"));
    }

    @Test
    void qemuNbdAcceptsThePskOfItsKeysFile() {
        assertEquals("psk", connection.info().tls().kind());
    }
}
