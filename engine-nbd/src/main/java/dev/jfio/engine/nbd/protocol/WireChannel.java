package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A blocking socket channel with a direct receive buffer that batches reads, and optional time
 * limits on every blocking call (enforced by {@link Watchdog}). Shared by the client and the
 * embedded server.
 *
 * <p>The receive buffer is kept in read mode: position = next unread byte, limit = end of the
 * received bytes. Reading methods allocate nothing.
 *
 * <p>Thread contract: not thread-safe; one thread reads and writes.
 */
public final class WireChannel implements AutoCloseable {
    /** Payloads at least this large are read straight into the destination, not through the buffer. */
    public static final int DIRECT_READ_THRESHOLD = 16 * 1024;

    private final SocketChannel channel;
    private final ByteBuffer in;
    /** A second view of {@link #in}'s memory, for handing buffered bytes to another channel. */
    private final ByteBuffer inView;
    /** How many bytes a read may fill the receive buffer up to (at least what is required). */
    private int readAhead;
    /** A payload's destination, then the receive buffer: the end of a payload and what follows in one read. */
    private final ByteBuffer[] scatter = new ByteBuffer[2];

    private final String peer;
    /** For {@link #writeFully(ByteBuffer)} in non-blocking mode. */
    private final ByteBuffer[] single = new ByteBuffer[1];

    private final TimeLimit timeLimit;
    /** Only for {@link #receiveWithin}: the blocking path never touches it. */
    private final ReadinessWait readiness;
    /** Non-null once {@link #interleave} made the channel non-blocking. */
    private Interleaving interleaving;

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
        this.in = ByteBuffer.allocateDirect(bufferSize);
        this.in.flip();
        this.inView = in.duplicate();
        this.readAhead = bufferSize;
        this.scatter[1] = in;
        this.timeLimit = new TimeLimit(watchdog.guard(channel));
        this.peer = peer;
        this.readiness = new ReadinessWait(channel);
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

    /**
     * Makes the channel non-blocking for good: from now on a call that waits for input sends queued
     * output ({@link #queueOutput}) meanwhile, and time limits bound the waits themselves (no
     * watchdog). For a pipelined connection: its peer may not read requests until its replies are read.
     */
    void interleave() throws IOException {
        if (interleaving == null) {
            interleaving = new Interleaving(channel);
        }
    }

    /** Whether {@link #interleave} made the channel non-blocking. */
    boolean interleaved() {
        return interleaving != null;
    }

    /**
     * Non-blocking mode: queues what remains in {@code srcs} (untouched until {@link #hasPendingOutput()}
     * is false) and sends what the socket takes now; the rest goes out while later calls wait.
     */
    boolean queueOutput(ByteBuffer[] srcs) throws IOException {
        try {
            return interleaving.queue(srcs);
        } catch (ClosedChannelException e) {
            throw closed();
        }
    }

    /** Whether output queued by {@link #queueOutput} has not gone out yet. */
    boolean hasPendingOutput() {
        return interleaving != null && interleaving.hasPending();
    }

    /**
     * Non-blocking mode: waits (within the time limit) until the socket has input or takes queued
     * output, then sends what it takes and receives what has arrived into the receive buffer (up to
     * the read-ahead).
     */
    void exchange() throws IOException {
        await(timeLimit.end(), true);
        receive(0);
    }

    private IOException expired() {
        timeLimit.expire();
        close();
        return new IOException(timeLimit.message());
    }

    /** Non-blocking mode: one wait for input (when {@code read}) or room for queued output, until {@code until}. */
    private void await(long until, boolean read) throws IOException {
        try {
            if (!interleaving.await(read, until)) {
                throw expired();
            }
        } catch (ClosedChannelException e) {
            throw closed();
        }
        if (Thread.currentThread().isInterrupted()) {
            close();
            throw closed();
        }
    }

    /**
     * Receives into the receive buffer (up to the read-ahead) what has arrived, or in blocking mode
     * what arrives within {@code nanos}; returns the bytes read.
     */
    private int receive(long nanos) throws IOException {
        if (in.remaining() == in.capacity()) {
            return 0;
        }
        in.compact();
        in.limit(Math.min(in.capacity(), Math.max(readAhead, in.position() + 1)));
        int r;
        try {
            r = interleaving != null ? channel.read(in) : readiness.read(in, nanos);
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            in.flip();
        }
        if (r < 0) {
            throw new EOFException("NBD peer " + peer + " closed the connection");
        }
        return r;
    }

    /** Whether a time limit closed the channel (the connection is gone). */
    public boolean timedOut() {
        return timeLimit.fired();
    }

    /** Bytes received but not yet consumed. */
    public int buffered() {
        return in.remaining();
    }

    /** The receive buffer (read mode) for peeking at buffered bytes by absolute index. */
    ByteBuffer inBuffer() {
        return in;
    }

    /**
     * Bounds how far reads fill the receive buffer: up to {@code bytes} in all (or what a call
     * requires, when more), instead of as much as the socket holds. Bounded to a message header,
     * a large payload that follows it stays in the socket and is then read straight into its
     * destination by {@link #readInto(ByteBuffer, int, int)}, not copied out of this buffer; unbounded
     * (0), one read takes in many small messages at once.
     */
    public void limitReadAhead(int bytes) {
        this.readAhead = bytes <= 0 ? in.capacity() : Math.min(bytes, in.capacity());
    }

    /** Blocks until at least {@code n} bytes are buffered ({@code n} at most the buffer size). */
    public void require(int n) throws IOException {
        if (in.remaining() >= n) {
            return;
        }
        if (n > in.capacity()) {
            throw new IOException("internal: need " + n + " bytes, buffer holds " + in.capacity());
        }
        in.compact();
        in.limit(Math.max(n, readAhead));
        try {
            while (in.position() < n) {
                readSome(in, null);
            }
        } finally {
            in.flip();
        }
    }

    /** One blocking read into {@code dst}, or scattered over {@code dsts} when not null. */
    private void readSome(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        if (interleaving != null) {
            readInterleaved(dst, dsts);
            return;
        }
        long r;
        long limit = arm();
        try {
            r = dsts == null ? channel.read(dst) : channel.read(dsts);
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            if (limit > 0) {
                timeLimit.disarm();
            }
        }
        if (r < 0) {
            throw new EOFException("NBD peer " + peer + " closed the connection");
        }
    }

    /** Non-blocking mode: reads at least one byte, sending queued output while waiting for it. */
    private void readInterleaved(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        long until = timeLimit.end();
        while (true) {
            long r;
            try {
                r = dsts == null ? channel.read(dst) : channel.read(dsts);
            } catch (ClosedChannelException e) {
                throw closed();
            }
            if (r < 0) {
                throw new EOFException("NBD peer " + peer + " closed the connection");
            }
            if (r > 0) {
                return;
            }
            await(until, true);
        }
    }

    /** Arms the time limit of the next blocking call (0: none); throws once a deadline has passed. */
    private long arm() throws IOException {
        long limit = timeLimit.arm();
        if (limit < 0) {
            close();
            throw new IOException(timeLimit.message());
        }
        return limit;
    }

    /**
     * Receives whatever the peer sends within {@code nanos} (0: only what is already waiting in the
     * socket), without blocking longer.
     *
     * @return the number of bytes received, 0 when nothing came in time
     * @throws EOFException when the peer has closed the connection
     */
    public int receiveWithin(long nanos) throws IOException {
        if (in.remaining() == in.capacity()) {
            return 0;
        }
        if (interleaving == null) {
            return receive(nanos);
        }
        int r = receive(0);
        if (r == 0 && nanos > 0) {
            if (nanos < TimeUnit.MILLISECONDS.toNanos(1)) {
                LockSupport.parkNanos(nanos);
            } else {
                try {
                    interleaving.await(true, System.nanoTime() + nanos);
                } catch (ClosedChannelException e) {
                    throw closed();
                }
            }
            r = receive(0);
        }
        return r;
    }

    private IOException closed() {
        if (timeLimit.fired()) {
            return new IOException(timeLimit.message());
        }
        if (Thread.currentThread().isInterrupted()) {
            return new IOException("interrupted while talking to NBD server " + peer + "; the connection is closed");
        }
        return new IOException("connection to " + peer + " was closed");
    }

    public short getShort() throws IOException {
        require(2);
        return in.getShort();
    }

    public int getInt() throws IOException {
        require(4);
        return in.getInt();
    }

    public long getLong() throws IOException {
        require(8);
        return in.getLong();
    }

    /** Reads {@code n} bytes into a new array (handshake and error messages only). */
    public byte[] getBytes(int n) throws IOException {
        byte[] b = new byte[n];
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, in.capacity());
            require(k);
            in.get(b, done, k);
            done += k;
        }
        return b;
    }

    /** Discards {@code n} bytes. */
    public void skip(long n) throws IOException {
        while (n > 0) {
            if (in.remaining() == 0) {
                require(1);
            }
            int k = (int) Math.min(n, in.remaining());
            in.position(in.position() + k);
            n -= k;
        }
    }

    /**
     * Reads {@code n} bytes into {@code dst} at absolute index {@code pos}, draining the buffer
     * first and reading large remainders straight into {@code dst}. Leaves {@code dst}'s position
     * and limit cleared (0 and capacity).
     */
    public void readInto(ByteBuffer dst, int pos, int n) throws IOException {
        int k = Math.min(n, in.remaining());
        if (k > 0) {
            dst.put(pos, in, in.position(), k);
            in.position(in.position() + k);
        }
        int done = k;
        if (n - done >= DIRECT_READ_THRESHOLD) {
            // the buffer is empty now: the rest of the payload goes straight into dst, and the
            // last read also takes in what follows it (up to the read-ahead), in one system call
            dst.limit(pos + n).position(pos + done);
            scatter[0] = dst;
            in.clear().limit(readAhead);
            try {
                while (dst.hasRemaining()) {
                    readSome(null, scatter);
                }
            } finally {
                in.flip();
                dst.clear();
                scatter[0] = null;
            }
            return;
        }
        while (done < n) {
            int want = Math.min(n - done, in.capacity());
            require(want);
            dst.put(pos + done, in, in.position(), want);
            in.position(in.position() + want);
            done += want;
        }
    }

    /**
     * Moves {@code n} received bytes into {@code file} at {@code pos} (the embedded server's
     * writes): each batch read into the receive buffer goes to the file from there, so the payload
     * is copied by the kernel only. Allocates nothing.
     *
     * @throws IOException from the socket; or, when the file fails, the file's exception after the
     *     rest of the {@code n} bytes has been received and discarded (the stream stays in step)
     */
    public void readInto(FileChannel file, long pos, long n) throws IOException {
        IOException failed = null;
        while (n > 0) {
            if (in.remaining() == 0) {
                require(1);
            }
            int k = (int) Math.min(n, in.remaining());
            int p = in.position();
            if (failed == null) {
                inView.limit(p + k).position(p);
                try {
                    while (inView.hasRemaining()) {
                        pos += file.write(inView, pos);
                    }
                } catch (IOException e) {
                    failed = e;
                }
            }
            in.position(p + k);
            n -= k;
        }
        if (failed != null) {
            throw failed;
        }
    }

    /** Writes everything remaining in {@code src}. */
    public void writeFully(ByteBuffer src) throws IOException {
        if (interleaving != null) {
            single[0] = src;
            try {
                writeInterleaved(single);
            } finally {
                single[0] = null;
            }
            return;
        }
        arm();
        try {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            timeLimit.disarm();
        }
    }

    /**
     * Non-blocking mode: writes everything remaining in {@code srcs}, waiting for room only (for
     * output no reply can hold up, such as a request sent with nothing in flight).
     */
    private void writeInterleaved(ByteBuffer[] srcs) throws IOException {
        long until = timeLimit.end();
        try {
            if (interleaving.queue(srcs)) {
                return;
            }
            while (interleaving.hasPending()) {
                await(until, false);
            }
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            interleaving.drop();
        }
    }

    /** Writes everything remaining in {@code srcs} with gathering writes (one buffer: a plain write). */
    public void writeFully(ByteBuffer[] srcs) throws IOException {
        if (srcs.length == 1) {
            writeFully(srcs[0]);
            return;
        }
        if (interleaving != null) {
            writeInterleaved(srcs);
            return;
        }
        arm();
        try {
            ByteBuffer last = srcs[srcs.length - 1];
            while (last.hasRemaining()) {
                channel.write(srcs);
            }
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            timeLimit.disarm();
        }
    }

    /** Whether the channel is still open. */
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        timeLimit.release();
        try {
            channel.close();
        } catch (IOException e) {
            // nothing useful to do: the connection is going away
        }
        readiness.close();
        if (interleaving != null) {
            interleaving.close();
        }
    }
}
