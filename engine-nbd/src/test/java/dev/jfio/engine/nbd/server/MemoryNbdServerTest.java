package dev.jfio.engine.nbd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jfio.engine.nbd.protocol.Nbd;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The embedded server as seen on the wire, by a minimal hand-written client. */
class MemoryNbdServerTest {
    private static final int G = 4096;

    /** One structured reply chunk: its type, flags, and the range it covers. */
    record Chunk(int type, int flags, long offset, long length) {}

    private static void readFully(SocketChannel c, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                throw new IOException("server closed the connection");
            }
        }
        b.flip();
    }

    private static ByteBuffer receive(SocketChannel c, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        readFully(c, b);
        return b;
    }

    private static void send(SocketChannel c, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** Negotiates structured replies and the default export. */
    private static void handshake(SocketChannel c) throws IOException {
        ByteBuffer greeting = receive(c, 18);
        assertEquals(Nbd.NBDMAGIC, greeting.getLong());
        assertEquals(Nbd.IHAVEOPT, greeting.getLong());
        ByteBuffer out = ByteBuffer.allocate(64);
        out.putInt(Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES);
        out.putLong(Nbd.IHAVEOPT).putInt(Nbd.OPT_STRUCTURED_REPLY).putInt(0);
        out.putLong(Nbd.IHAVEOPT).putInt(Nbd.OPT_GO).putInt(6).putInt(0).putShort((short) 0);
        send(c, out);
        for (int option = Nbd.OPT_STRUCTURED_REPLY; ; ) {
            ByteBuffer h = receive(c, 20);
            assertEquals(Nbd.OPTION_REPLY_MAGIC, h.getLong());
            assertEquals(option, h.getInt());
            int type = h.getInt();
            receive(c, h.getInt());
            if (type == Nbd.REP_ACK) {
                if (option == Nbd.OPT_GO) {
                    return;
                }
                option = Nbd.OPT_GO;
            }
        }
    }

    private static List<Chunk> readChunks(SocketChannel c, long off, int len) throws IOException {
        ByteBuffer req = ByteBuffer.allocate(28);
        req.putInt(Nbd.REQUEST_MAGIC)
                .putShort((short) 0)
                .putShort((short) Nbd.CMD_READ)
                .putLong(7)
                .putLong(off)
                .putInt(len);
        send(c, req);
        List<Chunk> chunks = new ArrayList<>();
        while (true) {
            ByteBuffer h = receive(c, 20);
            assertEquals(Nbd.STRUCTURED_REPLY_MAGIC, h.getInt());
            int flags = h.getShort() & 0xffff;
            int type = h.getShort() & 0xffff;
            assertEquals(7, h.getLong());
            int length = h.getInt();
            ByteBuffer body = receive(c, length);
            long at = body.getLong();
            long n = type == Nbd.REPLY_TYPE_OFFSET_HOLE ? body.getInt() : length - 8;
            chunks.add(new Chunk(type, flags, at, n));
            if ((flags & Nbd.REPLY_FLAG_DONE) != 0) {
                return chunks;
            }
        }
    }

    @Test
    void readsAnswerNeverWrittenRunsWithHoleChunksAndWrittenRunsWithDataChunks() throws IOException {
        try (MemoryNbdServer server = MemoryNbdServer.start(64L << 20, "");
                SocketChannel c = SocketChannel.open(server.endpoint().socketAddress())) {
            server.store().write(2L * G, ByteBuffer.allocateDirect(3 * G));
            handshake(c);
            List<Chunk> chunks = readChunks(c, 0, 16 * G);
            assertEquals(
                    List.of(
                            new Chunk(Nbd.REPLY_TYPE_OFFSET_HOLE, 0, 0, 2L * G),
                            new Chunk(Nbd.REPLY_TYPE_OFFSET_DATA, 0, 2L * G, 3L * G),
                            new Chunk(Nbd.REPLY_TYPE_OFFSET_HOLE, Nbd.REPLY_FLAG_DONE, 5L * G, 11L * G)),
                    chunks);
            assertEquals(
                    List.of(new Chunk(Nbd.REPLY_TYPE_OFFSET_HOLE, Nbd.REPLY_FLAG_DONE, 32L << 20, 1L << 20)),
                    readChunks(c, 32L << 20, 1 << 20));
        }
    }

    @Test
    void theStoreIsInTheDefaultDirectoryAndClosingRemovesTheSocketDirectory() throws IOException {
        Path socketDir;
        try (MemoryNbdServer server = MemoryNbdServer.start(1L << 30, "")) {
            socketDir = server.socket().getParent();
            assertEquals(SparseStore.defaultDirectory(1L << 30), server.store().directory());
            server.store().write(0, ByteBuffer.allocateDirect(1 << 20));
            assertEquals(1 << 20, server.store().writtenBytes());
        }
        assertFalse(Files.exists(socketDir));
    }
}
