package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * One TLS client session as a codec between plaintext and ciphertext buffers, without any I/O of
 * its own: {@link TlsTransport} moves the ciphertext through the socket. Two implementations: JSSE's
 * {@code SSLEngine} for X.509 ({@link JsseTlsCodec}) and BouncyCastle's non-blocking {@code
 * TlsClientProtocol} for TLS-PSK ({@link PskTlsCodec}).
 *
 * <p>Buffers: {@code netIn} is in read mode (position = first unconsumed ciphertext byte) and the
 * codec consumes from it; {@code netOut} is in write mode and the codec appends to it.
 *
 * <p>Thread contract: not thread-safe; the connection's thread.
 */
interface TlsCodec {
    /** Whether ciphertext is read from and written to heap buffers (the codec needs their arrays). */
    boolean heapBuffers();

    /** The ciphertext buffer size the codec needs at least (one whole record and then some). */
    int netBufferSize();

    /**
     * Advances the handshake: consumes what it can of {@code netIn} and appends what must be sent to
     * {@code netOut}.
     *
     * @return true once the handshake is complete (then {@code netOut} may still hold its last flight)
     * @throws IOException with a one-line message when the server refuses or the handshake fails
     */
    boolean handshake(ByteBuffer netIn, ByteBuffer netOut) throws IOException;

    /**
     * Smallest room a destination must have for {@link #unwrap} to decrypt into it directly (a
     * whole record's plaintext for JSSE; 1 for BouncyCastle, which buffers plaintext itself).
     */
    int minPlaintextRoom();

    /**
     * Decrypts from {@code netIn} into {@code dst}, or scattered over {@code dsts} when not null
     * (their room at least {@link #minPlaintextRoom}), as much as there is and fits.
     *
     * @return the plaintext bytes produced (0: {@code netIn} holds no whole record), -1 when the
     *     server closed the TLS session
     */
    int unwrap(ByteBuffer netIn, ByteBuffer dst, ByteBuffer[] dsts) throws IOException;

    /** Whether decrypted plaintext waits inside the codec (BouncyCastle buffers it). */
    boolean hasPlaintext();

    /**
     * Encrypts from {@code srcs} (the first {@code count}) into {@code netOut} as much as fits
     * (whole records); returns the plaintext bytes consumed.
     */
    long wrap(ByteBuffer[] srcs, int count, ByteBuffer netOut) throws IOException;

    /** The messages of this session's failures. */
    TlsFailures failures();

    /** What was negotiated (after the handshake). */
    TlsSession session();

    /** Appends a close_notify alert to {@code netOut} when there is room. Never throws. */
    void close(ByteBuffer netOut);
}
