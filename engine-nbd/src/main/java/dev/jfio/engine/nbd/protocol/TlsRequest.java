package dev.jfio.engine.nbd.protocol;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The TLS wish of an NBD URI or of the engine options, before the two are merged: whether TLS is
 * required ({@code nbds} schemes, {@code tls=on}) and the details the user named. A null detail
 * was not given (so that a URI and an option can be checked for conflicts); {@link #settings()}
 * turns the merged wish into the connection's {@link TlsSettings}. Immutable.
 *
 * @param required whether TLS is required (jfio never falls back to plaintext)
 * @param certificates X.509: the directory of {@code ca-cert.pem}, {@code client-cert.pem} and
 *     {@code client-key.pem}; null for libnbd's defaults
 * @param verifyPeer X.509: whether to check the server's certificate; null for the default (yes)
 * @param hostname X.509: the name the server's certificate must carry; null for the URI's host
 * @param pskFile PSK: the key file ({@code username:hexkey} lines); null for X.509
 * @param username PSK: whose key to use; null for the current user
 */
public record TlsRequest(
        boolean required, Path certificates, Boolean verifyPeer, String hostname, Path pskFile, String username) {

    /** Plaintext, nothing named. */
    public static final TlsRequest NONE = new TlsRequest(false, null, null, null, null, null);

    /** Whether any detail (certificates, verify-peer, hostname, PSK file, user) was given. */
    public boolean hasDetails() {
        return certificates != null || verifyPeer != null || hostname != null || pskFile != null || username != null;
    }

    /**
     * Checks that the details fit together: X.509 details and a PSK file exclude each other, and
     * a user name needs a PSK file.
     *
     * @throws IllegalArgumentException with a one-line message naming the option and URI forms
     */
    public TlsRequest validate() {
        if (pskFile != null && certificates != null) {
            throw new IllegalArgumentException(
                    "TLS: give either certificates (tls_certificates, uri tls-certificates=) "
                            + "or a PSK file (tls_psk_file, uri tls-psk-file=), not both");
        }
        if (pskFile != null && (verifyPeer != null || hostname != null)) {
            throw new IllegalArgumentException("TLS: " + (hostname != null ? "tls_hostname" : "tls_verify_peer")
                    + " applies to X.509 certificates, not to TLS-PSK (tls_psk_file=" + pskFile + "): drop it");
        }
        if (username != null && pskFile == null) {
            throw new IllegalArgumentException("TLS: the user name '" + username
                    + "' (tls_username, or user@ in the uri) is for TLS-PSK: give its key file with tls_psk_file "
                    + "(uri tls-psk-file=)");
        }
        return this;
    }

    /** The connection's TLS: none, X.509 or (with a PSK file) PSK. */
    public TlsSettings settings() {
        if (!required) {
            return TlsSettings.NONE;
        }
        if (pskFile != null) {
            return new TlsSettings(TlsSettings.Kind.PSK, null, true, null, pskFile, username);
        }
        return new TlsSettings(
                TlsSettings.Kind.X509, certificates, verifyPeer == null || verifyPeer, hostname, null, null);
    }

    /** A copy with TLS required or not. */
    public TlsRequest withRequired(boolean tls) {
        return new TlsRequest(tls, certificates, verifyPeer, hostname, pskFile, username);
    }

    /** The query parameters of this wish for a URI, {@code &}-joined, "" when none (no user). */
    String query() {
        StringBuilder sb = new StringBuilder();
        append(sb, "tls-certificates", certificates == null ? null : UriText.encode(certificates.toString()));
        append(sb, "tls-verify-peer", verifyPeer == null ? null : verifyPeer ? "1" : "0");
        append(sb, "tls-hostname", hostname == null ? null : UriText.encode(hostname));
        append(sb, "tls-psk-file", pskFile == null ? null : UriText.encode(pskFile.toString()));
        return sb.toString();
    }

    private static void append(StringBuilder sb, String key, String value) {
        if (value != null) {
            sb.append(sb.length() == 0 ? "" : "&").append(key).append('=').append(value);
        }
    }

    /**
     * Merges a detail given both by the URI and by an option.
     *
     * @throws IllegalArgumentException naming both when they differ
     */
    public static <T> T pick(T fromUri, String uriKey, T fromOption, String optionName) {
        if (fromUri != null && fromOption != null && !Objects.equals(fromUri, fromOption)) {
            throw new IllegalArgumentException(optionName + "=" + fromOption + " conflicts with " + uriKey + "="
                    + fromUri + " in the uri: give one of them (or the same value)");
        }
        return fromOption != null ? fromOption : fromUri;
    }
}
