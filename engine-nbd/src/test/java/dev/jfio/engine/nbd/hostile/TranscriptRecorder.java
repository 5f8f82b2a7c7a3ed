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

/**
 * A one-connection proxy on a unix socket in front of a real NBD server that records every byte
 * the server sends, so a real server's transcript can be replayed (and mutated) later.
 */
final class TranscriptRecorder implements AutoCloseable {
    private final ServerSocketChannel listener;
    private final Path socket;
    private final ByteArrayOutputStream fromServer = new ByteArrayOutputStream();
    private final Thread thread;

    TranscriptRecorder(Path socket, NbdEndpoint server) throws IOException {
        this.socket = socket;
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(() -> proxy(server), "transcript-recorder");
        thread.setDaemon(true);
        thread.start();
    }

    /** Where the client connects instead of the server, with the server's export name. */
    NbdEndpoint endpoint(String export) {
        return NbdEndpoint.unix(socket, export);
    }

    private void proxy(NbdEndpoint server) {
        try (SocketChannel client = listener.accept();
                SocketChannel upstream = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            upstream.connect(server.socketAddress());
            Thread up = new Thread(() -> pump(client, upstream, null), "transcript-up");
            up.setDaemon(true);
            up.start();
            pump(upstream, client, fromServer);
            up.join(2000);
        } catch (IOException | InterruptedException e) {
            // the recording ends with the connection
        }
    }

    private static void pump(SocketChannel from, SocketChannel to, ByteArrayOutputStream record) {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(b) >= 0) {
                b.flip();
                if (record != null) {
                    synchronized (record) {
                        record.write(b.array(), 0, b.limit());
                    }
                }
                while (b.hasRemaining()) {
                    to.write(b);
                }
                b.clear();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            // one side went away
        }
    }

    /** Waits for the connection to end and returns what the server sent. */
    byte[] transcript() throws InterruptedException {
        thread.join(5000);
        synchronized (fromServer) {
            return fromServer.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }
}
