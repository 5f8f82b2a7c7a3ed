package dev.jfio.engine.nbd.protocol;

import static dev.jfio.engine.nbd.protocol.InFlightTable.protocolError;

import java.io.IOException;

/**
 * Reads and checks one NBD_REPLY_TYPE_BLOCK_STATUS chunk (doc/proto.md): it answers an
 * NBD_CMD_BLOCK_STATUS, once, for the negotiated {@code base:allocation} context id; its length is
 * 4 + a positive multiple of 8 (one descriptor at most under NBD_CMD_FLAG_REQ_ONE); the
 * descriptors describe consecutive extents from the request's offset, each of non-zero length,
 * none starting at or past the end of the request (only the last may reach past it, as the spec
 * allows), none reaching past the export's end. Status bits other than NBD_STATE_HOLE and
 * NBD_STATE_ZERO are ignored, as the spec tells clients to. The extents are counted in the table's
 * {@link BlockStatusCounts}.
 *
 * <p>Allocates nothing (except the message of a protocol error). Thread contract: stateless; the
 * job thread.
 */
final class BlockStatusChunk {
    private static final String WHAT = "NBD_REPLY_TYPE_BLOCK_STATUS";

    private BlockStatusChunk() {}

    /** Reads the chunk's {@code len} bytes of payload for the request in {@code slot}. */
    static void read(
            WireChannel wire, InFlightTable table, int slot, long len, int context, long exportSize, String server)
            throws IOException {
        int cmd = table.command(slot);
        if (cmd != Nbd.CMD_BLOCK_STATUS) {
            throw protocolError(server, WHAT + " for " + Nbd.commandName(cmd) + " (only block status gets extents)");
        }
        if (len < 12 || (len - 4) % 8 != 0) {
            throw protocolError(server, WHAT + " of " + len + " bytes (4 + a positive multiple of 8 expected)");
        }
        long descriptors = (len - 4) / 8;
        long start = table.offset(slot);
        long end = start + table.length(slot);
        if ((table.commandFlags(slot) & Nbd.CMD_FLAG_REQ_ONE) != 0 && descriptors != 1) {
            throw protocolError(server, WHAT + " with " + descriptors + " descriptors under NBD_CMD_FLAG_REQ_ONE");
        }
        if (descriptors > table.length(slot)) {
            throw protocolError(
                    server,
                    WHAT + " with " + descriptors + " descriptors for a request of " + table.length(slot) + " bytes");
        }
        if (table.blockStatus.chunk(slot) > 1) {
            throw protocolError(server, "a second " + WHAT + " chunk for the same request and context");
        }
        int id = wire.getInt();
        if (id != context) {
            throw protocolError(
                    server,
                    WHAT + " for context id " + Integer.toUnsignedString(id) + ", not the id "
                            + Integer.toUnsignedString(context) + " negotiated for " + Nbd.BASE_ALLOCATION);
        }
        long pos = start;
        for (long i = 0; i < descriptors; i++) {
            long n = wire.getInt() & 0xffffffffL;
            int flags = wire.getInt();
            if (n == 0) {
                throw protocolError(server, WHAT + " descriptor " + i + " at offset " + pos + " has length 0");
            }
            if (pos >= end) {
                throw protocolError(
                        server,
                        WHAT + " descriptor " + i + " starts at offset " + pos + ", past the request ("
                                + table.length(slot) + " bytes at offset " + start + ")");
            }
            if (pos + n > exportSize) {
                throw protocolError(
                        server,
                        WHAT + " extent of " + n + " bytes at offset " + pos + " reaches past the export's end ("
                                + exportSize + " bytes)");
            }
            table.blockStatus.extent(slot, flags, Math.min(pos + n, end) - pos);
            pos += n;
        }
    }
}
