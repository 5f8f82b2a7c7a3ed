package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * NBD_OPT_SET_META_CONTEXT for {@code base:allocation}, before NBD_OPT_GO, when the connection is
 * to send NBD_CMD_BLOCK_STATUS ({@link NbdConnection.Options#baseAllocation}). Only taken after
 * structured replies were agreed (the spec requires them). A server that refuses the option, or
 * answers without a {@code base:allocation} context, leaves {@link Negotiation#baseAllocationContext}
 * at -1: the engine then refuses block status with the reason. Stateless.
 */
final class MetaContextStep implements OptionStep {
    @Override
    public boolean applies(Negotiation n) {
        return n.fixed && n.options.baseAllocation && n.structuredReplies;
    }

    @Override
    public void negotiate(Negotiation n) throws IOException {
        byte[] name = n.endpoint.exportName().getBytes(StandardCharsets.UTF_8);
        byte[] query = Nbd.BASE_ALLOCATION.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.allocate(4 + name.length + 4 + 4 + query.length);
        data.putInt(name.length).put(name).putInt(1).putInt(query.length).put(query);
        n.channel.send(Nbd.OPT_SET_META_CONTEXT, data.array());
        int id = -1;
        while (true) {
            OptionReply r = n.channel.read(Nbd.OPT_SET_META_CONTEXT);
            if (r.type() == Nbd.REP_ACK) {
                n.baseAllocationContext = id;
                return;
            }
            if (r.isError()) {
                return;
            }
            if (r.type() == Nbd.REP_META_CONTEXT) {
                byte[] d = r.data();
                if (d.length < 4) {
                    throw new IOException(
                            n.server() + " sent a malformed NBD_REP_META_CONTEXT (" + d.length + " bytes)");
                }
                String context = new String(d, 4, d.length - 4, StandardCharsets.UTF_8);
                if (!context.equals(Nbd.BASE_ALLOCATION)) {
                    throw new IOException(n.server() + " answered NBD_OPT_SET_META_CONTEXT for " + Nbd.BASE_ALLOCATION
                            + " with context '" + printable(context) + "', which jfio did not ask for");
                }
                if (id != -1) {
                    throw new IOException(
                            n.server() + " sent NBD_REP_META_CONTEXT for " + Nbd.BASE_ALLOCATION + " twice");
                }
                id = ByteBuffer.wrap(d).getInt();
                if (id == -1) {
                    throw new IOException(n.server() + " gave " + Nbd.BASE_ALLOCATION + " the context id 0xffffffff");
                }
            }
            // other reply types are ignored, as the spec allows
        }
    }

    /** The server's text for a one-line message: control characters as '?', at most 80 characters. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().limit(80).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return text.codePointCount(0, text.length()) > 80 ? b + "..." : b.toString();
    }
}
