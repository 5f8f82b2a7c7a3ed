package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

/**
 * The receiving side of a {@link WireChannel}: a direct buffer that batches reads, the primitive
 * getters over it, and payload reads that go straight into their destination when large.
 *
 * <p>The buffer is kept in read mode: position = next unread byte, limit = end of the received
 * bytes. Reading methods allocate nothing (except {@link #getBytes}).
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
final class ReceiveBuffer {
    private final ByteBuffer in;
    /** A second view of {@link #in}'s memory, for handing buffered bytes to another channel. */
    private final ByteBuffer inView;
    /** A payload's destination, then the receive buffer: the end of a payload and what follows in one read. */
    private final ByteBuffer[] scatter = new ByteBuffer[2];
    /** How many bytes a read may fill the buffer up to (at least what is required). */
    private int readAhead;

    private Transport io;

    ReceiveBuffer(int bufferSize, Transport io) {
        this.in = ByteBuffer.allocateDirect(bufferSize);
        this.in.flip();
        this.inView = in.duplicate();
        this.readAhead = bufferSize;
        this.scatter[1] = in;
        this.io = io;
    }

    /** Reads through {@code transport} from now on (the channel changed mode). */
    void use(Transport transport) {
        this.io = transport;
    }

    /** Bytes received but not yet consumed. */
    int buffered() {
        return in.remaining();
    }

    /** The buffer (read mode) for peeking at buffered bytes by absolute index. */
    ByteBuffer buffer() {
        return in;
    }

    /** See {@link WireChannel#limitReadAhead(int)}. */
    void limitReadAhead(int bytes) {
        this.readAhead = bytes <= 0 ? in.capacity() : Math.min(bytes, in.capacity());
    }

    /** Blocks until at least {@code n} bytes are buffered ({@code n} at most the buffer size). */
    void require(int n) throws IOException {
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
                io.read(in, null);
            }
        } finally {
            in.flip();
        }
    }

    /**
     * Receives into the buffer (up to the read-ahead) what has arrived, or what arrives within
     * {@code nanos}; returns the bytes read (0 when the buffer is full).
     */
    int receive(long nanos) throws IOException {
        if (in.remaining() == in.capacity()) {
            return 0;
        }
        in.compact();
        in.limit(Math.min(in.capacity(), Math.max(readAhead, in.position() + 1)));
        int r;
        try {
            r = io.receive(in, nanos);
        } catch (ClosedChannelException e) {
            throw io.closed();
        } finally {
            in.flip();
        }
        if (r < 0) {
            throw io.endOfStream();
        }
        return r;
    }

    short getShort() throws IOException {
        require(2);
        return in.getShort();
    }

    int getInt() throws IOException {
        require(4);
        return in.getInt();
    }

    long getLong() throws IOException {
        require(8);
        return in.getLong();
    }

    /** Reads {@code n} bytes into a new array (handshake and error messages only). */
    byte[] getBytes(int n) throws IOException {
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
    void skip(long n) throws IOException {
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
     * Consumes up to {@code max} received bytes (waiting for one when none is buffered) and returns
     * them as a view of the buffer, valid until the next call.
     */
    ByteBuffer take(long max) throws IOException {
        if (in.remaining() == 0) {
            require(1);
        }
        int k = (int) Math.min(max, in.remaining());
        int p = in.position();
        inView.limit(p + k).position(p);
        in.position(p + k);
        return inView;
    }

    /** See {@link WireChannel#readInto(ByteBuffer, int, int)}. */
    void readInto(ByteBuffer dst, int pos, int n) throws IOException {
        int k = Math.min(n, in.remaining());
        if (k > 0) {
            dst.put(pos, in, in.position(), k);
            in.position(in.position() + k);
        }
        int done = k;
        if (n - done >= WireChannel.DIRECT_READ_THRESHOLD) {
            // the buffer is empty now: the rest of the payload goes straight into dst, and the
            // last read also takes in what follows it (up to the read-ahead), in one system call
            dst.limit(pos + n).position(pos + done);
            scatter[0] = dst;
            in.clear().limit(readAhead);
            try {
                while (dst.hasRemaining()) {
                    io.read(null, scatter);
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
}
