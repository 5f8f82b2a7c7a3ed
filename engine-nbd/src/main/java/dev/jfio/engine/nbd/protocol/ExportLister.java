package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Words the refusal of an unknown export, naming the exports the server offers (NBD_OPT_LIST).
 * Stateless.
 */
final class ExportLister {
    private ExportLister() {}

    /**
     * The message for NBD_REP_ERR_UNKNOWN: aborts the handshake on {@code n}'s connection, then
     * lists the exports on a fresh connection, since some servers (nbd-server 3.24) lose step after
     * refusing NBD_OPT_GO. Never throws: a failed listing is part of the message.
     */
    static String unknownExport(Negotiation n, String serverText) {
        StringBuilder sb = new StringBuilder(n.server())
                .append(" has no export '")
                .append(n.endpoint.exportName())
                .append("'");
        if (!serverText.isEmpty()) {
            sb.append(" (").append(serverText).append(")");
        }
        n.channel.abortQuietly();
        try (SocketChannel channel = Connector.openChannel(n.endpoint);
                WireChannel fresh = new WireChannel(channel, 64 * 1024, n.endpoint.serverName(), n.watchdog)) {
            fresh.setTimeout(n.options.connectTimeoutNanos, n.server() + " did not list its exports in time");
            channel.connect(n.endpoint.socketAddress());
            OptionChannel lister = new OptionChannel(fresh, n.server());
            if (greet(lister)) {
                if (n.tlsSetup != null) {
                    StartTlsStep.start(lister, n.tlsSetup);
                }
                listInto(lister, sb);
            } else {
                sb.append("; it cannot list its exports (not fixed newstyle)");
            }
        } catch (IOException e) {
            sb.append("; listing its exports failed: ").append(e.getMessage());
        }
        return sb.toString();
    }

    /** Reads the greeting and sends the client flags; returns whether the server is fixed newstyle. */
    private static boolean greet(OptionChannel c) throws IOException {
        WireChannel wire = c.wire();
        long magic = wire.getLong();
        if (magic != Nbd.NBDMAGIC || wire.getLong() != Nbd.IHAVEOPT) {
            throw new IOException(c.server() + " is not a newstyle NBD server");
        }
        int hsFlags = c.answerHandshakeFlags(wire.getShort() & 0xffff);
        return (hsFlags & Nbd.FLAG_FIXED_NEWSTYLE) != 0;
    }

    private static void listInto(OptionChannel c, StringBuilder sb) throws IOException {
        c.send(Nbd.OPT_LIST, new byte[0]);
        List<String> names = new ArrayList<>();
        String refusal = null;
        while (true) {
            OptionReply r = c.read(Nbd.OPT_LIST);
            if (r.type() == Nbd.REP_ACK) {
                break;
            }
            if (r.isError()) {
                refusal = Nbd.optionErrorName(r.type());
                break;
            }
            byte[] d = r.data();
            if (r.type() == Nbd.REP_SERVER && d.length >= 4) {
                int len = ByteBuffer.wrap(d).getInt();
                if (len >= 0 && len <= d.length - 4) {
                    names.add(new String(d, 4, len, StandardCharsets.UTF_8));
                }
            }
        }
        if (refusal != null) {
            sb.append("; it does not list its exports (").append(refusal).append(")");
        } else if (names.isEmpty()) {
            sb.append("; it lists no exports");
        } else {
            sb.append("; it offers: ");
            for (int i = 0; i < names.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
            }
        }
        c.abortQuietly();
    }
}
