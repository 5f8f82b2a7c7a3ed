package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A read that waits a bounded time for data on a channel otherwise used in blocking mode. The
 * channel is switched to non-blocking mode for the wait only, so the blocking read path keeps its
 * single system call per read; the selector is opened on the first timed wait only.
 *
 * <p>Thread contract: not thread-safe; used by the channel's thread.
 */
final class ReadinessWait implements AutoCloseable {
    private final SocketChannel channel;
    private Selector selector;

    ReadinessWait(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads into {@code dst} what is waiting in the socket, or what arrives within {@code nanos}.
     *
     * @return the bytes read, 0 when nothing came in time, -1 at the end of the stream
     */
    int read(ByteBuffer dst, long nanos) throws IOException {
        boolean registered = false;
        try {
            channel.configureBlocking(false);
            int r = channel.read(dst);
            if (r == 0 && nanos > 0) {
                if (nanos < TimeUnit.MILLISECONDS.toNanos(1)) {
                    // a selector counts in whole milliseconds: wait the short stretch, then look once more
                    LockSupport.parkNanos(nanos);
                } else {
                    if (selector == null) {
                        selector = Selector.open();
                    }
                    channel.register(selector, SelectionKey.OP_READ);
                    registered = true;
                    selector.select(TimeUnit.NANOSECONDS.toMillis(nanos));
                }
                r = channel.read(dst);
            }
            return r;
        } finally {
            if (registered) {
                SelectionKey key = channel.keyFor(selector);
                if (key != null) {
                    key.cancel();
                }
                selector.selectNow(); // deregisters, so the channel may block again
            }
            if (channel.isOpen()) {
                channel.configureBlocking(true);
            }
        }
    }

    @Override
    public void close() {
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                // nothing useful to do: the connection is going away
            }
        }
    }
}
