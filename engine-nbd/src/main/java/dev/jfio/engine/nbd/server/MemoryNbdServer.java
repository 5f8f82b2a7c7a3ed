package dev.jfio.engine.nbd.server;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.WireChannel;
import dev.jfio.spi.Errno;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-process, memory-backed NBD server on a private unix socket: the engine's default target
 * and a test target. Speaks fixed newstyle with NO_ZEROES; NBD_OPT_GO, INFO, EXPORT_NAME, LIST,
 * STRUCTURED_REPLY and ABORT; READ (with structured replies, one OFFSET_DATA or OFFSET_HOLE chunk
 * per run of written or never-written granules), WRITE, FLUSH, TRIM, WRITE_ZEROES and DISC;
 * advertises CAN_MULTI_CONN. The data is in a sparse, unlinked file in /dev/shm (or the temporary
 * directory), not on the heap: see {@link SparseStore}.
 *
 * <p>Cannot deadlock with a client that reads its replies: replies are batched (in a bounded
 * buffer) only while the next request is already received, and sent before any read that may
 * wait, so the server never waits for a client that waits for those replies; a full buffer is
 * sent with a blocking write, which the client's reading ends.
 *
 * <p>Thread contract: {@link #start} and {@link #close} may be called from any thread; the server
 * runs one accept thread and one daemon thread per connection.
 */
public final class MemoryNbdServer implements AutoCloseable {
    /** The transmission flags the server advertises. */
    public static final int FLAGS = Nbd.TF_HAS_FLAGS
            | Nbd.TF_SEND_FLUSH
            | Nbd.TF_SEND_FUA
            | Nbd.TF_SEND_TRIM
            | Nbd.TF_SEND_WRITE_ZEROES
            | Nbd.TF_CAN_MULTI_CONN;
    /** Largest request the server accepts, advertised in NBD_INFO_BLOCK_SIZE. */
    public static final int MAX_REQUEST = Nbd.DEFAULT_MAX_REQUEST;

    private final SparseStore store;
    private final String exportName;
    private final Path dir;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MemoryNbdServer(SparseStore store, String exportName, Path dir) throws IOException {
        this.store = store;
        this.exportName = exportName;
        this.dir = dir;
        this.socket = dir.resolve("nbd.sock");
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
    }

    /**
     * Starts a server with one export of {@code size} bytes named {@code exportName} ("" for the
     * default export) on a unix socket in a new private temporary directory.
     */
    public static MemoryNbdServer start(long size, String exportName) throws IOException {
        Path dir = Files.createTempDirectory("jfio-nbd-");
        SparseStore store = null;
        MemoryNbdServer s;
        try {
            store = SparseStore.create(size);
            s = new MemoryNbdServer(store, exportName, dir);
        } catch (IOException | RuntimeException e) {
            if (store != null) {
                store.close();
            }
            Files.deleteIfExists(dir);
            throw e;
        }
        Thread t = new Thread(s::acceptLoop, "jfio-nbd-server-accept");
        t.setDaemon(true);
        t.start();
        return s;
    }

    /** The unix socket the server listens on. */
    public Path socket() {
        return socket;
    }

    /** The export's size in bytes. */
    public long size() {
        return store.size();
    }

    /** The export's name. */
    public String exportName() {
        return exportName;
    }

    /** The endpoint of the export. */
    public NbdEndpoint endpoint() {
        return NbdEndpoint.unix(socket, exportName);
    }

    /** The backing store (for tests). */
    public SparseStore store() {
        return store;
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel c;
            try {
                c = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            clients.add(c);
            Thread t = new Thread(() -> serve(c), "jfio-nbd-server-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private void serve(SocketChannel c) {
        try (WireChannel wire = new WireChannel(c, 256 * 1024, "client")) {
            new Session(wire).run();
        } catch (EOFException | ClosedChannelException e) {
            // client went away
        } catch (IOException e) {
            // a broken client only ends its own session
        } finally {
            clients.remove(c);
        }
    }

    /** Stops accepting, drops every connection, frees the store and deletes the socket and its directory. */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // going away anyway
        }
        for (SocketChannel c : clients) {
            try {
                c.close();
            } catch (IOException e) {
                // going away anyway
            }
        }
        store.close();
        try {
            Files.deleteIfExists(socket);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a leftover empty temp dir is harmless
        }
    }

    private final class Session {
        private final WireChannel wire;
        private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        private boolean structured;
        private boolean noZeroes;

        Session(WireChannel wire) {
            this.wire = wire;
        }

        void run() throws IOException {
            out.clear();
            out.putLong(Nbd.NBDMAGIC).putLong(Nbd.IHAVEOPT).putShort((short)
                    (Nbd.FLAG_FIXED_NEWSTYLE | Nbd.FLAG_NO_ZEROES));
            flush();
            int clientFlags = wire.getInt();
            noZeroes = (clientFlags & Nbd.FLAG_NO_ZEROES) != 0;
            if (negotiate()) {
                transmit();
            }
        }

        /** The option phase; true when transmission begins. */
        private boolean negotiate() throws IOException {
            while (true) {
                long magic = wire.getLong();
                if (magic != Nbd.IHAVEOPT) {
                    return false;
                }
                int option = wire.getInt();
                int len = wire.getInt();
                if (len < 0 || len > 65536) {
                    return false;
                }
                byte[] data = wire.getBytes(len);
                switch (option) {
                    case Nbd.OPT_EXPORT_NAME: {
                        String name = new String(data, StandardCharsets.UTF_8);
                        if (!name.equals(exportName)) {
                            return false;
                        }
                        out.putLong(store.size()).putShort((short) FLAGS);
                        if (!noZeroes) {
                            out.put(new byte[124]);
                        }
                        flush();
                        return true;
                    }
                    case Nbd.OPT_GO:
                    case Nbd.OPT_INFO: {
                        ByteBuffer b = ByteBuffer.wrap(data);
                        if (len < 6) {
                            optionReply(
                                    option, Nbd.REP_ERR_INVALID, "malformed request".getBytes(StandardCharsets.UTF_8));
                            continue;
                        }
                        int n = b.getInt();
                        if (n < 0 || n > len - 6) {
                            optionReply(
                                    option, Nbd.REP_ERR_INVALID, "malformed request".getBytes(StandardCharsets.UTF_8));
                            continue;
                        }
                        String name = new String(data, 4, n, StandardCharsets.UTF_8);
                        b.position(4 + n);
                        int infos = b.getShort() & 0xffff;
                        boolean blockSize = false;
                        for (int i = 0; i < infos && b.remaining() >= 2; i++) {
                            blockSize |= b.getShort() == Nbd.INFO_BLOCK_SIZE;
                        }
                        if (!name.equals(exportName)) {
                            optionReply(
                                    option,
                                    Nbd.REP_ERR_UNKNOWN,
                                    ("no export named '" + name + "'").getBytes(StandardCharsets.UTF_8));
                            continue;
                        }
                        ByteBuffer info = ByteBuffer.allocate(12);
                        info.putShort((short) Nbd.INFO_EXPORT)
                                .putLong(store.size())
                                .putShort((short) FLAGS);
                        optionReply(option, Nbd.REP_INFO, info.array());
                        if (blockSize) {
                            ByteBuffer bs = ByteBuffer.allocate(14);
                            bs.putShort((short) Nbd.INFO_BLOCK_SIZE)
                                    .putInt(1)
                                    .putInt(4096)
                                    .putInt(MAX_REQUEST);
                            optionReply(option, Nbd.REP_INFO, bs.array());
                        }
                        optionReply(option, Nbd.REP_ACK, new byte[0]);
                        if (option == Nbd.OPT_GO) {
                            return true;
                        }
                        continue;
                    }
                    case Nbd.OPT_STRUCTURED_REPLY:
                        if (len != 0) {
                            optionReply(option, Nbd.REP_ERR_INVALID, new byte[0]);
                        } else {
                            structured = true;
                            optionReply(option, Nbd.REP_ACK, new byte[0]);
                        }
                        continue;
                    case Nbd.OPT_LIST: {
                        byte[] name = exportName.getBytes(StandardCharsets.UTF_8);
                        ByteBuffer s = ByteBuffer.allocate(4 + name.length);
                        s.putInt(name.length).put(name);
                        optionReply(option, Nbd.REP_SERVER, s.array());
                        optionReply(option, Nbd.REP_ACK, new byte[0]);
                        continue;
                    }
                    case Nbd.OPT_ABORT:
                        optionReply(option, Nbd.REP_ACK, new byte[0]);
                        return false;
                    default:
                        optionReply(option, Nbd.REP_ERR_UNSUP, new byte[0]);
                }
            }
        }

        private void optionReply(int option, int type, byte[] data) throws IOException {
            out.putLong(Nbd.OPTION_REPLY_MAGIC)
                    .putInt(option)
                    .putInt(type)
                    .putInt(data.length)
                    .put(data);
            flush();
        }

        private void flush() throws IOException {
            out.flip();
            wire.writeFully(out);
            out.clear();
        }

        private void ensureRoom(int n) throws IOException {
            if (out.remaining() < n) {
                flush();
            }
        }

        private void transmit() throws IOException {
            long size = store.size();
            while (true) {
                // send what is batched only when no further request is already waiting
                if (out.position() > 0 && wire.buffered() < 28) {
                    flush();
                }
                int magic = wire.getInt();
                if (magic != Nbd.REQUEST_MAGIC) {
                    return;
                }
                wire.getShort(); // command flags: FUA and NO_HOLE mean nothing for memory
                int type = wire.getShort() & 0xffff;
                long cookie = wire.getLong();
                long off = wire.getLong();
                long len = wire.getInt() & 0xffffffffL;
                boolean inRange = off >= 0 && off + len <= size;
                switch (type) {
                    case Nbd.CMD_READ:
                        if (!inRange || len > MAX_REQUEST) {
                            error(
                                    cookie,
                                    inRange ? Nbd.EOVERFLOW : Nbd.EINVAL,
                                    inRange ? "request too large" : "read beyond the end of the export");
                        } else {
                            read(cookie, off, (int) len);
                        }
                        break;
                    case Nbd.CMD_WRITE:
                        if (out.position() > 0 && wire.buffered() < len) {
                            flush(); // the payload is still coming: the client may wait for these replies first
                        }
                        if (!inRange || len > MAX_REQUEST) {
                            wire.skip(len);
                            error(
                                    cookie,
                                    inRange ? Nbd.EOVERFLOW : Nbd.EINVAL,
                                    inRange ? "request too large" : "write beyond the end of the export");
                        } else {
                            write(cookie, off, (int) len);
                        }
                        break;
                    case Nbd.CMD_FLUSH:
                        ok(cookie);
                        break;
                    case Nbd.CMD_TRIM:
                    case Nbd.CMD_WRITE_ZEROES:
                        if (!inRange) {
                            error(cookie, Nbd.EINVAL, "request beyond the end of the export");
                        } else {
                            zero(cookie, off, len);
                        }
                        break;
                    case Nbd.CMD_DISC:
                        flush();
                        return;
                    default:
                        error(cookie, Nbd.EINVAL, "unsupported command");
                }
            }
        }

        private void write(long cookie, long off, int len) throws IOException {
            try {
                store.write(off, wire, len);
            } catch (IOException e) {
                if (!wire.isOpen() || e instanceof EOFException) {
                    throw e;
                }
                // the store failed (a full tmpfs, say); the payload has been received all the same
                error(cookie, storeErrno(e), "embedded store: " + e.getMessage());
                return;
            }
            ok(cookie);
        }

        private void zero(long cookie, long off, long len) throws IOException {
            try {
                store.zero(off, len);
            } catch (IOException e) {
                error(cookie, storeErrno(e), "embedded store: " + e.getMessage());
                return;
            }
            ok(cookie);
        }

        private int storeErrno(IOException e) {
            return Errno.of(e, Nbd.EIO) == Errno.ENOSPC ? Nbd.ENOSPC : Nbd.EIO;
        }

        private void ok(long cookie) throws IOException {
            if (structured) {
                ensureRoom(20);
                out.putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                        .putShort((short) Nbd.REPLY_FLAG_DONE)
                        .putShort((short) Nbd.REPLY_TYPE_NONE)
                        .putLong(cookie)
                        .putInt(0);
            } else {
                ensureRoom(16);
                out.putInt(Nbd.SIMPLE_REPLY_MAGIC).putInt(0).putLong(cookie);
            }
        }

        private void error(long cookie, int err, String text) throws IOException {
            if (structured) {
                byte[] msg = text.getBytes(StandardCharsets.UTF_8);
                ensureRoom(20 + 6 + msg.length);
                out.putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                        .putShort((short) Nbd.REPLY_FLAG_DONE)
                        .putShort((short) Nbd.REPLY_TYPE_ERROR)
                        .putLong(cookie)
                        .putInt(6 + msg.length)
                        .putInt(err)
                        .putShort((short) msg.length)
                        .put(msg);
            } else {
                ensureRoom(16);
                out.putInt(Nbd.SIMPLE_REPLY_MAGIC).putInt(err).putLong(cookie);
            }
        }

        private void read(long cookie, long off, int len) throws IOException {
            if (!structured) {
                ensureRoom(16);
                out.putInt(Nbd.SIMPLE_REPLY_MAGIC).putInt(0).putLong(cookie);
                copyOut(off, len);
                return;
            }
            if (len == 0) {
                ok(cookie);
                return;
            }
            long end = off + len;
            while (off < end) {
                int k = (int) (store.runEnd(off, end) - off);
                boolean last = off + k == end;
                short flags = (short) (last ? Nbd.REPLY_FLAG_DONE : 0);
                if (!store.isWritten(off)) {
                    ensureRoom(32);
                    out.putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                            .putShort(flags)
                            .putShort((short) Nbd.REPLY_TYPE_OFFSET_HOLE)
                            .putLong(cookie)
                            .putInt(12)
                            .putLong(off)
                            .putInt(k);
                } else {
                    ensureRoom(28);
                    out.putInt(Nbd.STRUCTURED_REPLY_MAGIC)
                            .putShort(flags)
                            .putShort((short) Nbd.REPLY_TYPE_OFFSET_DATA)
                            .putLong(cookie)
                            .putInt(8 + k)
                            .putLong(off);
                    copyOut(off, k);
                }
                off += k;
            }
        }

        private void copyOut(long off, int len) throws IOException {
            while (len > 0) {
                if (!out.hasRemaining()) {
                    flush();
                }
                int k = Math.min(len, out.remaining());
                store.read(off, out, k);
                off += k;
                len -= k;
            }
        }
    }
}
