package dev.jfio.engine.nbd.protocol;

/**
 * The state of one handshake as its {@link OptionStep}s advance it: what the server offered, what
 * was agreed so far, and finally the export.
 *
 * <p>Thread contract: not thread-safe; the connecting thread.
 */
final class Negotiation {
    final NbdEndpoint endpoint;
    final NbdConnection.Options options;
    final OptionChannel channel;
    /** Enforces the time limit of side connections (listing exports). */
    final Watchdog watchdog;
    /** The credentials when TLS is required (NBD_OPT_STARTTLS comes first), null for plaintext. */
    final TlsSetup tlsSetup;
    /** The server speaks fixed newstyle: options may be refused and retried. */
    boolean fixed;
    /** Neither side sends the 124 zero bytes after NBD_OPT_EXPORT_NAME. */
    boolean noZeroes;
    /** The server agreed to structured replies. */
    boolean structuredReplies;
    /** The TLS negotiated (NBD_OPT_STARTTLS), {@link TlsSession#NONE} until then. */
    TlsSession tls = TlsSession.NONE;
    /** The id the server gave {@code base:allocation} (NBD_OPT_SET_META_CONTEXT), -1 for none. */
    int baseAllocationContext = -1;
    /** The export entered, once a step has entered one; the handshake ends there. */
    NbdExportInfo export;

    Negotiation(
            NbdEndpoint endpoint,
            NbdConnection.Options options,
            OptionChannel channel,
            Watchdog watchdog,
            TlsSetup tlsSetup) {
        this.endpoint = endpoint;
        this.tlsSetup = tlsSetup;
        this.options = options;
        this.channel = channel;
        this.watchdog = watchdog;
    }

    /** "NBD server NAME", the start of every message. */
    String server() {
        return channel.server();
    }
}
