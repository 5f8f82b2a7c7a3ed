package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every client behaviour over X.509 TLS with qemu-nbd -e 4 (tls-creds-x509, verify-peer=off). */
class QemuNbdTlsX509ClientTest extends QemuNbdClientTest {
    TestCredentials credentials;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        credentials = TestCredentials.make(dir.resolve("pki"));
        ServerFixture f = ServerFixture.qemuNbdOf(
                ServerFixture.rawImage(dir.resolve("qemu.img"), SIZE),
                dir,
                "--object",
                "tls-creds-x509,id=tls0,dir=" + credentials.serverDir() + ",endpoint=server,verify-peer=off",
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
        return new NbdConnection.Options()
                .tls(new TlsSettings(TlsSettings.Kind.X509, credentials.clientDir(), true, null, null, null));
    }

    @Test
    void qemuNbdNegotiatesTls13() {
        assertTrue(
                connection.info().tls().describe().startsWith("x509 TLSv1.3 "),
                connection.info().tls().describe());
    }
}
