package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS engine options against the URI: what each combination asks for, and the one-line
 * refusals of the contradictory ones (checked before any connection is made).
 */
class TlsOptionsTest {
    @TempDir
    Path dir;

    private String sock() {
        return dir.resolve("no-server.sock").toString();
    }

    private static String refusal(HarnessBuilder job) {
        IOException e = assertThrows(IOException.class, job::start);
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(e.getMessage().startsWith("cannot connect"), "refused before connecting: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void tlsOffAgainstAnNbdsUriNamesBoth() {
        String m = refusal(NbdEngineTest.job()
                .option(NbdOptions.URI, "nbds+unix:///?socket=" + sock())
                .option(NbdOptions.TLS, "off"));
        assertTrue(m.contains("tls=off") && m.contains("nbds+unix://"), m);
    }

    @Test
    void aDetailOptionWithoutTlsSaysToAddTlsOn() {
        String m = refusal(
                NbdEngineTest.job().option(NbdOptions.SOCKNAME, sock()).option(NbdOptions.TLS_PSK_FILE, "/k.psk"));
        assertTrue(m.contains("tls_psk_file=/k.psk") && m.contains("tls=on"), m);
        m = refusal(NbdEngineTest.job()
                .option(NbdOptions.URI, "nbd+unix:///?socket=" + sock())
                .option(NbdOptions.TLS_CERTIFICATES, "/c"));
        assertTrue(m.contains("tls_certificates=/c") && m.contains("nbds://"), m);
    }

    @Test
    void aDetailOptionWithTlsOffIsAContradiction() {
        String m = refusal(NbdEngineTest.job()
                .option(NbdOptions.SOCKNAME, sock())
                .option(NbdOptions.TLS, "0")
                .option(NbdOptions.TLS_HOSTNAME, "srv"));
        assertTrue(m.contains("tls_hostname=srv") && m.contains("tls=0"), m);
    }

    @Test
    void anOptionDifferingFromTheUrisParameterNamesBoth() {
        String m = refusal(NbdEngineTest.job()
                .option(NbdOptions.URI, "nbds+unix:///?socket=" + sock() + "&tls-certificates=/a")
                .option(NbdOptions.TLS_CERTIFICATES, "/b"));
        assertTrue(m.contains("tls_certificates=/b") && m.contains("tls-certificates=/a"), m);
        m = refusal(NbdEngineTest.job()
                .option(NbdOptions.URI, "nbds+unix://alice@/?socket=" + sock() + "&tls-psk-file=/k")
                .option(NbdOptions.TLS_USERNAME, "bob"));
        assertTrue(m.contains("tls_username=bob") && m.contains("alice"), m);
    }

    @Test
    void certificatesAndPskFileExcludeEachOther() {
        String m = refusal(NbdEngineTest.job()
                .option(NbdOptions.SOCKNAME, sock())
                .option(NbdOptions.TLS, "on")
                .option(NbdOptions.TLS_CERTIFICATES, "/c")
                .option(NbdOptions.TLS_PSK_FILE, "/k"));
        assertTrue(m.contains("not both"), m);
        m = refusal(NbdEngineTest.job()
                .option(NbdOptions.SOCKNAME, sock())
                .option(NbdOptions.TLS, "on")
                .option(NbdOptions.TLS_USERNAME, "alice"));
        assertTrue(m.contains("tls_psk_file"), m);
    }

    @Test
    void tlsWithoutANamedServerRefusesTheEmbeddedServer() {
        String m = refusal(NbdEngineTest.job().option(NbdOptions.TLS, "require"));
        assertTrue(m.contains("tls=require needs a server"), m);
    }

    @Test
    void tlsOnUpgradesSocknameAndAPlaintextUri() throws IOException {
        NbdEndpoint plain = NbdEndpoint.parse("nbd+unix:///e?socket=/s");
        NbdEndpoint up = TlsOptions.apply(
                NbdEngineTest.job()
                        .option(NbdOptions.TLS, "on")
                        .option(NbdOptions.TLS_PSK_FILE, "/k.psk")
                        .option(NbdOptions.TLS_USERNAME, "alice")
                        .build()
                        .job(),
                plain);
        assertEquals("nbds+unix://alice@/e?socket=/s&tls-psk-file=/k.psk", up.toUri());
        TlsSettings s = up.tls().settings();
        assertEquals(TlsSettings.Kind.PSK, s.kind());
        assertEquals("alice", s.username());
    }
}
