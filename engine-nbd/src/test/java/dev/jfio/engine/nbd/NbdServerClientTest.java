package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.file.Path;

/** nbd-server 3.24 on a unix socket: refuses structured replies. */
class NbdServerClientTest extends ClientBehaviour {
    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        ServerFixture f = ServerFixture.nbdServer(dir, SIZE, false);
        server = f;
        return f.endpoint();
    }

    @Override
    String expectedListing() {
        return "it offers: 'disk'";
    }

    @Override
    boolean structuredReplies() {
        return false;
    }
}
