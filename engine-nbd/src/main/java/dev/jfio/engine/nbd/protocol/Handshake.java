package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * The fixed-newstyle handshake on a connected channel: the server's greeting, the client flags,
 * then the {@link OptionStep}s in order until one enters the export. Old-style servers are refused
 * with a message.
 *
 * <p>Thread contract: not thread-safe; the connecting thread.
 */
final class Handshake {
    /** The option haggling, in order; the last step enters the export the old way if nothing else did. */
    private static final List<OptionStep> STEPS =
            List.of(new StartTlsStep(), new StructuredReplyStep(), new GoStep(), new ExportNameStep());

    private final WireChannel wire;
    private final Negotiation n;
    /** The end of the whole handshake ({@link System#nanoTime()}), 0 for none. */
    private final long deadline;

    Handshake(
            WireChannel wire,
            NbdEndpoint endpoint,
            NbdConnection.Options options,
            long deadline,
            Watchdog watchdog,
            TlsSetup tlsSetup) {
        this.wire = wire;
        this.deadline = deadline;
        this.n = new Negotiation(
                endpoint, options, new OptionChannel(wire, "NBD server " + endpoint.serverName()), watchdog, tlsSetup);
    }

    /** Runs the handshake; returns what the server told about the export. */
    NbdExportInfo run() throws IOException {
        long magic;
        try {
            magic = wire.getLong();
        } catch (EOFException e) {
            throw new IOException(n.server() + " closed the connection before its greeting"
                    + " (a single-connection server that is busy, or not an NBD server)");
        }
        if (magic != Nbd.NBDMAGIC) {
            throw new IOException(
                    n.server() + " is not an NBD server (bad greeting 0x" + Long.toHexString(magic) + ")");
        }
        String stalled = n.server() + " stopped answering during the NBD handshake (not finished within "
                + Connector.seconds(n.options.connectTimeoutNanos) + ", connect_timeout)";
        if (deadline != 0) {
            wire.setDeadline(deadline, stalled);
        } else {
            wire.setTimeout(n.options.connectTimeoutNanos, stalled);
        }
        if (wire.getLong() != Nbd.IHAVEOPT) {
            throw new IOException(n.server() + " speaks the old-style NBD handshake, which jfio does not support");
        }
        int hsFlags = n.channel.answerHandshakeFlags(wire.getShort() & 0xffff);
        n.fixed = (hsFlags & Nbd.FLAG_FIXED_NEWSTYLE) != 0;
        n.noZeroes = (hsFlags & Nbd.FLAG_NO_ZEROES) != 0;
        for (OptionStep step : STEPS) {
            if (n.export != null) {
                break;
            }
            if (step.applies(n)) {
                step.negotiate(n);
            }
        }
        return n.export;
    }
}
