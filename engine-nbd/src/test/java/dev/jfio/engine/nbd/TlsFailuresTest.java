package dev.jfio.engine.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.TlsSettings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way TLS can fail against real servers, each a one-line message that says what to do: bad
 * or missing credentials, a server the certificate does not fit, a PSK the server rejects, a server
 * without TLS (never a fallback to plaintext), and a server that requires TLS not asked for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsFailuresTest {
    @TempDir
    static Path dir;

    TestCredentials pki;
    TestCredentials otherPki;
    Path psk;
    ServerFixture x509;
    ServerFixture pskServer;
    ServerFixture plain;

    @BeforeAll
    void start() throws IOException {
        pki = TestCredentials.make(dir.resolve("pki"));
        otherPki = TestCredentials.make(dir.resolve("other-pki"));
        psk = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        x509 = ServerFixture.nbdkitUnix(
                Files.createDirectories(dir.resolve("x509")),
                "1M",
                "--tls=require",
                "--tls-certificates=" + pki.serverDir());
        pskServer = ServerFixture.nbdkitUnix(
                Files.createDirectories(dir.resolve("psk")), "1M", "--tls=require", "--tls-psk=" + psk);
        plain = ServerFixture.nbdkitUnix(Files.createDirectories(dir.resolve("plain")), "1M");
    }

    @AfterAll
    void stop() {
        for (ServerFixture f : new ServerFixture[] {x509, pskServer, plain}) {
            if (f != null) {
                f.close();
            }
        }
    }

    private static TlsSettings certs(Path clientDir) {
        return new TlsSettings(TlsSettings.Kind.X509, clientDir, true, null, null, null);
    }

    private static TlsSettings pskOf(Path file, String user) {
        return new TlsSettings(TlsSettings.Kind.PSK, null, true, null, file, user);
    }

    private static String failure(NbdEndpoint e, TlsSettings tls) {
        IOException ex = assertTimeoutPreemptively(
                Duration.ofSeconds(20),
                () -> assertThrows(
                        IOException.class,
                        () -> NbdConnection.connect(e, new NbdConnection.Options().tls(tls))
                                .close()));
        String m = ex.getMessage();
        assertFalse(m.contains("\n"), "one line: " + m);
        assertFalse(m.contains("Exception"), "no exception class names: " + m);
        return m;
    }

    @Test
    void aCertificateFromAnotherCaNamesTheCaFile() {
        String m = failure(x509.endpoint(), certs(otherPki.clientDir()));
        assertTrue(m.contains("is not signed by a CA in " + otherPki.clientDir().resolve("ca-cert.pem")), m);
        assertTrue(m.startsWith("NBD server " + x509.endpoint().serverName()), m);
    }

    @Test
    void aCertificateForAnotherHostNamesBothNames() {
        String m = failure(
                x509.endpoint(),
                new TlsSettings(TlsSettings.Kind.X509, pki.clientDir(), true, "nbd.example.org", null, null));
        assertTrue(m.contains("the server's certificate is for localhost, 127.0.0.1"), m);
        assertTrue(m.contains("not for nbd.example.org"), m);
    }

    @Test
    void verifyPeerOffAcceptsACertificateFromAnotherCa() throws IOException {
        TlsSettings noVerify = new TlsSettings(TlsSettings.Kind.X509, otherPki.clientDir(), false, null, null, null);
        try (NbdConnection c = NbdConnection.connect(x509.endpoint(), new NbdConnection.Options().tls(noVerify))) {
            assertEquals("x509", c.info().tls().kind());
        }
    }

    @Test
    void aMissingCertificatesDirectoryIsNamed() {
        Path none = dir.resolve("no-such-dir");
        String m = failure(x509.endpoint(), certs(none));
        assertEquals("TLS certificates directory " + none + " does not exist (tls-certificates / tls_certificates)", m);
    }

    @Test
    void withoutADirectoryTheCertificatesComeFromLibnbdsDefaultUnderHome() throws IOException {
        Path home = dir.resolve("home");
        Path pkiDir = Files.createDirectories(home.resolve(".pki"));
        String saved = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            TlsSettings defaults = new TlsSettings(TlsSettings.Kind.X509, null, true, null, null, null);
            if (!Files.isDirectory(Path.of("/etc/pki/libnbd"))) {
                assertEquals(
                        "no TLS certificates directory: neither " + pkiDir.resolve("libnbd")
                                + " nor /etc/pki/libnbd exists (libnbd's defaults); name one with tls-certificates=DIR"
                                + " in the URI or tls_certificates=DIR",
                        failure(x509.endpoint(), defaults));
            }
            copyTree(pki.clientDir(), pkiDir.resolve("libnbd"));
            try (NbdConnection c = NbdConnection.connect(x509.endpoint(), new NbdConnection.Options().tls(defaults))) {
                assertEquals("x509", c.info().tls().kind());
            }
        } finally {
            System.setProperty("user.home", saved);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    @Test
    void aMissingCaCertificateIsNamed() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-pki"));
        String m = failure(x509.endpoint(), certs(empty));
        assertEquals(
                "TLS certificate file " + empty.resolve("ca-cert.pem")
                        + " does not exist (tls-certificates / tls_certificates)",
                m);
    }

    @Test
    void aClientCertificateWithoutItsKeyIsNamed() throws IOException {
        Path half = Files.createDirectories(dir.resolve("half-pki"));
        Files.copy(pki.clientDir().resolve("ca-cert.pem"), half.resolve("ca-cert.pem"));
        Files.copy(pki.clientDir().resolve("client-cert.pem"), half.resolve("client-cert.pem"));
        String m = failure(x509.endpoint(), certs(half));
        assertEquals(
                "TLS private key file " + half.resolve("client-key.pem")
                        + " does not exist (tls-certificates / tls_certificates)",
                m);
    }

    @Test
    void aWrongPskIsSaidPlainly() throws IOException {
        Path wrong = TestCredentials.pskFile(dir.resolve("wrong.psk"), "alice");
        String m = failure(pskServer.endpoint(), pskOf(wrong, "alice"));
        assertTrue(m.contains("the server rejected the PSK for user alice"), m);
    }

    @Test
    void anUnknownPskUserIsSaidPlainly() throws IOException {
        Path mallory = TestCredentials.pskFile(dir.resolve("mallory.psk"), "mallory");
        String m = failure(pskServer.endpoint(), pskOf(mallory, "mallory"));
        assertTrue(m.contains("the server rejected the PSK for user mallory"), m);
    }

    @Test
    void aPskFileWithoutTheUsersLineIsNamed() {
        String m = failure(pskServer.endpoint(), pskOf(psk, "bob"));
        assertTrue(m.startsWith("PSK file " + psk + " has no key for user bob"), m);
    }

    @Test
    void aMissingPskFileIsNamed() {
        Path none = dir.resolve("none.psk");
        assertEquals(
                "TLS PSK file " + none + " does not exist (tls-psk-file / tls_psk_file)",
                failure(pskServer.endpoint(), pskOf(none, "alice")));
    }

    @Test
    void aMalformedPskFileNamesTheLine() throws IOException {
        Path bad = dir.resolve("bad.psk");
        Files.writeString(bad, "bob:00ff\nalice 1234\n", StandardCharsets.US_ASCII);
        assertEquals(
                "PSK file " + bad + ":2 is not in the form username:hexkey (tls-psk-file / tls_psk_file)",
                failure(pskServer.endpoint(), pskOf(bad, "alice")));
        Files.writeString(bad, "alice:xyz\n", StandardCharsets.US_ASCII);
        assertTrue(failure(pskServer.endpoint(), pskOf(bad, "alice"))
                .startsWith("PSK file " + bad + ":1: the key is not hexadecimal"));
    }

    @Test
    void aServerWithoutTlsIsRefusedWithoutFallingBackToPlaintext() {
        String m = failure(plain.endpoint(), certs(pki.clientDir()));
        assertTrue(
                m.startsWith("NBD server " + plain.endpoint().serverName() + " does not support TLS (it refused"
                        + " NBD_OPT_STARTTLS: NBD_REP_ERR_"),
                m);
        assertTrue(m.endsWith("so jfio does not fall back to plaintext"), m);
    }

    @Test
    void aServerRequiringTlsSaysHowToAskForIt() {
        IOException e = assertThrows(
                IOException.class, () -> NbdConnection.connect(x509.endpoint(), new NbdConnection.Options()));
        assertTrue(e.getMessage().contains("requires TLS: use an nbds:// or nbds+unix:// URI"), e.getMessage());
    }

    @Test
    void aServerWantingAClientCertificateSaysSo() throws IOException {
        Path noClientCert = Files.createDirectories(dir.resolve("ca-only"));
        Files.copy(pki.clientDir().resolve("ca-cert.pem"), noClientCert.resolve("ca-cert.pem"));
        try (ServerFixture strict = ServerFixture.nbdkitUnix(
                Files.createDirectories(dir.resolve("strict")),
                "1M",
                "--tls=require",
                "--tls-verify-peer",
                "--tls-certificates=" + pki.serverDir())) {
            try (NbdConnection c =
                    NbdConnection.connect(strict.endpoint(), new NbdConnection.Options().tls(certs(pki.clientDir())))) {
                ByteBuffer b = ByteBuffer.allocateDirect(512);
                c.read(0, b, 512);
            }
            String m = failure(strict.endpoint(), certs(noClientCert));
            assertTrue(m.contains("client certificate"), m);
        }
    }
}
