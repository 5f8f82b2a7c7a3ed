package dev.jfio.engine.nbd.protocol;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS a connection must use, as the user asked for it (URI and engine options), before any
 * file is read: {@link Kind#NONE} (plaintext), {@link Kind#X509} (certificates) or {@link
 * Kind#PSK} (a pre-shared key). TLS, once asked for, is required: a server that does not agree
 * fails the connection; there is never a fallback to plaintext.
 *
 * @param kind which TLS
 * @param certificatesDir X.509: the directory of {@code ca-cert.pem}, {@code client-cert.pem} and
 *     {@code client-key.pem} (libnbd's names), null for libnbd's default directories
 * @param verifyPeer X.509: whether the server's certificate and name are checked (libnbd's
 *     {@code tls-verify-peer}, default true)
 * @param hostname X.509: the name the server's certificate must carry, null for the URI's host
 *     (and {@code localhost} for a unix socket)
 * @param pskFile PSK: the key file, lines {@code username:hexkey} (nbdkit's and psktool's format)
 * @param username PSK: whose key to use, null for the current user (as libnbd)
 */
public record TlsSettings(
        Kind kind, Path certificatesDir, boolean verifyPeer, String hostname, Path pskFile, String username) {

    /** Which TLS, if any. */
    public enum Kind {
        NONE,
        X509,
        PSK
    }

    /** Plaintext: no TLS. */
    public static final TlsSettings NONE = new TlsSettings(Kind.NONE, null, true, null, null, null);

    public TlsSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.PSK && pskFile == null) {
            throw new IllegalArgumentException("TLS-PSK needs a PSK file");
        }
    }

    /** Whether TLS is required. */
    public boolean required() {
        return kind != Kind.NONE;
    }
}
