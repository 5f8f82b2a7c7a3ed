package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;

/**
 * Connecting: opens the socket, connects within the connect timeout, runs the {@link Handshake}
 * within the same time limit, and words every failure as one line that says what to do (including
 * the hint for a single-connection server that is busy with another connection of this run).
 * Stateless.
 */
final class Connector {
    static final int RECEIVE_BUFFER = 256 * 1024;
    private static final int SOCKET_BUFFER = 4 << 20;

    private Connector() {}

    /** A connection that has entered its export. */
    record Connected(WireChannel wire, NbdExportInfo info) {}

    /**
     * Connects and negotiates the export; on failure the channel is closed.
     *
     * @throws IOException with a one-line message when the server cannot be reached, is not an NBD
     *     server, does not have the export, or sends no greeting in time
     */
    static Connected connect(NbdEndpoint endpoint, NbdConnection.Options options, ConnectionRegistry registry)
            throws IOException {
        TlsSetup tls = TlsSetup.prepare(options.tls, endpoint);
        SocketChannel channel = openChannel(endpoint);
        WireChannel wire = new WireChannel(channel, RECEIVE_BUFFER, endpoint.serverName(), registry.watchdog());
        boolean ok = false;
        try {
            String what = "NBD server " + endpoint.serverName();
            long timeout = options.connectTimeoutNanos;
            long handshakeDeadline = timeout > 0 ? System.nanoTime() + timeout : 0;
            wire.setTimeout(timeout, what + " did not answer within " + seconds(timeout));
            try {
                channel.connect(endpoint.socketAddress());
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                    throw e;
                }
                throw new IOException("cannot connect to " + what + ": " + e.getMessage()
                        + (endpoint.isUnix() ? " (is the server running, and is this its unix socket?)" : ""));
            }
            if (!endpoint.isUnix()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            trySetBuffers(channel);
            String noGreeting = what + " sent no greeting within " + seconds(timeout);
            if (handshakeDeadline != 0) {
                wire.setDeadline(handshakeDeadline, noGreeting);
            }
            NbdExportInfo info;
            try {
                info = new Handshake(wire, endpoint, options, handshakeDeadline, registry.watchdog(), tls).run();
            } catch (IOException e) {
                throw handshakeFailure(e, what, noGreeting, endpoint, registry);
            }
            wire.setTimeout(0, "");
            ok = true;
            return new Connected(wire, info);
        } finally {
            if (!ok) {
                wire.close();
            }
        }
    }

    private static IOException handshakeFailure(
            IOException e, String what, String noGreeting, NbdEndpoint endpoint, ConnectionRegistry registry) {
        if (!noGreeting.equals(e.getMessage())) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (m.startsWith(what) || m.startsWith("NBD protocol error")) {
                return e;
            }
            return new IOException(
                    what + " closed the connection during the NBD handshake"
                            + (e instanceof EOFException ? "" : " (" + m + ")"),
                    e);
        }
        // decided now, not at connect time: the other connection may have been mid-handshake then
        boolean othersOpen = registry.openConnections(endpoint) > 0;
        return new IOException(noGreeting
                + (othersOpen
                        ? " while another connection to export '" + endpoint.exportName() + "' is open: the server "
                                + "serves one connection at a time (qemu-nbd's default -e 1); start it with qemu-nbd -e N, "
                                + "N at least the number of jobs"
                        : " (a busy single-connection server such as qemu-nbd -e 1? start it with qemu-nbd -e N)"));
    }

    /** An unconnected blocking channel of the endpoint's protocol family. */
    static SocketChannel openChannel(NbdEndpoint endpoint) throws IOException {
        if (endpoint.isUnix()) {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        boolean v6 =
                endpoint.socketAddress() instanceof InetSocketAddress isa && isa.getAddress() instanceof Inet6Address;
        return SocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    }

    private static void trySetBuffers(SocketChannel channel) {
        // large socket buffers make a deadlock between pipelined writes and unread replies unlikely
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        } catch (IOException | UnsupportedOperationException e) {
            // the defaults still work
        }
    }

    /** A time limit for messages: {@code 5 s}, {@code 0.5 s}, or {@code unlimited time}. */
    static String seconds(long nanos) {
        if (nanos <= 0) {
            return "unlimited time";
        }
        double s = nanos / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }
}
