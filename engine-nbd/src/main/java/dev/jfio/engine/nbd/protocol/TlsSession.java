package dev.jfio.engine.nbd.protocol;

/**
 * The TLS a connection negotiated, for the report.
 *
 * @param kind {@code none}, {@code x509} or {@code psk}
 * @param protocol e.g. {@code TLSv1.3}; empty for none
 * @param cipher the cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}; empty for none
 */
public record TlsSession(String kind, String protocol, String cipher) {
    /** A plaintext connection. */
    public static final TlsSession NONE = new TlsSession("none", "", "");

    /** Whether the connection is encrypted. */
    public boolean encrypted() {
        return !"none".equals(kind);
    }

    /** {@code none}, or {@code x509 TLSv1.3 TLS_AES_256_GCM_SHA384}. */
    public String describe() {
        return encrypted() ? kind + " " + protocol + " " + cipher : kind;
    }
}
