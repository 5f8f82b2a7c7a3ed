package dev.jfio.engine.nbd.hostile;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A proxy on a unix socket in front of a real NBD server that forwards both directions in random
 * small pieces with random short pauses, so TLS records (and NBD messages) reach each side split at
 * arbitrary points; it records the first bytes the client sends. Serves any number of connections.
 */
final class ChunkingProxy implements AutoCloseable {
    private static final int RECORDED = 64 * 1024;

    private final ServerSocketChannel listener;
    private final Path socket;
    private final NbdEndpoint server;
    private final long seed;
    private final ByteArrayOutputStream fromClient = new ByteArrayOutputStream();
    private final List<SocketChannel> open = new ArrayList<>();

    ChunkingProxy(Path socket, NbdEndpoint server, long seed) throws IOException {
        this.socket = socket;
        this.server = server;
        this.seed = seed;
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Thread t = new Thread(this::accept, "chunking-proxy");
        t.setDaemon(true);
        t.start();
    }

    /** Where the client connects instead of the server. */
    NbdEndpoint endpoint(String export) {
        return NbdEndpoint.unix(socket, export);
    }

    /** The first bytes the first client sent (up to 64 KiB). */
    byte[] clientBytes() {
        synchronized (fromClient) {
            return fromClient.toByteArray();
        }
    }

    private void accept() {
        int n = 0;
        while (listener.isOpen()) {
            try {
                SocketChannel client = listener.accept();
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX);
                upstream.connect(server.socketAddress());
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                }
                boolean record = n++ == 0;
                start(client, upstream, record ? fromClient : null, seed + 2L * n);
                start(upstream, client, null, seed + 2L * n + 1);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void start(SocketChannel from, SocketChannel to, ByteArrayOutputStream record, long seed) {
        Thread t = new Thread(() -> pump(from, to, record, new SplittableRandom(seed)), "chunking-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void pump(SocketChannel from, SocketChannel to, ByteArrayOutputStream record, SplittableRandom rnd) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                if (record != null) {
                    synchronized (record) {
                        record.write(b.array(), 0, Math.min(b.limit(), Math.max(0, RECORDED - record.size())));
                    }
                }
                while (b.hasRemaining()) {
                    // mostly tiny pieces (a record header split), sometimes a few KiB (records split mid-payload)
                    int piece = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(6000) : 1 + rnd.nextInt(7);
                    ByteBuffer slice = b.slice(b.position(), Math.min(piece, b.remaining()));
                    while (slice.hasRemaining()) {
                        to.write(slice);
                    }
                    b.position(b.position() + slice.position());
                    if (rnd.nextInt(200) == 0) {
                        Thread.sleep(1);
                    }
                }
                b.clear();
            }
            to.shutdownOutput();
        } catch (IOException | InterruptedException e) {
            // one side went away
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        synchronized (open) {
            for (SocketChannel c : open) {
                c.close();
            }
        }
    }
}
