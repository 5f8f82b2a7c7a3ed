package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link WireChannel}'s transport after NBD_OPT_STARTTLS: the same contract as the plaintext
 * transports, with a {@link TlsCodec} between the socket and the receive buffer. The socket is
 * non-blocking from the TLS handshake on, and time limits bound the waits themselves (as in {@link
 * InterleavedTransport}), so the one transport serves both modes: blocking calls wait here, and
 * pipelined output ({@link #queue}) is encrypted incrementally, one network buffer at a time, as the
 * socket takes it, while waits for input go on.
 *
 * <p>Decrypted bytes land directly in the caller's buffer (the receive buffer, or a large payload's
 * destination) when it has room for a whole record, otherwise in a small plaintext buffer first.
 * Ciphertext that holds a whole record counts as input waiting: no wait starts while there is some.
 * jfio allocates nothing per call here.
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
final class TlsTransport extends Transport {
    private final TlsCodec codec;
    private final Interleaving interleaving;
    /** Ciphertext received and not yet decrypted; read mode. */
    private final ByteBuffer netIn;
    /** Ciphertext to send; read mode, queued in {@link #interleaving} while it has bytes left. */
    private final ByteBuffer netOut;

    private final ByteBuffer[] netOutQueue;
    /** Decrypted bytes not yet handed out (when the caller's buffer was too small); read mode. */
    private final ByteBuffer plainIn;
    /** For {@link #write(ByteBuffer)}: the one buffer as an array, without allocating. */
    private final ByteBuffer[] single = new ByteBuffer[1];
    /** Whether the TLS handshake is over (from the client's side). */
    private boolean established;
    /** Whether the server has sent anything over TLS yet (a close before that is a refusal of the client). */
    private boolean heard;
    /** Plaintext queued and not yet encrypted, null when none. */
    private ByteBuffer[] plainOut;

    /** Switches {@code channel} to non-blocking mode for good. */
    TlsTransport(SocketChannel channel, TimeLimit timeLimit, String peer, Runnable closer, TlsCodec codec)
            throws IOException {
        super(channel, timeLimit, peer, closer);
        this.codec = codec;
        int size = codec.netBufferSize();
        this.netIn = codec.heapBuffers() ? ByteBuffer.allocate(size) : ByteBuffer.allocateDirect(size);
        this.netOut = codec.heapBuffers() ? ByteBuffer.allocate(size) : ByteBuffer.allocateDirect(size);
        this.netIn.flip();
        this.netOut.flip();
        this.netOutQueue = new ByteBuffer[] {netOut};
        this.plainIn = ByteBuffer.allocate(Math.max(codec.minPlaintextRoom(), 1024));
        this.plainIn.flip();
        this.interleaving = new Interleaving(channel);
    }

    /** Runs the TLS handshake within the time limit; returns what was negotiated. */
    TlsSession handshake() throws IOException {
        long until = timeLimit.end();
        try {
            while (true) {
                netOut.clear();
                boolean done = codec.handshake(netIn, netOut);
                netOut.flip();
                boolean sent = netOut.hasRemaining();
                if (sent && !interleaving.queue(netOutQueue)) {
                    while (interleaving.hasPending()) {
                        await(until, false);
                    }
                }
                if (done) {
                    established = true;
                    return codec.session();
                }
                if (!sent) {
                    int r = fill();
                    if (r < 0) {
                        throw codec.failures().closedConnectionDuringHandshake();
                    }
                    if (r == 0) {
                        await(until, true);
                    }
                }
            }
        } catch (ClosedChannelException e) {
            throw closed();
        }
    }

    /** Whether {@code srcs}' first {@code count} buffers hold bytes. */
    static boolean hasRemaining(ByteBuffer[] srcs, int count) {
        for (int i = 0; i < count; i++) {
            if (srcs[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    boolean queue(ByteBuffer[] srcs) throws IOException {
        if (plainOut != null) {
            throw new IOException("internal: output queued while earlier output is still pending");
        }
        plainOut = srcs;
        try {
            pump();
        } catch (ClosedChannelException e) {
            throw closed();
        }
        return !hasPending();
    }

    @Override
    boolean hasPending() {
        return plainOut != null || interleaving.hasPending();
    }

    /** Encrypts queued plaintext into the network buffer whenever it has gone out, and sends it. */
    private void pump() throws IOException {
        while (plainOut != null && !interleaving.hasPending()) {
            netOut.clear();
            codec.wrap(plainOut, plainOut.length, netOut);
            netOut.flip();
            if (!hasRemaining(plainOut, plainOut.length)) {
                plainOut = null;
            }
            boolean sent;
            try {
                sent = !netOut.hasRemaining() || interleaving.queue(netOutQueue);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                throw socketFailure(e);
            }
            if (!sent) {
                return;
            }
        }
    }

    /** Whether decrypted bytes, or a whole record of ciphertext, wait here: no need to wait for the socket. */
    private boolean inputBuffered() {
        if (plainIn.hasRemaining() || codec.hasPlaintext()) {
            return true;
        }
        int n = netIn.remaining();
        return n >= 5 && n >= 5 + (netIn.getShort(netIn.position() + 3) & 0xffff);
    }

    @Override
    void awaitInputOrRoom() throws IOException {
        if (!inputBuffered()) {
            await(timeLimit.end(), true);
        }
    }

    /** One wait for input (when {@code read}) or room for queued output, then more output encrypted. */
    private void await(long until, boolean read) throws IOException {
        try {
            boolean inTime;
            try {
                inTime = interleaving.await(read, until);
            } catch (ClosedChannelException e) {
                throw e;
            } catch (IOException e) {
                throw socketFailure(e);
            }
            if (!inTime) {
                timeLimit.expire();
                closeWire();
                throw new IOException(timeLimit.message());
            }
            pump();
        } catch (ClosedChannelException e) {
            throw closed();
        }
        if (Thread.currentThread().isInterrupted()) {
            closeWire();
            throw closed();
        }
    }

    /** Reads what the socket holds into {@link #netIn}; returns the bytes read, -1 at its end. */
    private int fill() throws IOException {
        netIn.compact();
        try {
            return channel.read(netIn);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            throw socketFailure(e);
        } finally {
            netIn.flip();
        }
    }

    /** A reset or broken pipe before the server sent anything over TLS: it refused the client after the handshake. */
    private IOException socketFailure(IOException e) {
        return heard || !established ? e : codec.failures().closedAfterHandshake(e);
    }

    /** Hands out decrypted bytes: buffered ones, else what {@link #netIn} decrypts to; -1 at the end. */
    private int decrypt(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        if (!plainIn.hasRemaining()) {
            int room = dsts == null ? dst.remaining() : dsts[0].remaining() + dsts[1].remaining();
            if (room >= codec.minPlaintextRoom()) {
                return codec.unwrap(netIn, dst, dsts);
            }
            plainIn.clear();
            int n;
            try {
                n = codec.unwrap(netIn, plainIn, null);
            } finally {
                plainIn.flip();
            }
            if (n <= 0) {
                return n;
            }
        }
        if (dsts == null) {
            return copyPlain(dst);
        }
        int n = 0;
        for (ByteBuffer d : dsts) {
            n += copyPlain(d);
        }
        return n;
    }

    private int copyPlain(ByteBuffer dst) {
        int k = Math.min(dst.remaining(), plainIn.remaining());
        dst.put(dst.position(), plainIn, plainIn.position(), k);
        dst.position(dst.position() + k);
        plainIn.position(plainIn.position() + k);
        return k;
    }

    /** Reads at least one byte, sending queued output while waiting for it. */
    @Override
    void read(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        long until = timeLimit.end();
        try {
            while (true) {
                int n = decrypt(dst, dsts);
                if (n > 0) {
                    heard = true;
                    return;
                }
                if (n < 0) {
                    throw endOfStream();
                }
                int r = fill();
                if (r < 0) {
                    throw heard ? endOfStream() : codec.failures().closedAfterHandshake(endOfStream());
                }
                if (r == 0) {
                    await(until, true);
                }
            }
        } catch (ClosedChannelException e) {
            throw closed();
        }
    }

    @Override
    int receive(ByteBuffer dst, long nanos) throws IOException {
        int n = decrypt(dst, null);
        if (n != 0) {
            heard |= n > 0;
            return n;
        }
        while (true) {
            int r = fill();
            if (r < 0) {
                return -1;
            }
            if (r == 0) {
                break;
            }
            n = decrypt(dst, null);
            if (n != 0) {
                heard |= n > 0;
                return n;
            }
        }
        if (nanos <= 0) {
            return 0;
        }
        if (nanos < TimeUnit.MILLISECONDS.toNanos(1)) {
            LockSupport.parkNanos(nanos);
        } else {
            interleaving.await(true, System.nanoTime() + nanos);
            pump();
        }
        if (fill() < 0) {
            return -1;
        }
        return decrypt(dst, null);
    }

    @Override
    void write(ByteBuffer src) throws IOException {
        single[0] = src;
        try {
            write(single);
        } finally {
            single[0] = null;
        }
    }

    /** Writes everything remaining in {@code srcs}, waiting for room only (no reply can hold it up). */
    @Override
    void write(ByteBuffer[] srcs) throws IOException {
        long until = timeLimit.end();
        try {
            if (queue(srcs)) {
                return;
            }
            while (hasPending()) {
                await(until, false);
            }
        } finally {
            plainOut = null;
            interleaving.drop();
        }
    }

    /** Sends a close_notify alert if the socket takes it now (the connection is being closed). Never throws. */
    void closeNotify() {
        if (hasPending() || !channel.isOpen()) {
            return;
        }
        try {
            netOut.clear();
            codec.close(netOut);
            netOut.flip();
            channel.write(netOut);
        } catch (IOException | RuntimeException e) {
            // leaving anyway
        }
    }

    @Override
    void close() {
        plainOut = null;
        interleaving.close();
    }
}
