package dev.jfio.engine.nbd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * TLS credentials made by a test with openssl: a CA, a server certificate for {@code localhost}
 * and 127.0.0.1 signed by it, and a client certificate, laid out as nbdkit and libnbd name them:
 * {@link #serverDir()} holds {@code ca-cert.pem}, {@code server-cert.pem} and {@code
 * server-key.pem} (nbdkit's and qemu-nbd's {@code --tls-certificates} / {@code dir=}), {@link
 * #clientDir()} holds {@code ca-cert.pem}, {@code client-cert.pem} and {@code client-key.pem}
 * (libnbd's {@code tls-certificates}). Keys are EC P-256 in PKCS#8, as openssl 3 writes them.
 * Also PSK files in nbdkit's {@code username:hexkey} format.
 */
public final class TestCredentials {
    private final Path root;

    private TestCredentials(Path root) {
        this.root = root;
    }

    /** Makes a CA and certificates under {@code dir}; the server's carries {@code serverNames} (DNS names). */
    public static TestCredentials make(Path dir, String... serverNames) throws IOException {
        ServerFixture.requireBinary("openssl", "openssl");
        TestCredentials c = new TestCredentials(dir);
        Files.createDirectories(c.serverDir());
        Files.createDirectories(c.clientDir());
        Path ca = dir.resolve("ca");
        Files.createDirectories(ca);
        openssl(
                dir,
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                ca.resolve("ca-key.pem").toString(),
                "-out",
                ca.resolve("ca-cert.pem").toString(),
                "-days",
                "3",
                "-subj",
                "/CN=jfio test CA",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign");
        List<String> names =
                new ArrayList<>(List.of(serverNames.length == 0 ? new String[] {"localhost"} : serverNames));
        StringBuilder san = new StringBuilder("subjectAltName=");
        for (String n : names) {
            san.append("DNS:").append(n).append(',');
        }
        san.append("IP:127.0.0.1,IP:::1");
        sign(dir, ca, c.serverDir(), "server", names.get(0), san + "\nextendedKeyUsage=serverAuth\n");
        sign(dir, ca, c.clientDir(), "client", "jfio-client", "extendedKeyUsage=clientAuth\n");
        Files.copy(ca.resolve("ca-cert.pem"), c.serverDir().resolve("ca-cert.pem"));
        Files.copy(ca.resolve("ca-cert.pem"), c.clientDir().resolve("ca-cert.pem"));
        return c;
    }

    /** For nbdkit {@code --tls-certificates} and qemu-nbd {@code tls-creds-x509,dir=}. */
    public Path serverDir() {
        return root.resolve("server");
    }

    /** For the client: {@code tls-certificates} / {@code tls_certificates}. */
    public Path clientDir() {
        return root.resolve("client");
    }

    /** Writes a PSK file with one line {@code user:hexkey} (a random 32-byte key) and returns it. */
    public static Path pskFile(Path file, String user) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Files.writeString(file, user + ":" + HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
        return file;
    }

    private static void sign(Path work, Path ca, Path into, String who, String cn, String extensions)
            throws IOException {
        Path key = into.resolve(who + "-key.pem");
        Path csr = work.resolve(who + ".csr");
        Path ext = work.resolve(who + ".ext");
        Files.writeString(ext, extensions, StandardCharsets.US_ASCII);
        openssl(
                work,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                csr.toString(),
                "-subj",
                "/CN=" + cn);
        openssl(
                work,
                "x509",
                "-req",
                "-in",
                csr.toString(),
                "-CA",
                ca.resolve("ca-cert.pem").toString(),
                "-CAkey",
                ca.resolve("ca-key.pem").toString(),
                "-CAcreateserial",
                "-days",
                "3",
                "-out",
                into.resolve(who + "-cert.pem").toString(),
                "-extfile",
                ext.toString());
        // the servers refuse keys others can read
        Files.setPosixFilePermissions(key, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Path log = dir.resolve("openssl.log");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("openssl did not finish: " + String.join(" ", cmd));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException(
                    String.join(" ", cmd) + " failed: " + Files.readString(log).trim());
        }
    }
}
