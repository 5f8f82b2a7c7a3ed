package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.util.Locale;

/**
 * Turns what the TLS libraries throw into one-line messages that start with the server's name and
 * say what to do: jfio's own certificate refusals ({@link CertificateRefusal}) as they are, alerts
 * from the server in words, never a raw {@code SSLHandshakeException} text with its cause chain.
 *
 * <p>Thread contract: immutable.
 */
final class TlsFailures {
    private final String server;
    /** What the user can check when the server refuses the handshake, e.g. the PSK user; may be empty. */
    private final String refusalHint;

    /**
     * @param server "NBD server NAME"
     * @param refusalHint appended to a refusal by the server, e.g. "(the PSK for user alice ...)"
     */
    TlsFailures(String server, String refusalHint) {
        this.server = server;
        this.refusalHint = refusalHint;
    }

    /** "NBD server NAME", for messages. */
    String server() {
        return server;
    }

    /** A failed handshake: jfio's refusal of the certificate, the server's alert, or the library's reason. */
    IOException handshake(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateRefusal) {
                return new IOException(server + ": " + t.getMessage());
            }
        }
        String alert = alertOf(e);
        if (alert != null) {
            return new IOException(server + " refused the TLS handshake (TLS alert " + alert + ")" + refusalHint);
        }
        return new IOException(server + ": the TLS handshake failed: " + firstLine(e));
    }

    /** The server ended the TLS session (close_notify) before the handshake finished. */
    IOException closedDuringHandshake() {
        return new IOException(server + " closed the TLS session during the TLS handshake" + refusalHint);
    }

    /** The server closed the connection during the handshake (GnuTLS does so on a wrong PSK, without an alert). */
    IOException closedConnectionDuringHandshake() {
        return new IOException(server + " closed the connection during the TLS handshake" + refusalHint);
    }

    /**
     * The server closed the connection before sending anything over TLS: with TLS 1.3 a server
     * checks the client certificate only after the client's side of the handshake is over.
     */
    IOException closedAfterHandshake(IOException cause) {
        return new IOException(
                server + " closed the connection right after the TLS handshake ("
                        + (cause.getMessage() == null ? "end of stream" : cause.getMessage()) + ")" + refusalHint,
                cause);
    }

    /** A TLS failure after the handshake (a corrupt record, an alert). */
    IOException inSession(Exception e) {
        String alert = alertOf(e);
        return new IOException(server + ": TLS error: " + (alert != null ? "TLS alert " + alert : firstLine(e)));
    }

    /** The session was closed, but jfio still had data to send. */
    IOException closedInSession() {
        return new IOException(server + " closed the TLS session; the connection is closed");
    }

    /** The alert named in JSSE's "Received fatal alert: NAME", or null. */
    private static String alertOf(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                int i = m.toLowerCase(Locale.ROOT).indexOf("received fatal alert: ");
                if (i >= 0) {
                    return m.substring(i + "received fatal alert: ".length()).trim();
                }
            }
        }
        return null;
    }

    private static String firstLine(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause().getMessage() != null) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
