package dev.jfio.engine.nbd.protocol;

import java.security.cert.CertificateException;

/**
 * Why jfio refused the server's certificate, worded for the user (one line): thrown from the trust
 * check inside the TLS handshake, and found again in the handshake failure's causes by {@link
 * TlsFailures}. Immutable.
 */
final class CertificateRefusal extends CertificateException {
    private static final long serialVersionUID = 1L;

    CertificateRefusal(String message) {
        super(message);
    }
}
