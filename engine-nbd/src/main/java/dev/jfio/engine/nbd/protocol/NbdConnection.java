package dev.jfio.engine.nbd.protocol;

import dev.jfio.spi.Errno;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pipelined NBD client connection: the fixed-newstyle handshake, then requests in up to
 * {@code slots} numbered slots at once, with replies (simple or structured) reaped out of order.
 *
 * <p>Each request occupies a slot until its reply is reaped; the cookie sent on the wire is the
 * slot number with a per-slot generation in the high 32 bits, so a stale or foreign reply is
 * detected. {@link #submit} and {@link #nextCompletion} allocate nothing; read payloads go
 * straight into the caller's buffer.
 *
 * <p>Thread contract: not thread-safe; one thread at a time (the job thread).
 */
public final class NbdConnection implements AutoCloseable {
    private static final ConcurrentHashMap<NbdEndpoint, AtomicInteger> OPEN = new ConcurrentHashMap<>();
    private static final int RECEIVE_BUFFER = 256 * 1024;
    private static final int SOCKET_BUFFER = 4 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 * 1024);

    private static final int FREE = 0, IN_FLIGHT = 1;
    /** Separate byte ranges tracked per read; more fragments than this only get the total checked. */
    private static final int CHUNK_RANGES = 8;
    /** The spec limits error messages to 4096 bytes; be generous, but never trust a length blindly. */
    private static final int MAX_ERROR_CHUNK = 6 + 65535 + 8;

    private final NbdEndpoint endpoint;
    private final WireChannel wire;
    private final NbdExportInfo info;
    private final long requestTimeoutNanos;
    /**
     * Write payloads up to this size are copied into the batch (one system call for many small
     * requests); larger ones go out from the caller's buffer in a gathering write, after the batch.
     */
    private static final int BATCHED_PAYLOAD = 16 * 1024;
    /** Reads at least this large have their payload read straight into the caller's buffer. */
    private static final int LARGE_READ = WireChannel.DIRECT_READ_THRESHOLD;

    private final ByteBuffer header = ByteBuffer.allocateDirect(28);
    private final ByteBuffer out = ByteBuffer.allocateDirect(256 * 1024);
    /** The batch so far, the request header, the payload: one gathering write. */
    private final ByteBuffer[] gather = new ByteBuffer[3];
    /** How far a receive may read ahead while a large read is in flight: one reply header. */
    private final int replyHeaderBytes;

    private final int[] state;
    private final int[] generation;
    private final int[] command;
    private final long[] offset;
    private final int[] length;
    private final ByteBuffer[] buffer;
    private final int[] received;
    private final int[] error;
    private final String[] message;
    /** Submission times, only kept when there is a request timeout. */
    private final long[] submitted;
    /** Per slot, the disjoint byte ranges of a read that chunks have filled (to catch overlaps). */
    private final int[] chunkStart;
    private final int[] chunkEnd;
    private final int[] chunks;
    private final String timeoutMessage;
    private int inFlight;
    /** Reads of at least {@link #LARGE_READ} bytes in flight. */
    private int largeReads;
    private boolean closed;
    private IOException failure;
    private boolean timedOut;

    private NbdConnection(NbdEndpoint endpoint, WireChannel wire, NbdExportInfo info, int slots,
                          long requestTimeoutNanos) {
        this.endpoint = endpoint;
        this.wire = wire;
        this.info = info;
        this.requestTimeoutNanos = requestTimeoutNanos;
        this.submitted = new long[requestTimeoutNanos > 0 ? slots : 0];
        this.chunkStart = new int[slots * CHUNK_RANGES];
        this.chunkEnd = new int[slots * CHUNK_RANGES];
        this.chunks = new int[slots];
        this.timeoutMessage = "NBD server " + endpoint.toUri() + " sent no reply within "
            + seconds(requestTimeoutNanos) + " (request_timeout); the connection is closed";
        this.state = new int[slots];
        this.generation = new int[slots];
        this.command = new int[slots];
        this.offset = new long[slots];
        this.length = new int[slots];
        this.buffer = new ByteBuffer[slots];
        this.received = new int[slots];
        this.error = new int[slots];
        this.message = new String[slots];
        this.gather[0] = out;
        this.gather[1] = header;
        // a structured data chunk's header and offset, or a simple reply's header
        this.replyHeaderBytes = info.structuredReplies() ? 28 : 16;
    }

    /** How to connect. */
    public static final class Options {
        int slots = 1;
        long connectTimeoutNanos = TimeUnit.SECONDS.toNanos(5);
        long requestTimeoutNanos;
        boolean structuredReplies = true;

        /** Requests in flight at most (the job's iodepth). */
        public Options slots(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("slots must be at least 1");
            }
            this.slots = n;
            return this;
        }

        /** Time limit for connecting and the whole handshake; 0 = none. */
        public Options connectTimeout(long nanos) {
            this.connectTimeoutNanos = nanos;
            return this;
        }

        /** Time limit for the server to send anything while requests are in flight; 0 = none. */
        public Options requestTimeout(long nanos) {
            this.requestTimeoutNanos = nanos;
            return this;
        }

        /** Whether to ask for structured replies (default yes). */
        public Options structuredReplies(boolean yes) {
            this.structuredReplies = yes;
            return this;
        }
    }

    /**
     * Connects and negotiates the export.
     *
     * @throws IOException with a one-line message when the server cannot be reached, is not an NBD
     *     server, does not have the export (the message lists what it offers), or sends no greeting
     *     in time
     */
    public static NbdConnection connect(NbdEndpoint endpoint, Options options) throws IOException {
        SocketChannel channel = openChannel(endpoint);
        WireChannel wire = new WireChannel(channel, RECEIVE_BUFFER, endpoint.serverName());
        AtomicInteger open = OPEN.computeIfAbsent(endpoint, e -> new AtomicInteger());
        boolean ok = false;
        try {
            String what = "NBD server " + endpoint.serverName();
            long handshakeDeadline = options.connectTimeoutNanos > 0 ? System.nanoTime() + options.connectTimeoutNanos : 0;
            wire.setTimeout(options.connectTimeoutNanos, what + " did not answer within "
                + seconds(options.connectTimeoutNanos));
            try {
                channel.connect(endpoint.socketAddress());
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(what)) {
                    throw e;
                }
                throw new IOException("cannot connect to " + what + ": " + e.getMessage()
                    + (endpoint.isUnix() ? " (is the server running, and is this its unix socket?)" : ""));
            }
            if (!endpoint.isUnix()) {
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            }
            trySetBuffers(channel);
            String noGreeting = what + " sent no greeting within " + seconds(options.connectTimeoutNanos);
            if (handshakeDeadline != 0) {
                wire.setDeadline(handshakeDeadline, noGreeting);
            }
            NbdExportInfo info;
            try {
                info = new Handshake(wire, endpoint, options, handshakeDeadline).run();
            } catch (IOException e) {
                if (!noGreeting.equals(e.getMessage())) {
                    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                    if (m.startsWith(what) || m.startsWith("NBD protocol error")) {
                        throw e;
                    }
                    throw new IOException(what + " closed the connection during the NBD handshake"
                        + (e instanceof EOFException ? "" : " (" + m + ")"), e);
                }
                // decided now, not at connect time: the other connection may have been mid-handshake then
                boolean othersOpen = open.get() > 0;
                throw new IOException(noGreeting + (othersOpen
                    ? " while another connection to export '" + endpoint.exportName() + "' is open: the server "
                    + "serves one connection at a time (qemu-nbd's default -e 1); start it with qemu-nbd -e N, "
                    + "N at least the number of jobs"
                    : " (a busy single-connection server such as qemu-nbd -e 1? start it with qemu-nbd -e N)"));
            }
            wire.setTimeout(0, "");
            NbdConnection c = new NbdConnection(endpoint, wire, info, options.slots, options.requestTimeoutNanos);
            open.incrementAndGet();
            ok = true;
            return c;
        } finally {
            if (!ok) {
                wire.close();
            }
        }
    }

    private static SocketChannel openChannel(NbdEndpoint endpoint) throws IOException {
        if (endpoint.isUnix()) {
            return SocketChannel.open(StandardProtocolFamily.UNIX);
        }
        boolean v6 = endpoint.socketAddress() instanceof java.net.InetSocketAddress isa
            && isa.getAddress() instanceof java.net.Inet6Address;
        return SocketChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
    }

    private static void trySetBuffers(SocketChannel channel) {
        // large socket buffers make a deadlock between pipelined writes and unread replies unlikely
        try {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        } catch (IOException | UnsupportedOperationException e) {
            // the defaults still work
        }
    }

    static String seconds(long nanos) {
        if (nanos <= 0) {
            return "unlimited time";
        }
        double s = nanos / 1e9;
        return (s == Math.rint(s) ? String.valueOf((long) s) : String.valueOf(s)) + " s";
    }

    /** What the server told us about the export. */
    public NbdExportInfo info() { return info; }

    /** Where this connection goes. */
    public NbdEndpoint endpoint() { return endpoint; }

    /** Requests in flight (submitted and not yet reaped). */
    public int inFlight() { return inFlight; }

    /** How many slots (the most requests in flight). */
    public int slots() { return state.length; }

    /**
     * Sends one request in {@code slot}. For WRITE, {@code buf} holds the payload from index 0;
     * for READ it receives the data from index 0. The buffer's position and limit are used and
     * then reset to 0 and capacity. Never blocks on replies; may block while the socket is full.
     *
     * @throws IOException when the connection fails, the slot is busy or the request breaks a limit
     *     the server advertised
     */
    public void submit(int slot, int cmd, int cmdFlags, long off, int len, ByteBuffer buf) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (state[slot] != FREE) {
            throw new IOException("internal: NBD slot " + slot + " is busy");
        }
        if (len > info.maxRequestSize() && (cmd == Nbd.CMD_READ || cmd == Nbd.CMD_WRITE)) {
            throw new IOException("request of " + len + " bytes exceeds the NBD server's maximum "
                + info.maxRequestSize());
        }
        if ((cmd == Nbd.CMD_READ || cmd == Nbd.CMD_WRITE) && (buf == null || len > buf.capacity())) {
            throw new IOException("internal: a " + len + "-byte request needs a buffer of that size");
        }
        int gen = generation[slot] + 1;
        generation[slot] = gen;
        long cookie = ((long) gen << 32) | slot;
        command[slot] = cmd;
        offset[slot] = off;
        length[slot] = len;
        buffer[slot] = buf;
        received[slot] = 0;
        chunks[slot] = 0;
        error[slot] = 0;
        message[slot] = null;
        state[slot] = IN_FLIGHT;
        inFlight++;
        if (cmd == Nbd.CMD_READ && len >= LARGE_READ && largeReads++ == 0) {
            // receive only up to the next reply header, so that large payloads are not copied twice
            wire.limitReadAhead(replyHeaderBytes);
        }
        if (submitted.length != 0) {
            submitted[slot] = System.nanoTime();
        }
        try {
            boolean payload = cmd == Nbd.CMD_WRITE && len > 0;
            if (payload && len > BATCHED_PAYLOAD) {
                // what is batched, this header and the payload from the caller's buffer: one gathering write
                ByteBuffer h = header;
                h.clear();
                h.putInt(Nbd.REQUEST_MAGIC).putShort((short) cmdFlags).putShort((short) cmd).putLong(cookie)
                    .putLong(off).putInt(len);
                h.flip();
                out.flip();
                buf.limit(len).position(0);
                gather[2] = buf;
                try {
                    wire.writeFully(gather);
                } finally {
                    out.clear();
                    buf.clear();
                    gather[2] = null;
                }
                return;
            }
            int need = payload ? 28 + len : 28;
            if (out.remaining() < need) {
                sendQueued();
            }
            ByteBuffer o = out;
            o.putInt(Nbd.REQUEST_MAGIC).putShort((short) cmdFlags).putShort((short) cmd).putLong(cookie)
                .putLong(off).putInt(len);
            if (payload) {
                o.put(o.position(), buf, 0, len);
                o.position(o.position() + len);
            }
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Sends the requests that {@link #submit} has batched. Called by the engine's commit; also
     * done before waiting for replies, so a request is never left unsent while its reply is awaited.
     */
    public void sendQueued() throws IOException {
        if (out.position() == 0) {
            return;
        }
        out.flip();
        try {
            wire.writeFully(out);
        } catch (IOException e) {
            throw broken(e);
        } finally {
            out.clear();
        }
    }

    /**
     * After a failed read or write the stream is out of step: later calls fail at once with the same
     * message. A peer that went away becomes "connection to URI lost: ..." with the requests in flight.
     */
    private IOException broken(IOException e) {
        if (failure == null) {
            if (wire.timedOut()) {
                timedOut = true;
                failure = new IOException(timeoutMessage, e);
            } else if (isPeerGone(e)) {
                failure = new IOException("connection to " + endpoint.toUri() + " lost: server closed the connection"
                    + " with " + inFlight + (inFlight == 1 ? " request" : " requests") + " in flight", e);
            } else {
                failure = e;
            }
        }
        wire.close();
        return failure;
    }

    private boolean isPeerGone(IOException e) {
        if (e instanceof java.io.EOFException) {
            return true;
        }
        String m = e.getMessage();
        return m != null && (m.contains("Connection reset") || m.contains("Broken pipe")
            || m.startsWith("connection to " + endpoint.serverName() + " was closed"));
    }

    /**
     * Whether the connection failed because a request got no reply within the request timeout;
     * the requests still in flight will never complete: take them with {@link #abandon()}.
     */
    public boolean timedOut() { return timedOut; }

    /**
     * After the connection failed: frees one request still in flight and returns its slot, with
     * {@link #error(int)} ETIMEDOUT (after a timeout) or EIO and {@link #errorMessage(int)} saying why;
     * -1 when none is left.
     */
    public int abandon() {
        if (failure == null || inFlight == 0) {
            return -1;
        }
        for (int slot = 0; slot < state.length; slot++) {
            if (state[slot] == IN_FLIGHT) {
                release(slot);
                error[slot] = timedOut ? Errno.ETIMEDOUT : Nbd.EIO;
                message[slot] = failure.getMessage();
                return slot;
            }
        }
        return -1;
    }

    /** The reason the connection failed, or null while it works. */
    public IOException failure() { return failure; }

    /**
     * Reaps the next finished request and returns its slot, now free again; {@link #error(int)}
     * and {@link #errorMessage(int)} tell how it went until the slot is reused.
     *
     * @param mayBlock false: only use replies already received, returning -1 when none is complete
     * @return the slot, or -1 (nothing in flight, or nothing complete and {@code mayBlock} false)
     */
    public int nextCompletion(boolean mayBlock) throws IOException {
        return nextCompletion(mayBlock ? -1 : 0);
    }

    /**
     * Reaps the next finished request, waiting at most {@code waitNanos} for one.
     *
     * @param waitNanos negative: block until a request finishes (bounded by the request timeout);
     *     0: only use replies already received; positive: also wait up to this long for replies
     *     to start arriving (a reply whose header has arrived is then read to its end)
     * @return the slot, or -1 (nothing in flight, or nothing finished in time)
     */
    public int nextCompletion(long waitNanos) throws IOException {
        if (failure != null) {
            throw new IOException(failure.getMessage(), failure);
        }
        if (out.position() > 0) {
            sendQueued();
        }
        long until = waitNanos > 0 ? System.nanoTime() + waitNanos : 0;
        while (inFlight > 0) {
            int slot;
            try {
                if (waitNanos < 0 || (waitNanos == 0 ? messageBuffered() : headerBuffered())) {
                    slot = requestTimeoutNanos > 0 ? readMessageBefore(oldestDeadline()) : readMessage();
                } else if (waitNanos == 0) {
                    return -1;
                } else {
                    long now = System.nanoTime();
                    if (requestTimeoutNanos > 0 && now - oldestDeadline() >= 0) {
                        throw expired();
                    }
                    long left = until - now;
                    if (left <= 0) {
                        return -1;
                    }
                    if (requestTimeoutNanos > 0) {
                        left = Math.min(left, oldestDeadline() - now);
                    }
                    wire.receiveWithin(left);
                    continue;
                }
            } catch (IOException e) {
                throw broken(e);
            }
            if (slot >= 0) {
                release(slot);
                return slot;
            }
        }
        return -1;
    }

    private void release(int slot) {
        state[slot] = FREE;
        buffer[slot] = null;
        inFlight--;
        if (command[slot] == Nbd.CMD_READ && length[slot] >= LARGE_READ && --largeReads == 0) {
            wire.limitReadAhead(0);
        }
    }

    private IOException expired() {
        wire.close();
        timedOut = true;
        return new IOException(timeoutMessage);
    }

    /** When the oldest request in flight times out. */
    private long oldestDeadline() {
        long oldest = Long.MAX_VALUE;
        boolean any = false;
        long now = System.nanoTime();
        for (int slot = 0; slot < state.length; slot++) {
            if (state[slot] == IN_FLIGHT) {
                long t = submitted[slot];
                if (!any || t - oldest < 0) {
                    oldest = t;
                    any = true;
                }
            }
        }
        return (any ? oldest : now) + requestTimeoutNanos;
    }

    private int readMessageBefore(long deadline) throws IOException {
        if (deadline - System.nanoTime() <= 0) {
            throw expired();
        }
        wire.setDeadline(deadline, timeoutMessage);
        try {
            return readMessage();
        } finally {
            wire.setTimeout(0, timeoutMessage);
        }
    }

    /** Whether a reply header (or a bad magic) has been received: the rest of that reply is under way. */
    private boolean headerBuffered() {
        int avail = wire.buffered();
        if (avail < 4) {
            return false;
        }
        int magic = wire.inBuffer().getInt(wire.inBuffer().position());
        return magic == Nbd.SIMPLE_REPLY_MAGIC ? avail >= 16 : magic != Nbd.STRUCTURED_REPLY_MAGIC || avail >= 20;
    }

    /** 0 when the request in {@code slot} succeeded, else its errno. */
    public int error(int slot) { return error[slot]; }

    /** The server's error, e.g. {@code NBD_EIO: message}, or null. */
    public String errorMessage(int slot) { return message[slot]; }

    /** Whether a whole reply message (simple reply with data, or one chunk) is buffered. */
    private boolean messageBuffered() {
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
            if (err == 0 && slot >= 0 && slot < state.length && command[slot] == Nbd.CMD_READ) {
                return avail >= 16 + length[slot];
            }
            return true;
        }
        if (magic == Nbd.STRUCTURED_REPLY_MAGIC) {
            return avail >= 20 && avail - 20 >= (in.getInt(p + 16) & 0xffffffffL);
        }
        return true; // let readMessage report the bad magic
    }

    /** Reads one reply message; returns the slot it finished, or -1 when more chunks follow. */
    private int readMessage() throws IOException {
        int magic = wire.getInt();
        if (magic == Nbd.SIMPLE_REPLY_MAGIC) {
            int err = wire.getInt();
            int slot = slotOf(wire.getLong());
            if (chunks[slot] != 0 || received[slot] != 0) {
                throw protocol("simple reply for cookie 0x" + Long.toHexString(cookieOf(slot))
                    + " after structured chunks for it");
            }
            if (err == 0) {
                if (command[slot] == Nbd.CMD_READ) {
                    wire.readInto(buffer[slot], 0, length[slot]);
                }
            } else {
                error[slot] = Nbd.toErrno(err);
                message[slot] = Nbd.errorName(err);
            }
            return slot;
        }
        if (magic != Nbd.STRUCTURED_REPLY_MAGIC) {
            throw new IOException("NBD server " + endpoint.serverName() + " sent a reply with bad magic 0x"
                + Integer.toHexString(magic) + ": protocol out of step");
        }
        if (!info.structuredReplies()) {
            throw new IOException("NBD server " + endpoint.serverName()
                + " sent a structured reply although none was negotiated");
        }
        int flags = wire.getShort() & 0xffff;
        int type = wire.getShort() & 0xffff;
        int slot = slotOf(wire.getLong());
        long len = wire.getInt() & 0xffffffffL;
        switch (type) {
            case Nbd.REPLY_TYPE_NONE:
                if (len != 0) {
                    throw protocol("NBD_REPLY_TYPE_NONE with a payload of " + len + " bytes");
                }
                if ((flags & Nbd.REPLY_FLAG_DONE) == 0) {
                    throw protocol("NBD_REPLY_TYPE_NONE without NBD_REPLY_FLAG_DONE");
                }
                break;
            case Nbd.REPLY_TYPE_OFFSET_DATA: {
                if (command[slot] != Nbd.CMD_READ) {
                    throw protocol("NBD_REPLY_TYPE_OFFSET_DATA for a request that is not a read");
                }
                if (len < 9) {
                    throw protocol("NBD_REPLY_TYPE_OFFSET_DATA of " + len + " bytes (at least 9)");
                }
                long rel = wire.getLong() - offset[slot];
                long n = len - 8;
                if (rel < 0 || rel + n > length[slot]) {
                    throw protocol("NBD_REPLY_TYPE_OFFSET_DATA of " + n + " bytes at offset " + (offset[slot] + rel)
                        + " is outside the request (" + length[slot] + " bytes at offset " + offset[slot] + ")");
                }
                claim(slot, (int) rel, (int) n, "NBD_REPLY_TYPE_OFFSET_DATA");
                wire.readInto(buffer[slot], (int) rel, (int) n);
                break;
            }
            case Nbd.REPLY_TYPE_OFFSET_HOLE: {
                if (command[slot] != Nbd.CMD_READ || len != 12) {
                    throw protocol("malformed NBD_REPLY_TYPE_OFFSET_HOLE (" + len + " bytes, for command "
                        + command[slot] + ")");
                }
                long rel = wire.getLong() - offset[slot];
                long n = wire.getInt() & 0xffffffffL;
                if (rel < 0 || rel + n > length[slot] || n == 0) {
                    throw protocol("NBD_REPLY_TYPE_OFFSET_HOLE of " + n + " bytes at offset " + (offset[slot] + rel)
                        + " is outside the request (" + length[slot] + " bytes at offset " + offset[slot] + ")");
                }
                claim(slot, (int) rel, (int) n, "NBD_REPLY_TYPE_OFFSET_HOLE");
                zero(buffer[slot], (int) rel, (int) n);
                break;
            }
            default:
                if ((type & Nbd.REPLY_TYPE_ERROR_BIT) != 0 && len > MAX_ERROR_CHUNK) {
                    throw protocol("error chunk of " + len + " bytes (at most " + MAX_ERROR_CHUNK + " expected)");
                }
                if ((type & Nbd.REPLY_TYPE_ERROR_BIT) != 0 && len >= 6) {
                    int err = wire.getInt();
                    int msgLen = wire.getShort() & 0xffff;
                    if (msgLen > len - 6) {
                        throw protocol("error chunk message of " + msgLen + " bytes in a chunk of " + len + " bytes");
                    }
                    String text = new String(wire.getBytes(msgLen), StandardCharsets.UTF_8);
                    wire.skip(len - 6 - msgLen);
                    if (error[slot] == 0) {
                        error[slot] = Nbd.toErrno(err);
                        message[slot] = text.isEmpty() ? Nbd.errorName(err) : Nbd.errorName(err) + ": " + text;
                    }
                } else {
                    throw protocol("unexpected structured reply type " + type + " (" + len + " bytes)");
                }
        }
        if ((flags & Nbd.REPLY_FLAG_DONE) == 0) {
            return -1;
        }
        if (command[slot] == Nbd.CMD_READ && error[slot] == 0 && received[slot] != length[slot]) {
            error[slot] = Nbd.EIO;
            message[slot] = "NBD server sent " + received[slot] + " of " + length[slot] + " bytes of a read";
        }
        return slot;
    }

    private static void zero(ByteBuffer dst, int pos, int n) {
        int done = 0;
        while (done < n) {
            int k = Math.min(n - done, ZEROS.capacity());
            dst.put(pos + done, ZEROS, 0, k);
            done += k;
        }
    }

    private int slotOf(long cookie) throws IOException {
        int slot = (int) cookie;
        int gen = (int) (cookie >>> 32);
        if (slot >= 0 && slot < state.length && gen > 0
            && (generation[slot] == gen && state[slot] != IN_FLIGHT || gen - generation[slot] < 0)) {
            throw protocol("duplicate reply for cookie 0x" + Long.toHexString(cookie) + " (that request has already"
                + " completed)");
        }
        if (slot < 0 || slot >= state.length || state[slot] != IN_FLIGHT || generation[slot] != gen) {
            throw protocol("reply for unknown cookie 0x" + Long.toHexString(cookie));
        }
        return slot;
    }

    private long cookieOf(int slot) {
        return ((long) generation[slot] << 32) | slot;
    }

    /**
     * Records that a chunk fills {@code [rel, rel + n)} of the read in {@code slot}; a chunk that
     * overlaps one already received is a protocol error (the spec forbids it, and the data would be
     * ambiguous). Allocates nothing: a few ranges per slot, merged when they touch.
     */
    private void claim(int slot, int rel, int n, String what) throws IOException {
        if ((long) received[slot] + n > length[slot]) {
            throw protocol(what + " chunks overlap: " + ((long) received[slot] + n) + " bytes received for a read of "
                + length[slot] + " bytes");
        }
        received[slot] += n;
        int base = slot * CHUNK_RANGES;
        int k = chunks[slot];
        int end = rel + n;
        for (int i = 0; i < Math.min(k, CHUNK_RANGES); i++) {
            if (rel < chunkEnd[base + i] && chunkStart[base + i] < end) {
                throw protocol(what + " at offset " + (offset[slot] + rel) + " (" + n + " bytes) overlaps an earlier"
                    + " chunk of the same read");
            }
        }
        for (int i = 0; i < Math.min(k, CHUNK_RANGES); i++) {
            if (chunkEnd[base + i] == rel) {
                chunkEnd[base + i] = end;
                return;
            }
            if (chunkStart[base + i] == end) {
                chunkStart[base + i] = rel;
                return;
            }
        }
        if (k < CHUNK_RANGES) {
            chunkStart[base + k] = rel;
            chunkEnd[base + k] = end;
        }
        chunks[slot] = k + 1;
    }

    private IOException protocol(String what) {
        return new IOException("NBD protocol error from " + endpoint.serverName() + ": " + what);
    }

    // --- blocking conveniences (one request at a time; for setup and tests) ---

    /** Reads {@code len} bytes at {@code off} into {@code dst} from index 0. */
    public void read(long off, ByteBuffer dst, int len) throws IOException {
        execute(Nbd.CMD_READ, 0, off, len, dst);
    }

    /** Writes {@code len} bytes from {@code src} (from index 0) at {@code off}; FUA when {@code fua}. */
    public void write(long off, ByteBuffer src, int len, boolean fua) throws IOException {
        execute(Nbd.CMD_WRITE, fua ? Nbd.CMD_FLAG_FUA : 0, off, len, src);
    }

    /** Sends NBD_CMD_FLUSH. */
    public void flush() throws IOException {
        execute(Nbd.CMD_FLUSH, 0, 0, 0, null);
    }

    /** Sends NBD_CMD_TRIM. */
    public void trim(long off, int len) throws IOException {
        execute(Nbd.CMD_TRIM, 0, off, len, null);
    }

    /** Sends NBD_CMD_WRITE_ZEROES ({@code cmdFlags}: NO_HOLE, FUA). */
    public void writeZeroes(long off, int len, int cmdFlags) throws IOException {
        execute(Nbd.CMD_WRITE_ZEROES, cmdFlags, off, len, null);
    }

    private void execute(int cmd, int flags, long off, int len, ByteBuffer buf) throws IOException {
        if (inFlight != 0) {
            throw new IOException("internal: blocking NBD request while " + inFlight + " are in flight");
        }
        submit(0, cmd, flags, off, len, buf);
        int slot = nextCompletion(true);
        if (error[slot] != 0) {
            throw new IOException(message[slot] + " (command " + cmd + " at offset " + off + ", " + len + " bytes)");
        }
    }

    /** Whether the connection is open. */
    public boolean isOpen() { return !closed && wire.isOpen(); }

    /** Sends NBD_CMD_DISC when nothing is in flight, and closes. Never throws. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AtomicInteger open = OPEN.get(endpoint);
        if (open != null) {
            open.decrementAndGet();
        }
        try {
            if (failure == null && wire.isOpen()) {
                sendQueued();
            }
            if (inFlight == 0 && wire.isOpen()) {
                header.clear();
                header.putInt(Nbd.REQUEST_MAGIC).putShort((short) 0).putShort((short) Nbd.CMD_DISC).putLong(0)
                    .putLong(0).putInt(0);
                header.flip();
                wire.writeFully(header);
            }
        } catch (IOException e) {
            // the server may already be gone; closing is all that is left
        } finally {
            wire.close();
        }
    }

    // --- handshake ---

    private static final class Handshake {
        private final WireChannel wire;
        private final NbdEndpoint endpoint;
        private final Options options;
        /** Option replies carry a few strings of at most 4096 bytes each; nothing legitimate is larger. */
        private static final int MAX_OPTION_REPLY = 64 * 1024;
        private static final int MAX_OPTION_REPLIES = 10_000;
        private final ByteBuffer out = ByteBuffer.allocate(4096);
        private boolean noZeroes;
        private int replies;

        private final long deadline;

        Handshake(WireChannel wire, NbdEndpoint endpoint, Options options, long deadline) {
            this.deadline = deadline;
            this.wire = wire;
            this.endpoint = endpoint;
            this.options = options;
        }

        private String server() {
            return "NBD server " + endpoint.serverName();
        }

        NbdExportInfo run() throws IOException {
            long magic;
            try {
                magic = wire.getLong();
            } catch (EOFException e) {
                throw new IOException(server() + " closed the connection before its greeting"
                    + " (a single-connection server that is busy, or not an NBD server)");
            }
            if (magic != Nbd.NBDMAGIC) {
                throw new IOException(server() + " is not an NBD server (bad greeting 0x" + Long.toHexString(magic) + ")");
            }
            String stalled = server() + " stopped answering during the NBD handshake (not finished within "
                + seconds(options.connectTimeoutNanos) + ", connect_timeout)";
            if (deadline != 0) {
                wire.setDeadline(deadline, stalled);
            } else {
                wire.setTimeout(options.connectTimeoutNanos, stalled);
            }
            long style = wire.getLong();
            if (style != Nbd.IHAVEOPT) {
                throw new IOException(server() + " speaks the old-style NBD handshake, which jfio does not support");
            }
            int hsFlags = wire.getShort() & 0xffff;
            boolean fixed = (hsFlags & Nbd.FLAG_FIXED_NEWSTYLE) != 0;
            noZeroes = (hsFlags & Nbd.FLAG_NO_ZEROES) != 0;
            int clientFlags = (fixed ? Nbd.FLAG_FIXED_NEWSTYLE : 0) | (noZeroes ? Nbd.FLAG_NO_ZEROES : 0);
            out.clear();
            out.putInt(clientFlags);
            send();
            boolean structured = false;
            if (fixed && options.structuredReplies) {
                sendOption(Nbd.OPT_STRUCTURED_REPLY, new byte[0]);
                while (true) {
                    Reply r = readReply(Nbd.OPT_STRUCTURED_REPLY);
                    if (r.type == Nbd.REP_ACK) {
                        structured = true;
                        break;
                    }
                    if (r.isError()) {
                        break;
                    }
                }
            }
            if (fixed) {
                NbdExportInfo info = go(structured);
                if (info != null) {
                    return info;
                }
            }
            return exportName(structured);
        }

        private NbdExportInfo go(boolean structured) throws IOException {
            byte[] name = endpoint.exportName().getBytes(StandardCharsets.UTF_8);
            ByteBuffer data = ByteBuffer.allocate(4 + name.length + 2 + 6);
            data.putInt(name.length).put(name).putShort((short) 3)
                .putShort((short) Nbd.INFO_EXPORT).putShort((short) Nbd.INFO_BLOCK_SIZE)
                .putShort((short) Nbd.INFO_DESCRIPTION);
            sendOption(Nbd.OPT_GO, data.array());
            long size = -1;
            boolean sized = false;
            int flags = 0;
            int min = 1, pref = 4096, max = Nbd.DEFAULT_MAX_REQUEST;
            boolean advertised = false;
            String description = null;
            while (true) {
                Reply r = readReply(Nbd.OPT_GO);
                if (r.type == Nbd.REP_ACK) {
                    break;
                }
                if (r.type == Nbd.REP_INFO) {
                    ByteBuffer b = ByteBuffer.wrap(r.data);
                    if (r.data.length < 2) {
                        throw new IOException(server() + " sent a malformed NBD_REP_INFO");
                    }
                    int infoType = b.getShort() & 0xffff;
                    if (infoType == Nbd.INFO_EXPORT && r.data.length >= 12) {
                        size = b.getLong();
                        flags = b.getShort() & 0xffff;
                        sized = true;
                        if (size < 0) {
                            throw new IOException(server() + " announced an export of " + Long.toUnsignedString(size)
                                + " bytes, more than jfio can address");
                        }
                    } else if (infoType == Nbd.INFO_BLOCK_SIZE && r.data.length >= 14) {
                        min = b.getInt();
                        pref = b.getInt();
                        max = b.getInt();
                        advertised = true;
                    } else if (infoType == Nbd.INFO_DESCRIPTION) {
                        description = new String(r.data, 2, r.data.length - 2, StandardCharsets.UTF_8);
                    }
                    continue;
                }
                if (r.isError()) {
                    if (r.type == Nbd.REP_ERR_UNSUP) {
                        return null;
                    }
                    if (r.type == Nbd.REP_ERR_UNKNOWN) {
                        throw new IOException(unknownExport(r.text()));
                    }
                    if (r.type == Nbd.REP_ERR_TLS_REQD) {
                        throw new IOException(server() + " requires TLS, which jfio does not support yet");
                    }
                    throw new IOException(server() + " refused export '" + endpoint.exportName() + "': "
                        + Nbd.optionErrorName(r.type) + (r.text().isEmpty() ? "" : " (" + r.text() + ")"));
                }
                // other reply types to GO are ignored, as the spec allows
            }
            if (!sized) {
                throw new IOException(server() + " finished NBD_OPT_GO without NBD_INFO_EXPORT");
            }
            if (max <= 0 || max > Nbd.DEFAULT_MAX_REQUEST && !advertised) {
                max = Nbd.DEFAULT_MAX_REQUEST;
            }
            return new NbdExportInfo(size, flags, Math.max(1, min), pref, max, advertised, structured, true, description);
        }

        private String unknownExport(String serverText) throws IOException {
            StringBuilder sb = new StringBuilder(server()).append(" has no export '").append(endpoint.exportName())
                .append("'");
            if (!serverText.isEmpty()) {
                sb.append(" (").append(serverText).append(")");
            }
            try {
                sendOption(Nbd.OPT_ABORT, new byte[0]);
            } catch (IOException e) {
                // we are leaving anyway
            }
            // some servers (nbd-server 3.24) lose step after refusing NBD_OPT_GO, so list on a fresh connection
            try (SocketChannel channel = openChannel(endpoint);
                 WireChannel fresh = new WireChannel(channel, 64 * 1024, endpoint.serverName())) {
                fresh.setTimeout(options.connectTimeoutNanos, server() + " did not list its exports in time");
                channel.connect(endpoint.socketAddress());
                Handshake lister = new Handshake(fresh, endpoint, options, 0);
                if (lister.greet()) {
                    lister.listInto(sb);
                } else {
                    sb.append("; it cannot list its exports (not fixed newstyle)");
                }
            } catch (IOException e) {
                sb.append("; listing its exports failed: ").append(e.getMessage());
            }
            return sb.toString();
        }

        /** Reads the greeting and sends the client flags; returns whether the server is fixed newstyle. */
        boolean greet() throws IOException {
            long magic = wire.getLong();
            if (magic != Nbd.NBDMAGIC || wire.getLong() != Nbd.IHAVEOPT) {
                throw new IOException(server() + " is not a newstyle NBD server");
            }
            int hsFlags = wire.getShort() & 0xffff;
            noZeroes = (hsFlags & Nbd.FLAG_NO_ZEROES) != 0;
            boolean fixed = (hsFlags & Nbd.FLAG_FIXED_NEWSTYLE) != 0;
            out.clear();
            out.putInt((fixed ? Nbd.FLAG_FIXED_NEWSTYLE : 0) | (noZeroes ? Nbd.FLAG_NO_ZEROES : 0));
            send();
            return fixed;
        }

        private void listInto(StringBuilder sb) throws IOException {
            sendOption(Nbd.OPT_LIST, new byte[0]);
            List<String> names = new ArrayList<>();
            String refusal = null;
            while (true) {
                Reply r = readReply(Nbd.OPT_LIST);
                if (r.type == Nbd.REP_ACK) {
                    break;
                }
                if (r.isError()) {
                    refusal = Nbd.optionErrorName(r.type);
                    break;
                }
                if (r.type == Nbd.REP_SERVER && r.data.length >= 4) {
                    int n = ByteBuffer.wrap(r.data).getInt();
                    if (n >= 0 && n <= r.data.length - 4) {
                        names.add(new String(r.data, 4, n, StandardCharsets.UTF_8));
                    }
                }
            }
            if (refusal != null) {
                sb.append("; it does not list its exports (").append(refusal).append(")");
            } else if (names.isEmpty()) {
                sb.append("; it lists no exports");
            } else {
                sb.append("; it offers: ");
                for (int i = 0; i < names.size(); i++) {
                    sb.append(i == 0 ? "" : ", ").append('\'').append(names.get(i)).append('\'');
                }
            }
            try {
                sendOption(Nbd.OPT_ABORT, new byte[0]);
            } catch (IOException e) {
                // we are leaving anyway
            }
        }

        private NbdExportInfo exportName(boolean structured) throws IOException {
            sendOption(Nbd.OPT_EXPORT_NAME, endpoint.exportName().getBytes(StandardCharsets.UTF_8));
            long size;
            int flags;
            try {
                size = wire.getLong();
                flags = wire.getShort() & 0xffff;
            } catch (EOFException e) {
                throw new IOException(server() + " has no export '" + endpoint.exportName()
                    + "' (it closed the connection on NBD_OPT_EXPORT_NAME)");
            }
            if (size < 0) {
                throw new IOException(server() + " announced an export of " + Long.toUnsignedString(size)
                    + " bytes, more than jfio can address");
            }
            if (!noZeroes) {
                wire.skip(124);
            }
            return new NbdExportInfo(size, flags, 1, 4096, Nbd.DEFAULT_MAX_REQUEST, false, structured, false, null);
        }

        private void sendOption(int option, byte[] data) throws IOException {
            out.clear();
            out.putLong(Nbd.IHAVEOPT).putInt(option).putInt(data.length);
            send();
            if (data.length > 0) {
                wire.writeFully(ByteBuffer.wrap(data));
            }
        }

        private void send() throws IOException {
            out.flip();
            wire.writeFully(out);
        }

        private Reply readReply(int option) throws IOException {
            long magic = wire.getLong();
            if (magic != Nbd.OPTION_REPLY_MAGIC) {
                throw new IOException(server() + " sent a bad option reply (magic 0x" + Long.toHexString(magic) + ")");
            }
            int opt = wire.getInt();
            int type = wire.getInt();
            int len = wire.getInt();
            if (opt != option) {
                throw new IOException(server() + " answered option " + opt + " while jfio asked for " + option);
            }
            if (len < 0 || len > MAX_OPTION_REPLY) {
                throw new IOException(server() + " sent an option reply of " + (len & 0xffffffffL)
                    + " bytes during the NBD handshake (at most " + MAX_OPTION_REPLY + " expected)");
            }
            if (++replies > MAX_OPTION_REPLIES) {
                throw new IOException(server() + " sent more than " + MAX_OPTION_REPLIES
                    + " option replies during the NBD handshake");
            }
            return new Reply(type, wire.getBytes(len));
        }
    }

    private static final class Reply {
        final int type;
        final byte[] data;

        Reply(int type, byte[] data) {
            this.type = type;
            this.data = data;
        }

        boolean isError() {
            return (type & Nbd.REP_FLAG_ERROR) != 0;
        }

        String text() {
            return isError() ? new String(data, StandardCharsets.UTF_8) : "";
        }
    }
}
