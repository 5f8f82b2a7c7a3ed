package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        // TLS 1.3 with the key as an external PSK, AES-GCM preferred (the JDK runs it on AES instructions)
        assertEquals(
                "psk TLSv1.3 TLS_AES_128_GCM_SHA256", connection.info().tls().describe());
    }
}
