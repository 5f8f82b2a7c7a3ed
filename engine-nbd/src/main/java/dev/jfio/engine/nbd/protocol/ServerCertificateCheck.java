package dev.jfio.engine.nbd.protocol;

import java.net.Socket;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * jfio's check of the server's certificate: it must chain to a CA of {@code ca-cert.pem} (PKIX) and
 * carry the expected host name (HTTPS-style: DNS names and IP addresses of subjectAltName, the CN
 * only when there are none; a leading {@code *.} matches one label). Failures are {@link
 * CertificateRefusal}s worded for the user. A null PKIX manager (tls-verify-peer=false) accepts any
 * certificate.
 *
 * <p>Thread contract: immutable; JSSE may call it from any thread.
 */
final class ServerCertificateCheck extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;
    private final Path caFile;
    private final String host;

    ServerCertificateCheck(X509TrustManager pkix, Path caFile, String host) {
        this.pkix = pkix;
        this.caFile = caFile;
        this.host = host;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        if (pkix == null) {
            return;
        }
        X509Certificate leaf = chain[0];
        try {
            pkix.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof CertificateExpiredException || t instanceof CertificateNotYetValidException) {
                    throw new CertificateRefusal("the server's certificate (" + subject(leaf) + ") is valid from "
                            + leaf.getNotBefore() + " to " + leaf.getNotAfter() + " only");
                }
            }
            throw new CertificateRefusal("the server's certificate (" + subject(leaf) + ", issued by "
                    + leaf.getIssuerX500Principal().getName(X500Principal.RFC2253)
                    + ") is not signed by a CA in " + caFile + " (" + X509Setup.OPTION
                    + "; or tls-verify-peer=false / tls_verify_peer=0 to skip the check)");
        }
        List<String> names = names(leaf);
        for (String n : names) {
            if (matches(n, host)) {
                return;
            }
        }
        throw new CertificateRefusal(
                "the server's certificate is for " + (names.isEmpty() ? "no name" : String.join(", ", names))
                        + ", not for " + host + " (connect by one of those names, or set tls-hostname / tls_hostname)");
    }

    private static String subject(X509Certificate c) {
        return c.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** The DNS names and IP addresses of subjectAltName, or the subject's CN when there are none. */
    static List<String> names(X509Certificate c) throws CertificateException {
        List<String> names = new ArrayList<>();
        if (c.getSubjectAlternativeNames() != null) {
            for (List<?> san : c.getSubjectAlternativeNames()) {
                int type = (Integer) san.get(0);
                if (type == 2 || type == 7) {
                    names.add(String.valueOf(san.get(1)));
                }
            }
        }
        if (names.isEmpty()) {
            for (String part : subject(c).split(",")) {
                if (part.startsWith("CN=")) {
                    names.add(part.substring(3));
                }
            }
        }
        return names;
    }

    private static boolean matches(String name, String host) {
        String n = name.toLowerCase(Locale.ROOT);
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (n.equals(h) || ipEquals(n, h)) {
            return true;
        }
        if (n.startsWith("*.")) {
            int dot = h.indexOf('.');
            return dot > 0 && h.substring(dot).equals(n.substring(1));
        }
        return false;
    }

    /** IPv6 addresses compare by value (JDK writes {@code 0:0:0:0:0:0:0:1} for {@code ::1}). */
    private static boolean ipEquals(String a, String b) {
        if (!a.contains(":") || !b.contains(":")) {
            return false;
        }
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("jfio is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("jfio is a client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("jfio is a client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix == null ? new X509Certificate[0] : pkix.getAcceptedIssuers();
    }
}
