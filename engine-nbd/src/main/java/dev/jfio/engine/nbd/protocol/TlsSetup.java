package dev.jfio.engine.nbd.protocol;

import java.io.IOException;

/**
 * The credentials of a TLS connection, loaded and checked once before connecting (so that a
 * missing or malformed file fails before anything goes to the server), and a fresh {@link
 * TlsCodec} per connection: {@link X509Setup} (JSSE) or {@link PskSetup} (BouncyCastle).
 *
 * <p>Thread contract: immutable once built; {@link #newCodec} may be called from any thread.
 */
abstract class TlsSetup {
    /**
     * Loads what {@code settings} name for a connection to {@code endpoint}.
     *
     * @return null when {@code settings} ask for no TLS
     * @throws IOException with a one-line message naming the file and the option at fault
     */
    static TlsSetup prepare(TlsSettings settings, NbdEndpoint endpoint) throws IOException {
        switch (settings.kind()) {
            case X509:
                return X509Setup.load(settings, endpoint);
            case PSK:
                return PskSetup.load(settings);
            default:
                return null;
        }
    }

    /** A new TLS client session for a connection to {@code server} ("NBD server NAME", for messages). */
    abstract TlsCodec newCodec(String server) throws IOException;
}
