package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The option haggling of the fixed-newstyle handshake: the client flags, options sent, their
 * replies read and checked. The transport is swappable ({@link #replaceTransport}), so that a
 * STARTTLS step can continue the haggling over TLS.
 *
 * <p>Thread contract: not thread-safe; the connecting thread.
 */
final class OptionChannel {
    /** Option replies carry a few strings of at most 4096 bytes each; nothing legitimate is larger. */
    static final int MAX_OPTION_REPLY = 64 * 1024;

    static final int MAX_OPTION_REPLIES = 10_000;

    private final String server;
    private final ByteBuffer out = ByteBuffer.allocate(4096);
    private WireChannel wire;
    private int replies;

    /** @param server "NBD server NAME", the start of every message */
    OptionChannel(WireChannel wire, String server) {
        this.wire = wire;
        this.server = server;
    }

    /** "NBD server NAME", for messages. */
    String server() {
        return server;
    }

    /** The transport options go over now. */
    WireChannel wire() {
        return wire;
    }

    /** Continues the haggling over {@code transport} (after STARTTLS). */
    void replaceTransport(WireChannel transport) {
        this.wire = transport;
    }

    /**
     * Answers the server's handshake flags with the client flags (fixed newstyle and no zeroes when
     * offered) and returns the handshake flags.
     */
    int answerHandshakeFlags(int hsFlags) throws IOException {
        boolean fixed = (hsFlags & Nbd.FLAG_FIXED_NEWSTYLE) != 0;
        boolean noZeroes = (hsFlags & Nbd.FLAG_NO_ZEROES) != 0;
        out.clear();
        out.putInt((fixed ? Nbd.FLAG_FIXED_NEWSTYLE : 0) | (noZeroes ? Nbd.FLAG_NO_ZEROES : 0));
        send();
        return hsFlags;
    }

    /** Sends option {@code option} with {@code data}. */
    void send(int option, byte[] data) throws IOException {
        out.clear();
        out.putLong(Nbd.IHAVEOPT).putInt(option).putInt(data.length);
        send();
        if (data.length > 0) {
            wire.writeFully(ByteBuffer.wrap(data));
        }
    }

    /** Sends NBD_OPT_ABORT, ignoring a server that is already gone (the client is leaving anyway). */
    void abortQuietly() {
        try {
            send(Nbd.OPT_ABORT, new byte[0]);
        } catch (IOException e) {
            // we are leaving anyway
        }
    }

    private void send() throws IOException {
        out.flip();
        wire.writeFully(out);
    }

    /** Reads the next reply, which must answer {@code option}. */
    OptionReply read(int option) throws IOException {
        long magic = wire.getLong();
        if (magic != Nbd.OPTION_REPLY_MAGIC) {
            throw new IOException(server + " sent a bad option reply (magic 0x" + Long.toHexString(magic) + ")");
        }
        int opt = wire.getInt();
        int type = wire.getInt();
        int len = wire.getInt();
        if (opt != option) {
            throw new IOException(server + " answered option " + opt + " while jfio asked for " + option);
        }
        if (len < 0 || len > MAX_OPTION_REPLY) {
            throw new IOException(server + " sent an option reply of " + (len & 0xffffffffL)
                    + " bytes during the NBD handshake (at most " + MAX_OPTION_REPLY + " expected)");
        }
        if (++replies > MAX_OPTION_REPLIES) {
            throw new IOException(
                    server + " sent more than " + MAX_OPTION_REPLIES + " option replies during the NBD handshake");
        }
        return new OptionReply(type, wire.getBytes(len));
    }
}
