package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * How a {@link WireChannel} moves bytes through its socket: {@link BlockingTransport} (blocking
 * calls, time limits enforced by a watchdog) or {@link InterleavedTransport} (non-blocking, queued
 * output sent while waiting for input). Both fail with the same messages, built here.
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
abstract class Transport {
    final SocketChannel channel;
    final TimeLimit timeLimit;
    final String peer;
    /** Closes the whole {@link WireChannel} (its channel, time limit and selectors). */
    private final Runnable closer;

    Transport(SocketChannel channel, TimeLimit timeLimit, String peer, Runnable closer) {
        this.channel = channel;
        this.timeLimit = timeLimit;
        this.peer = peer;
        this.closer = closer;
    }

    /**
     * Reads at least one byte into {@code dst}, or scattered over {@code dsts} when not null,
     * within the time limit.
     *
     * @throws EOFException when the peer has closed the connection
     */
    abstract void read(ByteBuffer dst, ByteBuffer[] dsts) throws IOException;

    /**
     * Reads into {@code dst} what has arrived, or when nothing has, what arrives within {@code
     * nanos} (0: no wait); returns the bytes read, -1 at the end of the stream.
     */
    abstract int receive(ByteBuffer dst, long nanos) throws IOException;

    /** Writes everything remaining in {@code src} within the time limit. */
    abstract void write(ByteBuffer src) throws IOException;

    /** Writes everything remaining in {@code srcs} (at least two buffers) within the time limit. */
    abstract void write(ByteBuffer[] srcs) throws IOException;

    /**
     * Non-blocking modes only: queues what remains in {@code srcs} (untouched until {@link
     * #hasPending()} is false) and sends what the socket takes now; returns whether everything went out.
     */
    boolean queue(ByteBuffer[] srcs) throws IOException {
        throw new IOException("internal: output queued on a blocking transport");
    }

    /** Whether output queued by {@link #queue} has not gone out yet. */
    boolean hasPending() {
        return false;
    }

    /**
     * Non-blocking modes only: waits (within the time limit) until input is there or the socket
     * takes queued output, and sends what it takes.
     */
    void awaitInputOrRoom() throws IOException {
        throw new IOException("internal: a blocking transport cannot wait for input or room");
    }

    /** Frees what the transport holds besides the channel (selectors). Never throws. */
    abstract void close();

    /** Closes the whole wire channel: a time limit passed or the thread was interrupted. */
    final void closeWire() {
        closer.run();
    }

    /** The exception for a channel found closed: by a time limit, an interrupt or the peer. */
    final IOException closed() {
        if (timeLimit.fired()) {
            return new IOException(timeLimit.message());
        }
        if (Thread.currentThread().isInterrupted()) {
            return new IOException("interrupted while talking to NBD server " + peer + "; the connection is closed");
        }
        return new IOException("connection to " + peer + " was closed");
    }

    final EOFException endOfStream() {
        return new EOFException("NBD peer " + peer + " closed the connection");
    }
}
