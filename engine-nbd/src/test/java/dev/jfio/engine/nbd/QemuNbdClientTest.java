package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.file.Path;

/** qemu-nbd -e 4 on a raw file: structured replies, holes as OFFSET_HOLE, block sizes advertised. */
class QemuNbdClientTest extends ClientBehaviour {
    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        ServerFixture f = ServerFixture.qemuNbd(dir, SIZE, "qdisk", 4);
        server = f;
        return f.endpoint();
    }

    @Override
    String expectedListing() {
        return "it offers: 'qdisk'";
    }

    @Override
    boolean trimZeroes() {
        return false; // qemu-nbd ignores discards unless started with --discard=unmap
    }
}
