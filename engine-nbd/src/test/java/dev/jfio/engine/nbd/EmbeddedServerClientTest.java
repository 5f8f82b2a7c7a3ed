package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.server.MemoryNbdServer;
import java.io.IOException;
import java.nio.file.Path;

class EmbeddedServerClientTest extends ClientBehaviour {
    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        MemoryNbdServer s = MemoryNbdServer.start(SIZE, "mem");
        server = s;
        return s.endpoint();
    }

    @Override
    String expectedListing() {
        return "it offers: 'mem'";
    }
}
