package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.nio.file.Path;

class NbdkitUnixClientTest extends ClientBehaviour {
    static final String[] EXPORTS = {
        "--filter=exportname",
        "exportname=alpha",
        "exportname=beta",
        "exportname-strict=true",
        "exportname-list=explicit"
    };

    @Override
    NbdEndpoint startServer(Path dir) throws IOException {
        ServerFixture f = ServerFixture.nbdkitUnix(dir, "64M", EXPORTS);
        server = f;
        return f.endpoint().withExport("alpha");
    }

    @Override
    String expectedListing() {
        return "it offers: 'alpha', 'beta'";
    }
}
