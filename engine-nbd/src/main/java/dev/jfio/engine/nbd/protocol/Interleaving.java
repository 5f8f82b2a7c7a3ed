package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The non-blocking mode of a {@link WireChannel}: the output queued to go out, and the wait until
 * the socket has input or takes output. A peer may stop reading until its own replies are read, so
 * a side that blocks in a write while the peer blocks in its write would wait forever; here nothing
 * ever waits for output alone while input may be due.
 *
 * <p>The channel is registered with one selector once, and waits use the selector's
 * action-taking select: a wait is one {@code epoll_wait} and allocates nothing.
 *
 * <p>Thread contract: not thread-safe; the channel's thread.
 */
final class Interleaving implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final Consumer<SelectionKey> onReady = k -> this.ready = k.readyOps();
    private int interest = SelectionKey.OP_READ;
    private int ready;
    /** Output queued and not sent yet: {@code pending} up to the end of its last buffer; null when none. */
    private ByteBuffer[] pending;

    private ByteBuffer pendingLast;

    /** Switches {@code channel} to non-blocking mode for good. */
    Interleaving(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        boolean ok = false;
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
            ok = true;
        } finally {
            if (!ok) {
                selector.close();
            }
        }
    }

    /**
     * Queues {@code srcs} (everything remaining in them) and sends what the socket takes now.
     * The buffers must stay untouched until {@link #hasPending()} is false.
     *
     * @return whether everything went out
     */
    boolean queue(ByteBuffer[] srcs) throws IOException {
        if (pending != null) {
            throw new IOException("internal: output queued while earlier output is still pending");
        }
        pending = srcs;
        pendingLast = srcs[srcs.length - 1];
        return sendSome();
    }

    /** Whether queued output has not gone out yet. */
    boolean hasPending() {
        return pending != null;
    }

    /** Sends what the socket takes now of the queued output; returns whether nothing is left. */
    boolean sendSome() throws IOException {
        ByteBuffer[] p = pending;
        if (p == null) {
            return true;
        }
        if (p.length == 1) {
            channel.write(p[0]);
        } else {
            channel.write(p);
        }
        if (pendingLast.hasRemaining()) {
            return false;
        }
        pending = null;
        pendingLast = null;
        return true;
    }

    /** Forgets the queued output (the connection has failed). */
    void drop() {
        pending = null;
        pendingLast = null;
    }

    /**
     * Waits until the socket has input (when {@code read}) or takes output (when some is queued),
     * or {@code until} ({@link System#nanoTime()} based; 0: no limit), then sends what it takes of
     * the queued output.
     *
     * @return false when {@code until} had passed
     */
    boolean await(boolean read, long until) throws IOException {
        long nanos = 0;
        if (until != 0) {
            nanos = until - System.nanoTime();
            if (nanos <= 0) {
                return false;
            }
        }
        int want = (read ? SelectionKey.OP_READ : 0) | (pending != null ? SelectionKey.OP_WRITE : 0);
        if (want == 0) {
            return true;
        }
        if (want != interest) {
            key.interestOps(want);
            interest = want;
        }
        ready = 0;
        // a selector counts in whole milliseconds: round up, never to 0 (which means no limit)
        long ms = nanos <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        selector.select(onReady, ms);
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            sendSome();
        }
        return true;
    }

    @Override
    public void close() {
        pending = null;
        try {
            selector.close();
        } catch (IOException e) {
            // nothing useful to do: the connection is going away
        }
    }
}
