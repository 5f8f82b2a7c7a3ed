package dev.jfio.engine.nbd.protocol;

import java.io.IOException;

/** NBD_OPT_STRUCTURED_REPLY: asked for unless disabled; a refusal leaves simple replies. Stateless. */
final class StructuredReplyStep implements OptionStep {
    @Override
    public boolean applies(Negotiation n) {
        return n.fixed && n.options.structuredReplies;
    }

    @Override
    public void negotiate(Negotiation n) throws IOException {
        n.channel.send(Nbd.OPT_STRUCTURED_REPLY, new byte[0]);
        while (true) {
            OptionReply r = n.channel.read(Nbd.OPT_STRUCTURED_REPLY);
            if (r.type() == Nbd.REP_ACK) {
                n.structuredReplies = true;
                return;
            }
            if (r.isError()) {
                return;
            }
        }
    }
}
