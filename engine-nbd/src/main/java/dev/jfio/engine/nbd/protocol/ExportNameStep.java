package dev.jfio.engine.nbd.protocol;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * NBD_OPT_EXPORT_NAME, the fallback for servers that are not fixed newstyle or do not know
 * NBD_OPT_GO: the server answers with the export's size and flags, or closes the connection.
 * Stateless.
 */
final class ExportNameStep implements OptionStep {
    @Override
    public boolean applies(Negotiation n) {
        return n.export == null;
    }

    @Override
    public void negotiate(Negotiation n) throws IOException {
        WireChannel wire = n.channel.wire();
        n.channel.send(Nbd.OPT_EXPORT_NAME, n.endpoint.exportName().getBytes(StandardCharsets.UTF_8));
        long size;
        int flags;
        try {
            size = wire.getLong();
            flags = wire.getShort() & 0xffff;
        } catch (EOFException e) {
            throw new IOException(n.server() + " has no export '" + n.endpoint.exportName()
                    + "' (it closed the connection on NBD_OPT_EXPORT_NAME)");
        }
        GoStep.checkSize(n, size);
        if (!n.noZeroes) {
            wire.skip(124);
        }
        n.export = new NbdExportInfo(
                size, flags, 1, 4096, Nbd.DEFAULT_MAX_REQUEST, false, n.structuredReplies, false, null, n.tls, -1);
    }
}
