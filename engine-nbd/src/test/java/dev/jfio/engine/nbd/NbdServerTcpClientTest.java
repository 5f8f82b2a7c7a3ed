package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.file.Path;

/** nbd-server 3.24 on 127.0.0.1. */
class NbdServerTcpClientTest extends NbdServerClientTest {
    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        ServerFixture f = ServerFixture.nbdServer(dir, SIZE, true);
        server = f;
        return f.endpoint();
    }
}
