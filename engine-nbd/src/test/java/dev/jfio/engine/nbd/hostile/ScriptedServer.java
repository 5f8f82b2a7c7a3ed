package dev.jfio.engine.nbd.hostile;

import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A fake NBD server for tests: on a private unix socket, it answers every connection by sending a
 * fixed byte script (whatever the client says; the client's bytes are read and discarded), then
 * either closes the connection or holds it open without another word.
 */
final class ScriptedServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Path socket;
    private volatile byte[] script;
    private final boolean holdOpen;
    private final long closeDelayMillis;
    private final List<SocketChannel> clients = new ArrayList<>();
    private final Thread acceptor;

    private ScriptedServer(Path socket, byte[] script, boolean holdOpen, long closeDelayMillis) throws IOException {
        this.closeDelayMillis = closeDelayMillis;
        this.socket = socket;
        this.script = script;
        this.holdOpen = holdOpen;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        acceptor = new Thread(this::serve, "scripted-nbd-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Plays {@code script} to each client, then closes (or, with {@code holdOpen}, stays silent). */
    static ScriptedServer start(Path socket, byte[] script, boolean holdOpen) throws IOException {
        return new ScriptedServer(socket, script, holdOpen, 20);
    }

    /** Plays {@code script} to each client and closes after {@code closeDelayMillis} (fuzzing: 0). */
    static ScriptedServer playAndClose(Path socket, byte[] script, long closeDelayMillis) throws IOException {
        return new ScriptedServer(socket, script, false, closeDelayMillis);
    }

    /** What the next connections are sent. */
    void setScript(byte[] script) {
        this.script = script;
    }

    NbdEndpoint endpoint() {
        return NbdEndpoint.unix(socket, "");
    }

    private void serve() {
        while (server.isOpen()) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return;
            }
            synchronized (clients) {
                clients.add(c);
            }
            Thread drain = new Thread(() -> drain(c), "scripted-nbd-drain");
            drain.setDaemon(true);
            drain.start();
            try {
                ByteBuffer b = ByteBuffer.wrap(script);
                while (b.hasRemaining()) {
                    c.write(b);
                }
                if (!holdOpen) {
                    if (closeDelayMillis > 0) {
                        // give the client a moment to send what it is sending, so closing is a clean EOF
                        Thread.sleep(closeDelayMillis);
                        c.close();
                    } else {
                        // end of script: the client sees EOF at once, yet may still write (then closes)
                        c.shutdownOutput();
                    }
                }
            } catch (IOException | InterruptedException e) {
                closeQuietly(c);
            }
        }
    }

    private static void drain(SocketChannel c) {
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try {
            while (c.read(sink) >= 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // closed
        }
    }

    private static void closeQuietly(SocketChannel c) {
        try {
            c.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing left to do
        }
        synchronized (clients) {
            clients.forEach(ScriptedServer::closeQuietly);
        }
        try {
            acceptor.join(2000);
            Files.deleteIfExists(socket);
        } catch (InterruptedException | IOException e) {
            // best effort
        }
    }
}
