package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A socket channel with a direct receive buffer that batches reads ({@link ReceiveBuffer}), and
 * optional time limits on every blocking call. Blocking ({@link BlockingTransport}, limits enforced
 * by a {@link Watchdog}) until {@link #interleave} makes it non-blocking for good ({@link
 * InterleavedTransport}). After NBD_OPT_STARTTLS, {@link #startTls} puts TLS under the receive
 * buffer ({@link TlsTransport}, non-blocking from then on, for both modes); everything above it
 * stays as it is. Shared by the client and the embedded server.
 *
 * <p>Reading methods allocate nothing (except {@link #getBytes}).
 *
 * <p>Thread contract: not thread-safe; one thread reads and writes.
 */
public final class WireChannel implements AutoCloseable {
    /** Payloads at least this large are read straight into the destination, not through the buffer. */
    public static final int DIRECT_READ_THRESHOLD = 16 * 1024;

    private final SocketChannel channel;
    private final String peer;
    private final TimeLimit timeLimit;
    private final BlockingTransport blocking;
    private final ReceiveBuffer rx;
    /** The transport in use: {@link #blocking}, or {@link #interleaved} once there is one. */
    private Transport io;
    /** Non-null once {@link #interleave} made the channel pipelined (non-blocking). */
    private Transport interleaved;
    /** Non-null once {@link #startTls} put TLS under the receive buffer. */
    private TlsTransport tls;

    /**
     * A channel without time limits, or with a watchdog of its own (a thread while a limit is armed).
     *
     * @param channel a connected channel in blocking mode
     * @param bufferSize receive buffer size in bytes
     * @param peer the peer's name for messages
     */
    public WireChannel(SocketChannel channel, int bufferSize, String peer) {
        this(channel, bufferSize, peer, new Watchdog());
    }

    /** As above, with its time limits enforced by {@code watchdog} (shared by the connections of a run). */
    WireChannel(SocketChannel channel, int bufferSize, String peer, Watchdog watchdog) {
        this.channel = channel;
        this.peer = peer;
        this.timeLimit = new TimeLimit(watchdog.guard(channel));
        this.blocking = new BlockingTransport(channel, timeLimit, peer, this::close);
        this.io = blocking;
        this.rx = new ReceiveBuffer(bufferSize, blocking);
    }

    /**
     * Sets the time limit of each blocking call from now on (0 = none) and the message of the
     * IOException thrown when it passes.
     */
    public void setTimeout(long nanos, String message) {
        timeLimit.perCall(nanos, message);
    }

    /**
     * Sets one absolute deadline ({@link System#nanoTime()} based) for every blocking call from now
     * on, and the message of the IOException thrown when it passes; replaces {@link #setTimeout}.
     */
    public void setDeadline(long deadlineNanos, String message) {
        timeLimit.until(deadlineNanos, message);
    }

    /** Whether a time limit closed the channel (the connection is gone). */
    public boolean timedOut() {
        return timeLimit.fired();
    }

    /**
     * Makes the channel non-blocking for good: from now on a call that waits for input sends queued
     * output ({@link #queueOutput}) meanwhile, and time limits bound the waits themselves (no
     * watchdog). For a pipelined connection: its peer may not read requests until its replies are read.
     */
    void interleave() throws IOException {
        if (interleaved == null) {
            interleaved = tls != null ? tls : new InterleavedTransport(channel, timeLimit, peer, this::close);
            io = interleaved;
            rx.use(interleaved);
        }
    }

    /**
     * Runs the TLS handshake of {@code codec} over the socket (right after the server accepted
     * NBD_OPT_STARTTLS) and from then on moves every byte through it; returns what was negotiated.
     * The socket is non-blocking from now on, time limits bound each wait.
     *
     * @throws IOException when the server sent bytes after its STARTTLS reply (they would be
     *     plaintext taken for TLS data), or the handshake fails
     */
    TlsSession startTls(TlsCodec codec) throws IOException {
        if (tls != null || interleaved != null) {
            throw new IOException("internal: TLS started twice or on a pipelined channel");
        }
        if (rx.buffered() > 0) {
            throw new IOException("NBD server " + peer + " sent " + rx.buffered()
                    + " unexpected bytes after accepting NBD_OPT_STARTTLS (before the TLS handshake)");
        }
        TlsTransport t = new TlsTransport(channel, timeLimit, peer, this::close, codec);
        tls = t;
        TlsSession session = t.handshake();
        io = t;
        rx.use(t);
        return session;
    }

    /** Whether {@link #interleave} made the channel non-blocking. */
    boolean interleaved() {
        return interleaved != null;
    }

    /**
     * Non-blocking mode: queues what remains in {@code srcs} (untouched until {@link #hasPendingOutput()}
     * is false) and sends what the socket takes now; the rest goes out while later calls wait.
     */
    boolean queueOutput(ByteBuffer[] srcs) throws IOException {
        return interleaved.queue(srcs);
    }

    /** Whether output queued by {@link #queueOutput} has not gone out yet. */
    boolean hasPendingOutput() {
        return interleaved != null && interleaved.hasPending();
    }

    /**
     * Non-blocking mode: waits (within the time limit) until the socket has input or takes queued
     * output, then sends what it takes and receives what has arrived into the receive buffer (up to
     * the read-ahead).
     */
    void exchange() throws IOException {
        interleaved.awaitInputOrRoom();
        rx.receive(0);
    }

    /** Bytes received but not yet consumed. */
    public int buffered() {
        return rx.buffered();
    }

    /** The receive buffer (read mode) for peeking at buffered bytes by absolute index. */
    ByteBuffer inBuffer() {
        return rx.buffer();
    }

    /**
     * Bounds how far reads fill the receive buffer: up to {@code bytes} in all (or what a call
     * requires, when more), instead of as much as the socket holds. Bounded to a message header,
     * a large payload that follows it stays in the socket and is then read straight into its
     * destination by {@link #readInto(ByteBuffer, int, int)}, not copied out of this buffer; unbounded
     * (0), one read takes in many small messages at once.
     */
    public void limitReadAhead(int bytes) {
        rx.limitReadAhead(bytes);
    }

    /** Blocks until at least {@code n} bytes are buffered ({@code n} at most the buffer size). */
    public void require(int n) throws IOException {
        rx.require(n);
    }

    /**
     * Receives whatever the peer sends within {@code nanos} (0: only what is already waiting in the
     * socket), without blocking longer.
     *
     * @return the number of bytes received, 0 when nothing came in time
     * @throws EOFException when the peer has closed the connection
     */
    public int receiveWithin(long nanos) throws IOException {
        return rx.receive(nanos);
    }

    public short getShort() throws IOException {
        return rx.getShort();
    }

    public int getInt() throws IOException {
        return rx.getInt();
    }

    public long getLong() throws IOException {
        return rx.getLong();
    }

    /** Reads {@code n} bytes into a new array (handshake and error messages only). */
    public byte[] getBytes(int n) throws IOException {
        return rx.getBytes(n);
    }

    /** Discards {@code n} bytes. */
    public void skip(long n) throws IOException {
        rx.skip(n);
    }

    /**
     * Consumes up to {@code max} received bytes, blocking for one when none is buffered, and returns
     * them as a view of the receive buffer, valid until the next read: for handing a payload to
     * another channel batch by batch without copying it. Allocates nothing.
     */
    public ByteBuffer take(long max) throws IOException {
        return rx.take(max);
    }

    /**
     * Reads {@code n} bytes into {@code dst} at absolute index {@code pos}, draining the buffer
     * first and reading large remainders straight into {@code dst}. Leaves {@code dst}'s position
     * and limit cleared (0 and capacity).
     */
    public void readInto(ByteBuffer dst, int pos, int n) throws IOException {
        rx.readInto(dst, pos, n);
    }

    /** Writes everything remaining in {@code src}. */
    public void writeFully(ByteBuffer src) throws IOException {
        io.write(src);
    }

    /** Writes everything remaining in {@code srcs} with gathering writes (one buffer: a plain write). */
    public void writeFully(ByteBuffer[] srcs) throws IOException {
        if (srcs.length == 1) {
            io.write(srcs[0]);
        } else {
            io.write(srcs);
        }
    }

    /** Whether the channel is still open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        timeLimit.release();
        if (tls != null) {
            tls.closeNotify();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // nothing useful to do: the connection is going away
        }
        blocking.close();
        if (tls != null) {
            tls.close();
        } else if (interleaved != null) {
            interleaved.close();
        }
    }
}
