package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.file.Path;

/** Every client behaviour over TLS-PSK on TCP 127.0.0.1: nbdkit --tls=require --tls-psk, user bob. */
class NbdkitTlsPskTcpClientTest extends ClientBehaviour {
    Path psk;

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "bob");
        String[] args = new String[NbdkitUnixClientTest.EXPORTS.length + 2];
        args[0] = "--tls=require";
        args[1] = "--tls-psk=" + psk;
        System.arraycopy(NbdkitUnixClientTest.EXPORTS, 0, args, 2, NbdkitUnixClientTest.EXPORTS.length);
        ServerFixture f = ServerFixture.nbdkitTcp(dir, "64M", args);
        server = f;
        return f.endpoint().withExport("beta");
    }

    @Override
    NbdConnection.Options options() {
        return new NbdConnection.Options().tls(new TlsSettings(TlsSettings.Kind.PSK, null, true, null, psk, "bob"));
    }

    @Override
    String expectedListing() {
        return "it offers: 'alpha', 'beta'";
    }
}
