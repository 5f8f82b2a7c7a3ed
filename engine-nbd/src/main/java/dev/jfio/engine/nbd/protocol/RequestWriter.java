package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Encodes requests and sends them in batches: small requests (headers, and write payloads up to
 * {@link #BATCHED_PAYLOAD}) are copied into one buffer and go out in one system call when
 * {@link #sendQueued} is called or the buffer fills; a larger write payload goes out from the
 * caller's buffer in one gathering write together with the batch so far and its header. What is
 * sent goes through a {@link Sender}: the connection's, which keeps reading replies while the
 * socket is full.
 *
 * <p>Allocates nothing after construction. Thread contract: not thread-safe; the job thread.
 */
final class RequestWriter {
    /**
     * Write payloads up to this size are copied into the batch (one system call for many small
     * requests); larger ones go out from the caller's buffer in a gathering write, after the batch.
     */
    static final int BATCHED_PAYLOAD = 16 * 1024;

    private static final int HEADER = 28;

    /** Sends buffers whole. Thread contract: called by the writer's thread only. */
    interface Sender {
        /** Sends everything remaining in {@code srcs} before returning; may read replies meanwhile. */
        void send(ByteBuffer[] srcs) throws IOException;
    }

    private final WireChannel wire;
    private final Sender sender;
    private final ByteBuffer header = ByteBuffer.allocateDirect(HEADER);
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    /** The batch so far, the request header, the payload: one gathering write. */
    private final ByteBuffer[] gather = new ByteBuffer[3];

    private final ByteBuffer[] batch = {out};

    /** A writer that sends with plain writes (blocking mode). */
    RequestWriter(WireChannel wire) {
        this(wire, wire::writeFully);
    }

    RequestWriter(WireChannel wire, Sender sender) {
        this.wire = wire;
        this.sender = sender;
        this.gather[0] = out;
        this.gather[1] = header;
    }

    /**
     * Queues one request (or, with a large write payload, sends it with everything queued). A WRITE's
     * payload is {@code len} bytes of {@code buf} from index 0; {@code buf}'s position and limit are
     * then reset to 0 and capacity. May wait while the socket is full.
     */
    void write(long cookie, int cmd, int cmdFlags, long off, int len, ByteBuffer buf) throws IOException {
        boolean payload = cmd == Nbd.CMD_WRITE && len > 0;
        if (payload && len > BATCHED_PAYLOAD) {
            ByteBuffer h = header;
            h.clear();
            h.putInt(Nbd.REQUEST_MAGIC)
                    .putShort((short) cmdFlags)
                    .putShort((short) cmd)
                    .putLong(cookie)
                    .putLong(off)
                    .putInt(len);
            h.flip();
            out.flip();
            buf.limit(len).position(0);
            gather[2] = buf;
            try {
                sender.send(gather);
            } finally {
                out.clear();
                buf.clear();
                gather[2] = null;
            }
            return;
        }
        int need = payload ? HEADER + len : HEADER;
        if (out.remaining() < need) {
            sendQueued();
        }
        ByteBuffer o = out;
        o.putInt(Nbd.REQUEST_MAGIC)
                .putShort((short) cmdFlags)
                .putShort((short) cmd)
                .putLong(cookie)
                .putLong(off)
                .putInt(len);
        if (payload) {
            o.put(o.position(), buf, 0, len);
            o.position(o.position() + len);
        }
    }

    /** Whether requests are queued and not sent yet. */
    boolean hasQueued() {
        return out.position() > 0;
    }

    /** Sends the queued requests; they are dropped either way. */
    void sendQueued() throws IOException {
        if (out.position() == 0) {
            return;
        }
        out.flip();
        try {
            sender.send(batch);
        } finally {
            out.clear();
        }
    }

    /** Sends NBD_CMD_DISC, bypassing the batch. */
    void sendDisconnect() throws IOException {
        header.clear();
        header.putInt(Nbd.REQUEST_MAGIC)
                .putShort((short) 0)
                .putShort((short) Nbd.CMD_DISC)
                .putLong(0)
                .putLong(0)
                .putInt(0);
        header.flip();
        wire.writeFully(header);
    }
}
