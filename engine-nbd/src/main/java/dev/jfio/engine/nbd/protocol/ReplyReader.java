package dev.jfio.engine.nbd.protocol;

import static dev.jfio.engine.nbd.protocol.InFlightTable.protocolError;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads replies, simple or structured, one message (a simple reply, or one chunk) at a time, and
 * applies each to its request in the {@link InFlightTable}: read payloads go straight into the
 * request's buffer, holes are zero-filled, errors are recorded. Anything the server should not
 * have sent is an IOException naming it, before anything is allocated for it.
 *
 * <p>Allocates nothing, except the text of an error chunk. Thread contract: not thread-safe; the
 * job thread.
 */
final class ReplyReader {
    /** Read-only source of zeros for holes; only ever read by absolute index, so it may be shared. */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);
    /** The spec limits error messages to 4096 bytes; be generous, but never trust a length blindly. */
    private static final int MAX_ERROR_CHUNK = 6 + 65535 + 8;
    /** Reads at least this large have their payload read straight into the caller's buffer. */
    private static final int LARGE_READ = WireChannel.DIRECT_READ_THRESHOLD;

    private final WireChannel wire;
    private final InFlightTable table;
    private final boolean structured;
    private final String server;
    /** The export's size: no extent may reach past it. */
    private final long exportSize;
    /** The id of {@code base:allocation}, -1 when none was negotiated. */
    private final int baseAllocationContext;
    /** How far a receive may read ahead while a large read is in flight: one reply header. */
    private final int replyHeaderBytes;
    /** Reads of at least {@link #LARGE_READ} bytes in flight. */
    private int largeReads;

    /**
     * @param structured whether structured replies were negotiated
     * @param server the server's name for messages
     */
    ReplyReader(WireChannel wire, InFlightTable table, boolean structured, String server) {
        this(wire, table, structured, server, Long.MAX_VALUE, -1);
    }

    /**
     * @param structured whether structured replies were negotiated
     * @param server the server's name for messages
     * @param exportSize the export's size (extents must end within it)
     * @param baseAllocationContext the negotiated {@code base:allocation} context id, -1 for none
     */
    ReplyReader(
            WireChannel wire,
            InFlightTable table,
            boolean structured,
            String server,
            long exportSize,
            int baseAllocationContext) {
        this.wire = wire;
        this.table = table;
        this.structured = structured;
        this.server = server;
        this.exportSize = exportSize;
        this.baseAllocationContext = baseAllocationContext;
        // a structured data chunk's header and offset, or a simple reply's header
        this.replyHeaderBytes = structured ? 28 : 16;
    }

    /** A read of {@code len} bytes was sent: while large reads are in flight, read ahead one reply header only. */
    void readSubmitted(int len) {
        if (len >= LARGE_READ && largeReads++ == 0) {
            // receive only up to the next reply header, so that large payloads are not copied twice
            wire.limitReadAhead(replyHeaderBytes);
        }
    }

    /** A read of {@code len} bytes was reaped (or abandoned). */
    void readReaped(int len) {
        if (len >= LARGE_READ && --largeReads == 0) {
            wire.limitReadAhead(0);
        }
    }

    /** Whether a reply header (or a bad magic) has been received: the rest of that reply is under way. */
    boolean headerBuffered() {
        int avail = wire.buffered();
        if (avail < 4) {
            return false;
        }
        int magic = wire.inBuffer().getInt(wire.inBuffer().position());
        return magic == Nbd.SIMPLE_REPLY_MAGIC ? avail >= 16 : magic != Nbd.STRUCTURED_REPLY_MAGIC || avail >= 20;
    }

    /** Whether a whole reply message (simple reply with data, or one chunk) is buffered. */
    boolean messageBuffered() {
        int avail = wire.buffered();
        if (avail < 4) {
            return false;
        }
        ByteBuffer in = wire.inBuffer();
        int p = in.position();
        int magic = in.getInt(p);
        if (magic == Nbd.SIMPLE_REPLY_MAGIC) {
            if (avail < 16) {
                return false;
            }
            int err = in.getInt(p + 4);
            int slot = (int) in.getLong(p + 8);
            if (err == 0 && slot >= 0 && slot < table.slots() && table.command(slot) == Nbd.CMD_READ) {
                return avail >= 16 + table.length(slot);
            }
            return true;
        }
        if (magic == Nbd.STRUCTURED_REPLY_MAGIC) {
            return avail >= 20 && avail - 20 >= (in.getInt(p + 16) & 0xffffffffL);
        }
        return true; // let readMessage report the bad magic
    }

    /** Reads one reply message; returns the slot it finished, or -1 when more chunks follow. */
    int readMessage() throws IOException {
        int magic = wire.getInt();
        if (magic == Nbd.SIMPLE_REPLY_MAGIC) {
            return readSimpleReply();
        }
        if (magic != Nbd.STRUCTURED_REPLY_MAGIC) {
            throw new IOException("NBD server " + server + " sent a reply with bad magic 0x"
                    + Integer.toHexString(magic) + ": protocol out of step");
        }
        if (!structured) {
            throw new IOException("NBD server " + server + " sent a structured reply although none was negotiated");
        }
        int flags = wire.getShort() & 0xffff;
        int type = wire.getShort() & 0xffff;
        int slot = table.slotOf(wire.getLong());
        long len = wire.getInt() & 0xffffffffL;
        switch (type) {
            case Nbd.REPLY_TYPE_NONE:
                if (len != 0) {
                    throw protocolError(server, "NBD_REPLY_TYPE_NONE with a payload of " + len + " bytes");
                }
                if ((flags & Nbd.REPLY_FLAG_DONE) == 0) {
                    throw protocolError(server, "NBD_REPLY_TYPE_NONE without NBD_REPLY_FLAG_DONE");
                }
                break;
            case Nbd.REPLY_TYPE_OFFSET_DATA:
                readData(slot, len);
                break;
            case Nbd.REPLY_TYPE_OFFSET_HOLE:
                readHole(slot, len);
                break;
            case Nbd.REPLY_TYPE_BLOCK_STATUS:
                BlockStatusChunk.read(wire, table, slot, len, baseAllocationContext, exportSize, server);
                break;
            default:
                readError(slot, type, len);
        }
        if ((flags & Nbd.REPLY_FLAG_DONE) == 0) {
            return -1;
        }
        if (table.error(slot) == 0) {
            checkComplete(slot);
        }
        return slot;
    }

    /** The last chunk of a successful reply arrived: everything the command needs must have come. */
    private void checkComplete(int slot) throws IOException {
        int cmd = table.command(slot);
        if (cmd == Nbd.CMD_READ && table.received(slot) != table.length(slot)) {
            table.fail(
                    slot,
                    Nbd.EIO,
                    "NBD server sent " + table.received(slot) + " of " + table.length(slot) + " bytes of a read");
        } else if (cmd == Nbd.CMD_BLOCK_STATUS && table.blockStatus.chunks(slot) == 0) {
            throw protocolError(
                    server,
                    "NBD_CMD_BLOCK_STATUS at offset " + table.offset(slot) + " succeeded without an "
                            + "NBD_REPLY_TYPE_BLOCK_STATUS chunk for " + Nbd.BASE_ALLOCATION);
        }
    }

    private int readSimpleReply() throws IOException {
        int err = wire.getInt();
        int slot = table.slotOf(wire.getLong());
        if (table.hasChunks(slot)) {
            throw protocolError(
                    server,
                    "simple reply for cookie 0x" + Long.toHexString(table.cookieOf(slot))
                            + " after structured chunks for it");
        }
        if (err == 0) {
            if (table.command(slot) == Nbd.CMD_READ) {
                wire.readInto(table.buffer(slot), 0, table.length(slot));
            } else if (table.command(slot) == Nbd.CMD_BLOCK_STATUS) {
                throw protocolError(
                        server,
                        "simple reply of success to NBD_CMD_BLOCK_STATUS (its extents need a structured reply)");
            }
        } else {
            table.fail(slot, Nbd.toErrno(err), Nbd.errorName(err));
        }
        return slot;
    }

    private void readData(int slot, long len) throws IOException {
        if (table.command(slot) != Nbd.CMD_READ) {
            throw protocolError(
                    server,
                    "NBD_REPLY_TYPE_OFFSET_DATA for " + Nbd.commandName(table.command(slot))
                            + " (only reads get data)");
        }
        if (len < 9) {
            throw protocolError(server, "NBD_REPLY_TYPE_OFFSET_DATA of " + len + " bytes (at least 9)");
        }
        long rel = wire.getLong() - table.offset(slot);
        long n = len - 8;
        if (rel < 0 || rel + n > table.length(slot)) {
            throw outside(slot, "NBD_REPLY_TYPE_OFFSET_DATA", n, rel);
        }
        checkUnfragmented(slot, "NBD_REPLY_TYPE_OFFSET_DATA", rel, n);
        table.claim(slot, (int) rel, (int) n, "NBD_REPLY_TYPE_OFFSET_DATA");
        wire.readInto(table.buffer(slot), (int) rel, (int) n);
    }

    private void readHole(int slot, long len) throws IOException {
        if (table.command(slot) != Nbd.CMD_READ || len != 12) {
            throw protocolError(
                    server,
                    "malformed NBD_REPLY_TYPE_OFFSET_HOLE (" + len + " bytes, for "
                            + Nbd.commandName(table.command(slot)) + ")");
        }
        long rel = wire.getLong() - table.offset(slot);
        long n = wire.getInt() & 0xffffffffL;
        if (rel < 0 || rel + n > table.length(slot) || n == 0) {
            throw outside(slot, "NBD_REPLY_TYPE_OFFSET_HOLE", n, rel);
        }
        checkUnfragmented(slot, "NBD_REPLY_TYPE_OFFSET_HOLE", rel, n);
        table.claim(slot, (int) rel, (int) n, "NBD_REPLY_TYPE_OFFSET_HOLE");
        table.blockStatus.extent(slot, Nbd.STATE_HOLE | Nbd.STATE_ZERO, n);
        zero(table.buffer(slot), (int) rel, (int) n);
    }

    /** Under NBD_CMD_FLAG_DF a read gets exactly one content chunk, covering all of it. */
    private void checkUnfragmented(int slot, String what, long rel, long n) throws IOException {
        if ((table.commandFlags(slot) & Nbd.CMD_FLAG_DF) != 0 && (rel != 0 || n != table.length(slot))) {
            throw protocolError(
                    server,
                    what + " of " + n + " bytes at offset " + (table.offset(slot) + rel)
                            + " fragments a read sent with NBD_CMD_FLAG_DF (one chunk of " + table.length(slot)
                            + " bytes at offset " + table.offset(slot) + " expected)");
        }
    }

    private IOException outside(int slot, String what, long n, long rel) {
        long off = table.offset(slot);
        return protocolError(
                server,
                what + " of " + n + " bytes at offset " + (off + rel) + " is outside the request (" + table.length(slot)
                        + " bytes at offset " + off + ")");
    }

    /** An error chunk, or a chunk type this client does not know (a protocol error). */
    private void readError(int slot, int type, long len) throws IOException {
        boolean isError = (type & Nbd.REPLY_TYPE_ERROR_BIT) != 0;
        if (isError && len > MAX_ERROR_CHUNK) {
            throw protocolError(server, "error chunk of " + len + " bytes (at most " + MAX_ERROR_CHUNK + " expected)");
        }
        if (!isError || len < 6) {
            throw protocolError(server, "unexpected structured reply type " + type + " (" + len + " bytes)");
        }
        boolean hasOffset = type == Nbd.REPLY_TYPE_ERROR_OFFSET;
        int fixed = hasOffset ? 14 : 6;
        if (len < fixed) {
            throw protocolError(server, "NBD_REPLY_TYPE_ERROR_OFFSET of " + len + " bytes (at least 14)");
        }
        int err = wire.getInt();
        int msgLen = wire.getShort() & 0xffff;
        if (msgLen > len - fixed) {
            throw protocolError(server, "error chunk message of " + msgLen + " bytes in a chunk of " + len + " bytes");
        }
        String text = new String(wire.getBytes(msgLen), StandardCharsets.UTF_8);
        if (hasOffset) {
            long at = wire.getLong();
            long rel = at - table.offset(slot);
            if (rel < 0 || rel >= table.length(slot)) {
                throw protocolError(
                        server,
                        "NBD_REPLY_TYPE_ERROR_OFFSET at offset " + Long.toUnsignedString(at)
                                + " is outside the request (" + table.length(slot) + " bytes at offset "
                                + table.offset(slot) + ")");
            }
        }
        wire.skip(len - fixed - msgLen);
        if (table.error(slot) == 0) {
            table.fail(slot, Nbd.toErrno(err), text.isEmpty() ? Nbd.errorName(err) : Nbd.errorName(err) + ": " + text);
        }
    }

    private static void zero(ByteBuffer dst, int pos, int n) {
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, ZEROS.capacity());
            dst.put(pos + done, ZEROS, 0, k);
            done += k;
        }
    }
}
