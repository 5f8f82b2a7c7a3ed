package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;

/**
 * The blocking mode of a {@link WireChannel}: each read or write is one blocking system call,
 * bounded by the {@link TimeLimit} (its watchdog closes the channel of a call that overruns);
 * timed receives switch to non-blocking for their wait only ({@link ReadinessWait}).
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
final class BlockingTransport extends Transport {
    /** Only for {@link #receive}: the blocking reads and writes never touch it. */
    private final ReadinessWait readiness;

    BlockingTransport(SocketChannel channel, TimeLimit timeLimit, String peer, Runnable closer) {
        super(channel, timeLimit, peer, closer);
        this.readiness = new ReadinessWait(channel);
    }

    @Override
    void read(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
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
            throw endOfStream();
        }
    }

    @Override
    int receive(ByteBuffer dst, long nanos) throws IOException {
        return readiness.read(dst, nanos);
    }

    @Override
    void write(ByteBuffer src) throws IOException {
        long limit = arm();
        try {
            while (src.hasRemaining()) {
                channel.write(src);
            }
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            if (limit > 0) {
                timeLimit.disarm();
            }
        }
    }

    @Override
    void write(ByteBuffer[] srcs) throws IOException {
        long limit = arm();
        try {
            ByteBuffer last = srcs[srcs.length - 1];
            while (last.hasRemaining()) {
                channel.write(srcs);
            }
        } catch (ClosedChannelException e) {
            throw closed();
        } finally {
            if (limit > 0) {
                timeLimit.disarm();
            }
        }
    }

    /** Arms the time limit of the next blocking call (0: none); throws once a deadline has passed. */
    private long arm() throws IOException {
        long limit = timeLimit.arm();
        if (limit < 0) {
            closeWire();
            throw new IOException(timeLimit.message());
        }
        return limit;
    }

    @Override
    void close() {
        readiness.close();
    }
}
