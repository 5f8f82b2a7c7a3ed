package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Every client behaviour over TLS-PSK: nbdkit --tls=require --tls-psk on a unix socket, user alice. */
class NbdkitTlsPskUnixClientTest extends NbdkitUnixClientTest {
    Path psk;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        String[] args = new String[EXPORTS.length + 2];
        args[0] = "--tls=require";
        args[1] = "--tls-psk=" + psk;
        System.arraycopy(EXPORTS, 0, args, 2, EXPORTS.length);
        ServerFixture f = ServerFixture.nbdkitUnix(dir, "64M", args);
        server = f;
        return f.endpoint().withExport("alpha");
    }

    @Override
    NbdConnection.Options options() {
        return new NbdConnection.Options().tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "alice"));
    }

    @Test
    void theNegotiatedPskSessionIsReported() {
        String tls = connection.info().tls().describe();
        assertEquals("psk", connection.info().tls().kind());
        assertTrue(tls.startsWith("psk TLSv1."), tls);
    }
}
