package dev.jfio.engine.nbd.protocol;

import java.io.IOException;

/**
 * NBD_OPT_STARTTLS, the first option when TLS is required: the server must answer NBD_REP_ACK,
 * then the TLS handshake runs on the same socket and the rest of the haggling goes over TLS. Any
 * refusal, or a server that cannot be asked (not fixed newstyle), ends the connection: jfio never
 * falls back to plaintext. Nothing but the client flags and this option goes out before the TLS
 * handshake. Stateless.
 */
final class StartTlsStep implements OptionStep {
    /** The end of every refusal: why there is no retry in plaintext. */
    static final String NO_FALLBACK =
            "; TLS was asked for (nbds:// or nbds+unix://, or tls=require), so jfio does not fall back to plaintext";

    @Override
    public boolean applies(Negotiation n) {
        return n.tlsSetup != null;
    }

    @Override
    public void negotiate(Negotiation n) throws IOException {
        if (!n.fixed) {
            throw new IOException(n.server() + " does not support TLS (it does not speak fixed newstyle, so it"
                    + " cannot be asked for NBD_OPT_STARTTLS)" + NO_FALLBACK);
        }
        n.tls = start(n.channel, n.tlsSetup);
    }

    /** Sends NBD_OPT_STARTTLS on {@code c}, and once accepted, runs the TLS handshake; returns what was negotiated. */
    static TlsSession start(OptionChannel c, TlsSetup setup) throws IOException {
        TlsCodec codec = setup.newCodec(c.server());
        c.send(Nbd.OPT_STARTTLS, new byte[0]);
        OptionReply r = c.read(Nbd.OPT_STARTTLS);
        if (r.isError()) {
            throw new IOException(c.server() + " does not support TLS (it refused NBD_OPT_STARTTLS: "
                    + Nbd.optionErrorName(r.type()) + (r.text().isEmpty() ? "" : ", " + r.text()) + ")"
                    + NO_FALLBACK);
        }
        if (r.type() != Nbd.REP_ACK) {
            throw new IOException(c.server() + " answered NBD_OPT_STARTTLS with reply type " + r.type()
                    + " instead of NBD_REP_ACK" + NO_FALLBACK);
        }
        try {
            return c.wire().startTls(codec);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.startsWith(c.server()) || m.startsWith("internal")) {
                throw e;
            }
            throw new IOException(c.server() + ": TLS handshake failed: " + m, e);
        }
    }
}
