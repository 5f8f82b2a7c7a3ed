package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * X.509 credentials as libnbd reads them: {@code ca-cert.pem} (the CAs the server's certificate
 * must chain to) and, when present, {@code client-cert.pem} with {@code client-key.pem} (client
 * authentication), from the {@code tls-certificates} directory or libnbd's defaults ({@code
 * $HOME/.pki/libnbd}, then {@code /etc/pki/libnbd}). The server's certificate and name are checked
 * by {@link ServerCertificateCheck} unless {@code tls-verify-peer} is false. TLS 1.3 and 1.2.
 *
 * <p>Thread contract: immutable.
 */
final class X509Setup extends TlsSetup {
    static final String OPTION = "tls-certificates / tls_certificates";
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
    /** How long the job's set-up spends compiling AES-GCM before the first timed I/O. */
    private static final long WARMUP_MILLIS = 5000;

    private final SSLContext context;
    private final String host;
    private final int port;
    private final Path caFile;
    private final boolean clientCertificate;

    private X509Setup(SSLContext context, String host, int port, Path caFile, boolean clientCertificate) {
        this.context = context;
        this.host = host;
        this.port = port;
        this.caFile = caFile;
        this.clientCertificate = clientCertificate;
    }

    static X509Setup load(TlsSettings s, NbdEndpoint endpoint) throws IOException {
        Path dir = s.certificatesDir() != null ? s.certificatesDir() : defaultDir();
        if (!Files.isDirectory(dir)) {
            if (s.certificatesDir() == null) {
                throw new IOException("no TLS certificates directory: neither " + homeDir() + " nor " + dir
                        + " exists (libnbd's defaults); name one with tls-certificates=DIR in the URI or"
                        + " tls_certificates=DIR");
            }
            throw new IOException("TLS certificates directory " + dir + " does not exist (" + OPTION + ")");
        }
        String host = s.hostname() != null ? s.hostname() : endpoint.isUnix() ? "localhost" : endpoint.host();
        Path ca = dir.resolve("ca-cert.pem");
        Path cert = dir.resolve("client-cert.pem");
        Path key = dir.resolve("client-key.pem");
        try {
            X509TrustManager trust = null;
            if (s.verifyPeer()) {
                KeyStore anchors = KeyStore.getInstance("PKCS12");
                anchors.load(null, null);
                int i = 0;
                for (X509Certificate c : PemFiles.certificates(ca, OPTION)) {
                    anchors.setCertificateEntry("ca" + i++, c);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(anchors);
                for (TrustManager tm : tmf.getTrustManagers()) {
                    if (tm instanceof X509TrustManager x) {
                        trust = x;
                    }
                }
            }
            KeyManager[] keys = null;
            boolean haveCert = Files.exists(cert);
            if (haveCert || Files.exists(key)) {
                List<X509Certificate> chain = PemFiles.certificates(cert, OPTION);
                PrivateKey pk = PemFiles.privateKey(key, OPTION);
                keys = new KeyManager[] {new ClientKeyManager(chain.toArray(new X509Certificate[0]), pk)};
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, new TrustManager[] {new ServerCertificateCheck(trust, ca, host)}, new SecureRandom());
            CipherWarmup.aesGcm(WARMUP_MILLIS);
            return new X509Setup(context, host, endpoint.isUnix() ? -1 : endpoint.port(), ca, haveCert);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the TLS credentials in " + dir + " (" + OPTION + "): " + e.getMessage());
        }
    }

    /** libnbd's default: {@code $HOME/.pki/libnbd} when it exists, else {@code /etc/pki/libnbd}. */
    private static Path defaultDir() {
        return Files.isDirectory(homeDir()) ? homeDir() : Path.of("/etc/pki/libnbd");
    }

    private static Path homeDir() {
        return Path.of(System.getProperty("user.home"), ".pki", "libnbd");
    }

    @Override
    TlsCodec newCodec(String server) {
        SSLEngine engine = port > 0 ? context.createSSLEngine(host, port) : context.createSSLEngine(host, 0);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(PROTOCOLS);
        engine.setSSLParameters(p);
        String hint = clientCertificate
                ? " (does it trust the CA of the client certificate in " + caFile.getParent() + "?)"
                : " (does it want a client certificate? put client-cert.pem and client-key.pem in " + caFile.getParent()
                        + ")";
        return new JsseTlsCodec(engine, new TlsFailures(server, hint));
    }
}
