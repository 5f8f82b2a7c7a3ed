package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NbdEndpointTest {
    @Test
    void tcpUriWithPortAndExport() {
        NbdEndpoint e = NbdEndpoint.parse("nbd://example.com:10810/disk%201");
        assertEquals("example.com", e.host());
        assertEquals(10810, e.port());
        assertEquals("disk 1", e.exportName());
    }

    @Test
    void tcpUriDefaultsToPort10809AndTheDefaultExport() {
        NbdEndpoint e = NbdEndpoint.parse("nbd://localhost");
        assertEquals(10809, e.port());
        assertEquals("", e.exportName());
        assertEquals("nbd://localhost/", e.toUri());
    }

    @Test
    void ipv6HostInBrackets() {
        NbdEndpoint e = NbdEndpoint.parse("nbd://[::1]:2000/x");
        assertEquals("::1", e.host());
        assertEquals(2000, e.port());
    }

    @Test
    void unixUriWithExportAndSocket() {
        NbdEndpoint e = NbdEndpoint.parse("nbd+unix:///exp?socket=/tmp/a%20b.sock");
        assertTrue(e.isUnix());
        assertEquals(Path.of("/tmp/a b.sock"), e.socketPath());
        assertEquals("exp", e.exportName());
    }

    @Test
    void nbdkitsUnixUriFormWithoutPath() {
        NbdEndpoint e = NbdEndpoint.parse("nbd+unix://?socket=/tmp/nbdkitXYZ/socket");
        assertEquals(Path.of("/tmp/nbdkitXYZ/socket"), e.socketPath());
        assertEquals("", e.exportName());
    }

    @Test
    void toUriRoundTrips() {
        for (String uri : new String[] {"nbd+unix:///e?socket=/tmp/s", "nbd://h:99/e", "nbd://h/"}) {
            assertEquals(uri, NbdEndpoint.parse(uri).toUri());
        }
    }

    @Test
    void tlsSchemesAreRejectedAsNotSupportedYet() {
        for (String uri : new String[] {"nbds://h/e", "nbds+unix:///e?socket=/s"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse(uri));
            assertTrue(e.getMessage().contains("TLS is not supported yet"), e.getMessage());
        }
    }

    @Test
    void malformedUrisGiveOneLineMessages() {
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("/tmp/sock"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbd+unix:///e"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbd://h:notaport/e"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbd+vsock://1/e"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("http://x"));
        assertTrue(e.getMessage().contains("nbd://") && !e.getMessage().contains("\n"), e.getMessage());
    }
}
