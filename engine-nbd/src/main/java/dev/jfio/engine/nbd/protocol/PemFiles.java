package dev.jfio.engine.nbd.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Reads PEM certificates and unencrypted private keys as openssl and GnuTLS's certtool write them:
 * {@code BEGIN PRIVATE KEY} (PKCS#8), {@code BEGIN RSA PRIVATE KEY} (PKCS#1) and {@code BEGIN EC
 * PRIVATE KEY} (SEC1); the last two are rewrapped as PKCS#8 with BouncyCastle's ASN.1 classes (no
 * JCE provider). Every failure is a one-line IOException naming the file and the option that
 * pointed at it. Stateless.
 */
final class PemFiles {
    private PemFiles() {}

    /** The certificates in {@code file}, at least one. */
    static List<X509Certificate> certificates(Path file, String option) throws IOException {
        byte[] pem = read(file, "certificate", option);
        try {
            List<X509Certificate> certs = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem))) {
                certs.add((X509Certificate) c);
            }
            if (certs.isEmpty()) {
                throw new IOException("TLS certificate file " + file + " holds no certificate (" + option + ")");
            }
            return certs;
        } catch (CertificateException e) {
            throw new IOException(
                    "TLS certificate file " + file + " is not a PEM certificate (" + option + "): " + e.getMessage());
        }
    }

    /** The one private key in {@code file}. */
    static PrivateKey privateKey(Path file, String option) throws IOException {
        String text = new String(read(file, "private key", option), StandardCharsets.US_ASCII);
        String[] kinds = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY"};
        for (String kind : kinds) {
            String begin = "-----BEGIN " + kind + "-----";
            int b = text.indexOf(begin);
            if (b < 0) {
                continue;
            }
            if (kind.startsWith("ENCRYPTED")) {
                throw new IOException("TLS private key " + file + " is encrypted; jfio needs it unencrypted (" + option
                        + "), as nbdkit and libnbd do");
            }
            int e = text.indexOf("-----END " + kind + "-----", b);
            if (e < 0) {
                break;
            }
            try {
                byte[] der = Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
                PrivateKeyInfo info = toPkcs8(kind, der);
                return KeyFactory.getInstance(algorithm(info))
                        .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
            } catch (IllegalArgumentException | IllegalStateException | GeneralSecurityException | IOException ex) {
                throw new IOException(
                        "TLS private key " + file + " cannot be read (" + option + "): " + ex.getMessage());
            }
        }
        throw new IOException("TLS private key " + file + " holds no PEM private key (" + option
                + "; expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or BEGIN EC PRIVATE KEY)");
    }

    private static PrivateKeyInfo toPkcs8(String kind, byte[] der) throws IOException {
        switch (kind) {
            case "RSA PRIVATE KEY":
                return new PrivateKeyInfo(
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                        RSAPrivateKey.getInstance(der));
            case "EC PRIVATE KEY":
                ECPrivateKey ec = ECPrivateKey.getInstance(der);
                if (ec.getParametersObject() == null) {
                    throw new IOException("the EC key names no curve");
                }
                return new PrivateKeyInfo(
                        new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec);
            default:
                return PrivateKeyInfo.getInstance(der);
        }
    }

    private static String algorithm(PrivateKeyInfo info) throws IOException {
        var oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return "RSASSA-PSS";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed25519)) {
            return "Ed25519";
        }
        if (oid.equals(EdECObjectIdentifiers.id_Ed448)) {
            return "Ed448";
        }
        throw new IOException("unsupported key algorithm " + oid);
    }

    /** The bytes of {@code file}, or a one-line error naming it and {@code option}. */
    static byte[] read(Path file, String what, String option) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("TLS " + what + " file " + file + " does not exist (" + option + ")");
        } catch (AccessDeniedException e) {
            throw new IOException("TLS " + what + " file " + file + " is not readable (" + option + ")");
        } catch (IOException e) {
            throw new IOException("cannot read TLS " + what + " file " + file + " (" + option + "): " + e.getMessage());
        }
    }
}
