package dev.jfio.engine.nbd.hostile;

import dev.jfio.engine.nbd.protocol.Nbd;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/** Builds what a server sends, message by message, in NBD's big-endian wire format. */
final class Script {
    /** The cookie of the first request on a fresh connection: slot 0, generation 1. */
    static final long FIRST_COOKIE = 1L << 32;
    /** The second request in slot 0. */
    static final long SECOND_COOKIE = 2L << 32;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    /** The fixed-newstyle greeting with NO_ZEROES, structured replies acknowledged, and GO for an export. */
    static Script handshake(long size) {
        return new Script()
                .greeting()
                .optionReply(Nbd.OPT_STRUCTURED_REPLY, Nbd.REP_ACK, new byte[0])
                .optionReply(
                        Nbd.OPT_GO,
                        Nbd.REP_INFO,
                        ByteBuffer.allocate(12)
                                .putShort((short) Nbd.INFO_EXPORT)
                                .putLong(size)
                                .putShort((short) (Nbd.TF_HAS_FLAGS | Nbd.TF_SEND_FLUSH))
                                .array())
                .optionReply(Nbd.OPT_GO, Nbd.REP_ACK, new byte[0]);
    }

    Script greeting() {
        return put(ByteBuffer.allocate(18)
                .putLong(Nbd.NBDMAGIC)
                .putLong(Nbd.IHAVEOPT)
                .putShort((short) (Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES))
                .array());
    }

    Script optionReply(int option, int type, byte[] data) {
        return optionReplyHeader(option, type, data.length).put(data);
    }

    Script optionReplyHeader(int option, int type, int length) {
        return put(ByteBuffer.allocate(20)
                .putLong(Nbd.OPTION_REPLY_MAGIC)
                .putInt(option)
                .putInt(type)
                .putInt(length)
                .array());
    }

    Script simpleReply(int error, long cookie, byte[] data) {
        return put(ByteBuffer.allocate(16)
                        .putInt(Nbd.SIMPLE_REPLY_MAGIC)
                        .putInt(error)
                        .putLong(cookie)
                        .array())
                .put(data);
    }

    Script chunkHeader(int flags, int type, long cookie, int length) {
        return put(ByteBuffer.allocate(20)
                .putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                .putShort((short) flags)
                .putShort((short) type)
                .putLong(cookie)
                .putInt(length)
                .array());
    }

    Script dataChunk(int flags, long cookie, long offset, int length) {
        chunkHeader(flags, Nbd.REPLY_TYPE_OFFSET_DATA, cookie, 8 + length);
        put(ByteBuffer.allocate(8).putLong(offset).array());
        return put(new byte[length]);
    }

    Script put(byte[] b) {
        bytes.write(b, 0, b.length);
        return this;
    }

    Script putInt(int v) {
        return put(ByteBuffer.allocate(4).putInt(v).array());
    }

    byte[] bytes() {
        return bytes.toByteArray();
    }
}
