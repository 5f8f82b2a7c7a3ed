package dev.jfio.engine.nbd.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.nbd.ServerFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Private keys in every form openssl and certtool write: each read key signs what the public key
 * that openssl derives from the same file verifies.
 */
class PemFilesTest {
    @TempDir
    Path dir;

    private static void run(Path dir, String... cmd) throws IOException, InterruptedException {
        ServerFixture.requireBinary(cmd[0], cmd[0].equals("certtool") ? "gnutls-bin" : "openssl");
        Process p = new ProcessBuilder(List.of(cmd))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("tool.log").toFile())
                .start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("tool.log")));
    }

    /** Reads {@code key} with PemFiles and checks it against openssl's public key of the same file. */
    private void assertKeyPairs(Path key, String begin, String algorithm) throws Exception {
        assertTrue(Files.readString(key).contains("-----BEGIN " + begin + "-----"), "the file is " + begin);
        PrivateKey pk = PemFiles.privateKey(key, "test option");
        assertEquals(algorithm, pk.getAlgorithm());
        Path pub = dir.resolve(key.getFileName() + ".pub");
        run(dir, "openssl", "pkey", "-in", key.toString(), "-pubout", "-outform", "DER", "-out", pub.toString());
        PublicKey publicKey =
                KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(Files.readAllBytes(pub)));
        String alg = algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] data = "jfio".getBytes(StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(pk);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(publicKey);
        v.update(data);
        assertTrue(v.verify(sig), "the key read is the key in the file");
    }

    @Test
    void pkcs1RsaKeysOfOpensslAreRead() throws Exception {
        Path key = dir.resolve("rsa.pem");
        run(dir, "openssl", "genrsa", "-traditional", "-out", key.toString(), "2048");
        assertKeyPairs(key, "RSA PRIVATE KEY", "RSA");
    }

    @Test
    void sec1EcKeysOfOpensslAreRead() throws Exception {
        Path key = dir.resolve("ec.pem");
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", key.toString());
        assertKeyPairs(key, "EC PRIVATE KEY", "EC");
    }

    @Test
    void pkcs8KeysAreRead() throws Exception {
        Path key = dir.resolve("p8.pem");
        run(
                dir,
                "openssl",
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
                "-out",
                key.toString());
        assertKeyPairs(key, "PRIVATE KEY", "EC");
    }

    @Test
    void certtoolKeysWithTheirTextPreambleAreRead() throws Exception {
        Path rsa = dir.resolve("ct-rsa.pem");
        run(dir, "certtool", "--generate-privkey", "--key-type=rsa", "--bits=2048", "--outfile", rsa.toString());
        assertKeyPairs(rsa, "RSA PRIVATE KEY", "RSA");
        Path ec = dir.resolve("ct-ec.pem");
        run(dir, "certtool", "--generate-privkey", "--key-type=ecdsa", "--outfile", ec.toString());
        assertKeyPairs(ec, "EC PRIVATE KEY", "EC");
    }

    @Test
    void encryptedKeysAreRefusedWithAMessage() throws Exception {
        Path key = dir.resolve("enc.pem");
        run(
                dir,
                "openssl",
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-aes256",
                "-pass",
                "pass:secret",
                "-out",
                key.toString());
        IOException e = assertThrows(IOException.class, () -> PemFiles.privateKey(key, "tls_certificates"));
        assertEquals(
                "TLS private key " + key + " is encrypted; jfio needs it unencrypted (tls_certificates), as nbdkit"
                        + " and libnbd do",
                e.getMessage());
    }

    @Test
    void aFileWithoutAKeySaysWhatItExpected() throws Exception {
        Path key = dir.resolve("junk.pem");
        Files.writeString(
                key,
                "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(new byte[] {1, 2, 3})
                        + "\n-----END PRIVATE KEY-----\n");
        IOException e = assertThrows(IOException.class, () -> PemFiles.privateKey(key, "tls_certificates"));
        assertTrue(
                e.getMessage().startsWith("TLS private key " + key + " cannot be read (tls_certificates)"),
                e.getMessage());
        List<String> none = new ArrayList<>();
        Files.write(dir.resolve("empty.pem"), none);
        e = assertThrows(IOException.class, () -> PemFiles.privateKey(dir.resolve("empty.pem"), "tls_certificates"));
        assertTrue(e.getMessage().contains("holds no PEM private key"), e.getMessage());
    }
}
