package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every client behaviour over X.509 TLS: nbdkit --tls=require --tls-certificates on a unix socket. */
class NbdkitTlsX509UnixClientTest extends NbdkitUnixClientTest {
    TestCredentials credentials;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        credentials = TestCredentials.make(dir.resolve("pki"));
        String[] args = new String[EXPORTS.length + 2];
        args[0] = "--tls=require";
        args[1] = "--tls-certificates=" + credentials.serverDir();
        System.arraycopy(EXPORTS, 0, args, 2, EXPORTS.length);
        ServerFixture f = ServerFixture.nbdkitUnix(dir, "64M", args);
        server = f;
        return f.endpoint().withExport("alpha");
    }

    @Override
    NbdConnection.Options options() {
        return new NbdConnection.Options()
                .tls(new TlsSettings(TlsSettings.Kind.X509, credentials.clientDir(), true, null, null, null));
    }

    @Test
    void theNegotiatedTlsIsReported() {
        assertEquals(
                "x509 TLSv1.3 TLS_AES_256_GCM_SHA384", connection.info().tls().describe());
    }
}
