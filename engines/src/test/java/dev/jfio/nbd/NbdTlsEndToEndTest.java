package dev.jfio.nbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.engine.nbd.TestCredentials;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NBD over TLS from the command line to real servers: nbdkit and qemu-nbd with X.509 certificates
 * and with a pre-shared key, named by the URI and by the engine options; the report says which
 * TLS ran; servers that need TLS, or cannot do it, fail the run with one line.
 */
class NbdTlsEndToEndTest {
    private static final String TLS_13 = "TLSv1.3 TLS_";

    @TempDir
    Path dir;

    private static JfioRun jfio(String... args) {
        List<String> all = new ArrayList<>(
                List.of("--name=tls", "--ioengine=nbd", "--rw=randread", "--bs=4k", "--size=16m", "--iodepth=4"));
        all.addAll(List.of(args));
        return JfioRun.run(all.toArray(new String[0]));
    }

    private static String engine(JfioRun r, String property) {
        return (String) MiniJson.at(r.json(), "jobs", 0, "jfio", "engine", property);
    }

    private static long readIos(JfioRun r) {
        return MiniJson.integer(r.json(), "jobs", 0, "read", "total_ios");
    }

    private static void assertOneLineNoStackTrace(JfioRun r) {
        String line = r.errorLine();
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.toString());
        assertFalse(line.isBlank());
    }

    private ServerFixture nbdkitX509(TestCredentials c) throws IOException {
        return ServerFixture.nbdkitUnix(
                dir, "64M", "--tls=require", "--tls-certificates=" + c.serverDir(), "--tls-verify-peer");
    }

    private String socket(ServerFixture s) {
        return s.endpoint().socketPath().toString();
    }

    @Test
    void nbdkitX509ThroughTheUriQueryReportsTheNegotiatedTls() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s = nbdkitX509(c)) {
            JfioRun r = jfio(
                    "--uri=nbds+unix:///?socket=" + socket(s) + "&tls-certificates=" + c.clientDir(),
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            assertEquals(4096, readIos(r));
            assertTrue(engine(r, "tls").startsWith("x509 " + TLS_13), engine(r, "tls"));
            assertEquals(c.clientDir().toString(), engine(r, "tls_certificates"));
            assertTrue(engine(r, "export").startsWith("nbds+unix:///"), engine(r, "export"));
        }
    }

    @Test
    void nbdkitX509ThroughEngineOptionsShowsTlsInTheNormalReport() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s = nbdkitX509(c)) {
            JfioRun r = jfio("--sockname=" + socket(s), "--tls=on", "--tls_certificates=" + c.clientDir());
            assertEquals(0, r.exit(), r.toString());
            assertTrue(
                    r.out()
                            .matches("(?s).*engine +:.* tls=x509 TLSv1\\.3 TLS_\\w+, tls_certificates="
                                    + java.util.regex.Pattern.quote(
                                            c.clientDir().toString()) + ".*"),
                    r.out());
            assertTrue(r.out().contains("IOPS="), r.out());
        }
    }

    @Test
    void theExampleJobFileRunsOverTlsWithTheUriFromTheEnvironment() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "1G", "--tls=require", "--tls-certificates=" + c.serverDir())) {
            Path example = Path.of("../examples/nbd.fio");
            assertTrue(Files.exists(example), "run from engines/: " + example.toAbsolutePath());
            JfioRun r = JfioRun.run(
                    Map.of("uri", "nbds+unix:///?socket=" + socket(s) + "&tls-certificates=" + c.clientDir()),
                    example.toString(),
                    "--runtime=1",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(engine(r, "tls").startsWith("x509 " + TLS_13), engine(r, "tls"));
            assertTrue(MiniJson.integer(r.json(), "jobs", 0, "write", "total_ios") > 0, r.out());
        }
    }

    @Test
    void checksTheServersNameAndTlsHostnameOrVerifyPeerOffGetPast() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"), "nbd.example");
        try (ServerFixture s = nbdkitX509(c)) {
            String uri = "nbds+unix:///?socket=" + socket(s) + "&tls-certificates=" + c.clientDir();
            JfioRun wrongName = jfio("--uri=" + uri);
            assertOneLineNoStackTrace(wrongName);
            assertTrue(wrongName.err().contains("localhost"), wrongName.err());

            JfioRun named = jfio("--uri=" + uri, "--tls_hostname=nbd.example", "--output-format=json");
            assertEquals(0, named.exit(), named.toString());
            assertTrue(engine(named, "tls").startsWith("x509 "), engine(named, "tls"));

            JfioRun unchecked = jfio("--uri=" + uri + "&tls-verify-peer=0", "--output-format=json");
            assertEquals(0, unchecked.exit(), unchecked.toString());
            assertEquals("no", engine(unchecked, "tls_verify_peer"));
        }
    }

    @Test
    void overTcpTheUrisHostIsTheNameTheCertificateMustCarry() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s =
                ServerFixture.nbdkitTcp(dir, "64M", "--tls=require", "--tls-certificates=" + c.serverDir())) {
            int port = s.endpoint().port();
            for (String host : new String[] {"localhost", "127.0.0.1"}) {
                JfioRun r = jfio(
                        "--uri=nbds://" + host + ":" + port + "/?tls-certificates=" + c.clientDir(),
                        "--output-format=json");
                assertEquals(0, r.exit(), r.toString());
                assertTrue(engine(r, "tls").startsWith("x509 " + TLS_13), engine(r, "tls"));
            }
            JfioRun options = jfio(
                    "--host=localhost",
                    "--port=" + port,
                    "--tls=1",
                    "--tls_certificates=" + c.clientDir(),
                    "--output-format=json");
            assertEquals(0, options.exit(), options.toString());
            assertEquals("nbds://localhost:" + port + "/?tls-certificates=" + c.clientDir(), engine(options, "export"));
            JfioRun otherName = jfio("--uri=nbds://127.0.0.1:" + port + "/?tls-certificates=" + c.clientDir()
                    + "&tls-hostname=elsewhere");
            assertOneLineNoStackTrace(otherName);
            assertTrue(otherName.errorLine().contains("elsewhere"), otherName.errorLine());
        }
    }

    @Test
    void nbdkitPskThroughTheUriUserAndThroughOptions() throws IOException {
        Path keys = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--tls=require", "--tls-psk=" + keys)) {
            JfioRun viaUri = jfio(
                    "--uri=nbds+unix://alice@/?socket=" + socket(s) + "&tls-psk-file=" + keys, "--output-format=json");
            assertEquals(0, viaUri.exit(), viaUri.toString());
            assertEquals(4096, readIos(viaUri));
            assertTrue(engine(viaUri, "tls").startsWith("psk TLS"), engine(viaUri, "tls"));
            assertEquals("alice", engine(viaUri, "tls_username"));
            assertEquals(keys.toString(), engine(viaUri, "tls_psk_file"));

            JfioRun viaOptions = jfio(
                    "--sockname=" + socket(s),
                    "--tls=on",
                    "--tls_psk_file=" + keys,
                    "--tls_username=alice",
                    "--output-format=json");
            assertEquals(0, viaOptions.exit(), viaOptions.toString());
            assertTrue(engine(viaOptions, "tls").startsWith("psk TLS"), engine(viaOptions, "tls"));
        }
    }

    @Test
    void qemuNbdWithX509() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        Path image = dir.resolve("disk.img");
        Files.write(image, new byte[0]);
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        try (ServerFixture s = ServerFixture.qemuNbdOf(
                image,
                dir,
                "--object",
                "tls-creds-x509,id=tls0,endpoint=server,verify-peer=off,dir=" + c.serverDir(),
                "--tls-creds=tls0")) {
            JfioRun r = jfio(
                    "--uri=nbds+unix:///?socket=" + socket(s) + "&tls-certificates=" + c.clientDir(),
                    "--rw=randrw",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(engine(r, "tls").startsWith("x509 TLS"), engine(r, "tls"));
        }
    }

    @Test
    void qemuNbdWithPsk() throws IOException {
        Path pskDir = Files.createDirectories(dir.resolve("psk"));
        Path keys = TestCredentials.pskFile(pskDir.resolve("keys.psk"), "alice");
        Path image = dir.resolve("disk.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        try (ServerFixture s = ServerFixture.qemuNbdOf(
                image, dir, "--object", "tls-creds-psk,id=tls0,endpoint=server,dir=" + pskDir, "--tls-creds=tls0")) {
            JfioRun r = jfio(
                    "--sockname=" + socket(s),
                    "--tls=require",
                    "--tls_psk_file=" + keys,
                    "--tls_username=alice",
                    "--rw=randwrite",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            assertTrue(engine(r, "tls").startsWith("psk TLS"), engine(r, "tls"));
            assertEquals(4096, MiniJson.integer(r.json(), "jobs", 0, "write", "total_ios"));
        }
    }

    @Test
    void aServerThatRequiresTlsFailsAPlaintextRunInOneLineSayingHowToGiveCredentials() throws IOException {
        TestCredentials c = TestCredentials.make(dir.resolve("pki"));
        try (ServerFixture s = nbdkitX509(c)) {
            JfioRun r = jfio("--uri=" + s.uri(), "--output-format=json");
            assertOneLineNoStackTrace(r);
            String line = r.errorLine();
            assertTrue(
                    line.contains("requires TLS") && line.contains("nbds") && line.contains("tls_certificates"), line);
        }
    }

    @Test
    void aPlaintextServerFailsAnNbdsRunInOneLineWithoutFallingBack() throws IOException {
        Path keys = TestCredentials.pskFile(dir.resolve("keys.psk"), "alice");
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M", "--tls=off")) {
            JfioRun r = jfio("--uri=nbds+unix:///?socket=" + socket(s), "--output-format=json");
            assertOneLineNoStackTrace(r);
            assertTrue(r.errorLine().contains("TLS"), r.errorLine());
            JfioRun upgraded = jfio("--uri=" + s.uri(), "--tls=on", "--tls_psk_file=" + keys, "--tls_username=alice");
            assertOneLineNoStackTrace(upgraded);
            assertTrue(upgraded.errorLine().contains("TLS"), upgraded.errorLine());
        }
    }

    @Test
    void contradictoryTlsOptionsFailBeforeConnectingInOneLine() throws IOException {
        try (ServerFixture s = ServerFixture.nbdkitUnix(dir, "64M")) {
            JfioRun off = jfio("--uri=nbds+unix:///?socket=" + socket(s), "--tls=off");
            assertOneLineNoStackTrace(off);
            assertTrue(off.errorLine().contains("tls=off"), off.errorLine());
            JfioRun plainParam = jfio("--uri=" + s.uri() + "&tls-certificates=/x");
            assertOneLineNoStackTrace(plainParam);
            assertTrue(plainParam.errorLine().contains("nbds+unix://"), plainParam.errorLine());
            JfioRun unknown = jfio("--uri=" + s.uri() + "&x-frob=1", "--output-format=json");
            assertEquals(0, unknown.exit(), unknown.toString());
            assertTrue(
                    unknown.err().contains("ignoring unknown query parameters")
                            && unknown.err().contains("x-frob=1"),
                    unknown.err());
        }
    }
}
