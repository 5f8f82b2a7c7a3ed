package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.nio.file.Path;
import java.util.List;
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
    void nbdsSchemesAskForX509WithLibnbdsDefaults() {
        NbdEndpoint tcp = NbdEndpoint.parse("nbds://h/e");
        assertEquals(TlsSettings.Kind.X509, tcp.tls().settings().kind());
        assertEquals(null, tcp.tls().settings().certificatesDir());
        assertTrue(tcp.tls().settings().verifyPeer());
        NbdEndpoint unix = NbdEndpoint.parse("nbds+unix:///e?socket=/s");
        assertEquals(Path.of("/s"), unix.socketPath());
        assertTrue(unix.tls().required());
        assertFalse(NbdEndpoint.parse("nbd://h/e").tls().required());
        assertEquals(TlsSettings.NONE, NbdEndpoint.parse("nbd://h/e").tls().settings());
    }

    @Test
    void tlsQueryParametersArePercentDecoded() {
        NbdEndpoint e = NbdEndpoint.parse(
                "nbds://h:2000/e?tls-certificates=/tmp/my%20certs&tls-verify-peer=false&tls-hostname=srv%2Eexample");
        TlsSettings s = e.tls().settings();
        assertEquals(Path.of("/tmp/my certs"), s.certificatesDir());
        assertFalse(s.verifyPeer());
        assertEquals("srv.example", s.hostname());
        assertTrue(NbdEndpoint.parse("nbds://h/?tls-verify-peer=1")
                .tls()
                .settings()
                .verifyPeer());
    }

    @Test
    void pskFileMakesItPskWithTheUserFromUserinfoOrQuery() {
        NbdEndpoint unix = NbdEndpoint.parse("nbds+unix://alice@/?socket=/tmp/s&tls-psk-file=/k/keys.psk");
        TlsSettings s = unix.tls().settings();
        assertEquals(TlsSettings.Kind.PSK, s.kind());
        assertEquals(Path.of("/k/keys.psk"), s.pskFile());
        assertEquals("alice", s.username());
        assertEquals(Path.of("/tmp/s"), unix.socketPath());
        assertEquals(
                "bob",
                NbdEndpoint.parse("nbds://h/?tls-psk-file=/k&tls-username=bob")
                        .tls()
                        .settings()
                        .username());
        assertEquals(
                "al ice",
                NbdEndpoint.parse("nbds://al%20ice@h:99/?tls-psk-file=/k").tls().username());
    }

    @Test
    void tlsParametersOnAPlaintextSchemeAreRefusedNamingNbds() {
        for (String uri : new String[] {
            "nbd://h/e?tls-certificates=/c", "nbd+unix:///e?socket=/s&tls-psk-file=/k", "nbd://alice@h/e"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse(uri));
            assertTrue(e.getMessage().contains("nbds"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void inconsistentTlsDetailsAreRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> NbdEndpoint.parse("nbds://h/?tls-certificates=/c&tls-psk-file=/k"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbds://alice@h/"));
        assertThrows(
                IllegalArgumentException.class, () -> NbdEndpoint.parse("nbds://h/?tls-psk-file=/k&tls-hostname=x"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbds://h/?tls-verify-peer=maybe"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbds://h/?tls-type=anon"));
        assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse("nbds://h/?tls-type=psk"));
        assertThrows(
                IllegalArgumentException.class,
                () -> NbdEndpoint.parse("nbds://alice@h/?tls-psk-file=/k&tls-username=bob"));
        assertEquals(
                TlsSettings.Kind.PSK,
                NbdEndpoint.parse("nbds://h/?tls-type=psk&tls-psk-file=/k")
                        .tls()
                        .settings()
                        .kind());
    }

    @Test
    void unknownQueryParametersAreKeptAsideAsLibnbdIgnoresThem() {
        NbdEndpoint e = NbdEndpoint.parse("nbd+unix:///?socket=/s&foo=bar&x-thing");
        assertEquals(List.of("foo=bar", "x-thing"), e.ignoredParameters());
        assertEquals("nbd+unix:///?socket=/s", e.toUri());
    }

    @Test
    void tlsUrisRoundTripThroughToUri() {
        for (String uri : new String[] {
            "nbds://h/e",
            "nbds://h:99/e?tls-certificates=/c%20d&tls-verify-peer=0&tls-hostname=srv",
            "nbds+unix:///e?socket=/tmp/s",
            "nbds+unix://alice@/?socket=/tmp/s&tls-psk-file=/k/f.psk",
            "nbds://[::1]:2000/?tls-hostname=x"
        }) {
            NbdEndpoint e = NbdEndpoint.parse(uri);
            assertEquals(uri, e.toUri());
            assertEquals(e, NbdEndpoint.parse(e.toUri()));
        }
        assertEquals(
                "nbds+unix://alice@/?socket=/s&tls-psk-file=/k",
                NbdEndpoint.parse("nbds+unix://?socket=/s&tls-psk-file=/k&tls-username=alice")
                        .toUri());
    }

    @Test
    void vsockIsRefusedInOneLine() {
        for (String uri : new String[] {"nbd+vsock:///", "nbds+vsock://2:10809/e"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NbdEndpoint.parse(uri));
            assertTrue(e.getMessage().contains("vsock is not supported"), e.getMessage());
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
