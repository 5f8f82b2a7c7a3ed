package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The non-blocking mode of a {@link WireChannel} ({@link WireChannel#interleave}): reads send
 * queued output while they wait for input, writes wait for room only, and time limits bound the
 * waits themselves (no watchdog). The socket and its queued output are in {@link Interleaving}.
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
final class InterleavedTransport extends Transport {
    private final Interleaving interleaving;
    /** For {@link #write(ByteBuffer)}: the one buffer as an array, without allocating. */
    private final ByteBuffer[] single = new ByteBuffer[1];

    /** Switches {@code channel} to non-blocking mode for good. */
    InterleavedTransport(SocketChannel channel, TimeLimit timeLimit, String peer, Runnable closer) throws IOException {
        super(channel, timeLimit, peer, closer);
        this.interleaving = new Interleaving(channel);
    }

    /**
     * Queues what remains in {@code srcs} (untouched until {@link #hasPending()} is false) and sends
     * what the socket takes now; returns whether everything went out.
     */
    @Override
    boolean queue(ByteBuffer[] srcs) throws IOException {
        try {
            return interleaving.queue(srcs);
        } catch (ClosedChannelException e) {
            throw closed();
        }
    }

    /** Whether output queued by {@link #queue} has not gone out yet. */
    @Override
    boolean hasPending() {
        return interleaving.hasPending();
    }

    /**
     * Waits (within the time limit) until the socket has input or takes queued output, and sends
     * what it takes.
     */
    @Override
    void awaitInputOrRoom() throws IOException {
        await(timeLimit.end(), true);
    }

    /** One wait for input (when {@code read}) or room for queued output, until {@code until}. */
    private void await(long until, boolean read) throws IOException {
        try {
            if (!interleaving.await(read, until)) {
                timeLimit.expire();
                closeWire();
                throw new IOException(timeLimit.message());
            }
        } catch (ClosedChannelException e) {
            throw closed();
        }
        if (Thread.currentThread().isInterrupted()) {
            closeWire();
            throw closed();
        }
    }

    /** Reads at least one byte, sending queued output while waiting for it. */
    @Override
    void read(ByteBuffer dst, ByteBuffer[] dsts) throws IOException {
        long until = timeLimit.end();
        while (true) {
            long r;
            try {
                r = dsts == null ? channel.read(dst) : channel.read(dsts);
            } catch (ClosedChannelException e) {
                throw closed();
            }
            if (r < 0) {
                throw endOfStream();
            }
            if (r > 0) {
                return;
            }
            await(until, true);
        }
    }

    @Override
    int receive(ByteBuffer dst, long nanos) throws IOException {
        int r = channel.read(dst);
        if (r == 0 && nanos > 0) {
            if (nanos < TimeUnit.MILLISECONDS.toNanos(1)) {
                LockSupport.parkNanos(nanos);
            } else {
                interleaving.await(true, System.nanoTime() + nanos);
            }
            r = channel.read(dst);
        }
        return r;
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

    @Override
    void close() {
        interleaving.close();
    }
}
