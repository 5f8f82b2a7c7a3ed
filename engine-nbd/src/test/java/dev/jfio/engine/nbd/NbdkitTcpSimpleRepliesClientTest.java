package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.file.Path;

/** nbdkit on 127.0.0.1 with --no-sr: simple replies only. */
class NbdkitTcpSimpleRepliesClientTest extends ClientBehaviour {
    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        String[] args = new String[NbdkitUnixClientTest.EXPORTS.length + 1];
        args[0] = "--no-sr";
        System.arraycopy(NbdkitUnixClientTest.EXPORTS, 0, args, 1, NbdkitUnixClientTest.EXPORTS.length);
        ServerFixture f = ServerFixture.nbdkitTcp(dir, "64M", args);
        server = f;
        return f.endpoint().withExport("beta");
    }

    @Override
    String expectedListing() {
        return "it offers: 'alpha', 'beta'";
    }

    @Override
    boolean structuredReplies() {
        return false;
    }
}
