package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Every client behaviour over X.509 TLS on TCP 127.0.0.1 (the certificate's IP address is checked)
 * with simple replies: nbdkit --tls=require --tls-certificates --no-sr.
 */
class NbdkitTlsX509TcpClientTest extends NbdkitTcpSimpleRepliesClientTest {
    TestCredentials credentials;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        credentials = TestCredentials.make(dir.resolve("pki"));
        String[] args = new String[NbdkitUnixClientTest.EXPORTS.length + 3];
        args[0] = "--no-sr";
        args[1] = "--tls=require";
        args[2] = "--tls-certificates=" + credentials.serverDir();
        System.arraycopy(NbdkitUnixClientTest.EXPORTS, 0, args, 3, NbdkitUnixClientTest.EXPORTS.length);
        ServerFixture f = ServerFixture.nbdkitTcp(dir, "64M", args);
        server = f;
        return f.endpoint().withExport("beta");
    }

    @Override
    NbdConnection.Options options() {
        return new NbdConnection.Options()
                .tls(new TlsSettings(TlsSettings.Kind.X509, credentials.clientDir(), true, null, null, null));
    }

    @Test
    void theCertificateIsCheckedAgainstTheIpAddressConnectedTo() {
        assertTrue(
                connection.info().tls().describe().startsWith("x509 TLSv1.3 "),
                connection.info().tls().describe());
    }
}
