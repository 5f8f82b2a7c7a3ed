package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jfio.engine.nbd.server.MemoryNbdServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The registry counts the connections of its run per endpoint, from the end of the handshake to close. */
class ConnectionRegistryTest {
    @Test
    void connectionsOfARunAreCountedWhileOpenAndOthersAreNot() throws IOException {
        try (MemoryNbdServer server = MemoryNbdServer.start(1 << 20, "")) {
            ConnectionRegistry run = new ConnectionRegistry();
            NbdConnection.Options options = new NbdConnection.Options().registry(run);
            try (NbdConnection a = NbdConnection.connect(server.endpoint(), options);
                    NbdConnection b = NbdConnection.connect(server.endpoint(), options);
                    NbdConnection other = NbdConnection.connect(server.endpoint(), new NbdConnection.Options())) {
                assertEquals(2, run.openConnections(server.endpoint()));
                a.close();
                a.close();
                assertEquals(1, run.openConnections(server.endpoint()), "closing twice counts once");
            }
            assertEquals(0, run.openConnections(server.endpoint()));
        }
    }
}
