package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A pipelined NBD client connection, the facade the engine uses: {@link #connect} runs the
 * {@link Connector} and the {@link Handshake}; then requests go out in up to {@code slots}
 * numbered slots at once through the {@link RequestWriter}, tracked in the {@link InFlightTable},
 * and their replies (simple or structured) are read by the {@link ReplyReader} and reaped out of
 * order, within the request timeout or the job's time limit, by the {@link CompletionReaper}.
 * This class checks requests and turns whatever breaks the connection into its
 * {@link ConnectionFailure}.
 *
 * <p>Never deadlocks with its server: a server may stop reading requests while its replies are
 * not read, so with more than one slot the socket is non-blocking, and while requests wait to go
 * out the replies that arrive are read (their slots finish in the {@link InFlightTable} and are
 * reaped first); a wait for a reply keeps sending what is queued. With one slot, one request at a
 * time cannot deadlock: the socket stays blocking and each I/O costs one write and one read.
 *
 * <p>{@link #submit} and {@link #nextCompletion} allocate nothing; read payloads go straight into
 * the caller's buffer.
 *
 * <p>Thread contract: not thread-safe; one thread at a time (the job thread).
 */
public final class NbdConnection implements AutoCloseable {

    private final NbdEndpoint endpoint;
    private final ConnectionRegistry registry;
    private final WireChannel wire;
    private final NbdExportInfo info;
    private final InFlightTable table;
    private final RequestWriter writer;
    private final ReplyReader reader;
    private final ConnectionFailure failure;
    private final CompletionReaper reaper;
    private boolean closed;

    private NbdConnection(
            NbdEndpoint endpoint,
            ConnectionRegistry registry,
            Connector.Connected connected,
            Options options,
            int slots) {
        this.endpoint = endpoint;
        this.registry = registry;
        this.wire = connected.wire();
        this.info = connected.info();
        long requestTimeoutNanos = options.requestTimeoutNanos;
        this.table = new InFlightTable(slots, requestTimeoutNanos > 0, endpoint.serverName());
        this.reader = new ReplyReader(
                wire,
                table,
                info.structuredReplies(),
                endpoint.serverName(),
                info.size(),
                info.baseAllocationContext());
        this.failure = new ConnectionFailure(endpoint, wire, requestTimeoutNanos);
        this.reaper = new CompletionReaper(wire, table, reader, failure, requestTimeoutNanos, endpoint);
        this.writer = new RequestWriter(wire, reaper::send);
    }

    /** How to connect. Thread contract: a builder for one thread; not changed once used. */
    public static final class Options {
        int slots = 1;
        long connectTimeoutNanos = TimeUnit.SECONDS.toNanos(5);
        long requestTimeoutNanos;
        boolean structuredReplies = true;
        ConnectionRegistry registry;
        TlsSettings tls = TlsSettings.NONE;
        boolean baseAllocation;

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

        /** The TLS to require (default none: plaintext). */
        public Options tls(TlsSettings settings) {
            this.tls = Objects.requireNonNull(settings, "tls");
            return this;
        }

        /** Whether to negotiate the {@code base:allocation} meta context for NBD_CMD_BLOCK_STATUS. */
        public Options baseAllocation(boolean yes) {
            this.baseAllocation = yes;
            return this;
        }

        /** The run the connection belongs to (default: a registry of its own). */
        public Options registry(ConnectionRegistry shared) {
            this.registry = shared;
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
        return connect(endpoint, options, options.slots, false);
    }

    /**
     * Connects with {@code slots} slots (not the options'); {@code interleave}: non-blocking even
     * with one slot, as a {@link ConnectionGroup} needs to wait on all its connections at once.
     */
    static NbdConnection connect(NbdEndpoint endpoint, Options options, int slots, boolean interleave)
            throws IOException {
        ConnectionRegistry registry = options.registry != null ? options.registry : new ConnectionRegistry();
        Connector.Connected connected = Connector.connect(endpoint, options, registry);
        if (slots > 1 || interleave) {
            try {
                connected.wire().interleave();
            } catch (IOException e) {
                connected.wire().close();
                throw new IOException(
                        "cannot use the connection to NBD server " + endpoint.serverName() + ": " + e.getMessage(), e);
            }
        }
        NbdConnection c = new NbdConnection(endpoint, registry, connected, options, slots);
        registry.opened(endpoint);
        return c;
    }

    /** What the server told us about the export. */
    public NbdExportInfo info() {
        return info;
    }

    /** Where this connection goes. */
    public NbdEndpoint endpoint() {
        return endpoint;
    }

    /** Requests in flight (submitted and not yet reaped). */
    public int inFlight() {
        return table.inFlight();
    }

    /** How many slots (the most requests in flight). */
    public int slots() {
        return table.slots();
    }

    /**
     * Sends one request in {@code slot}. For WRITE, {@code buf} holds the payload from index 0;
     * for READ it receives the data from index 0. The buffer's position and limit are used and
     * then reset to 0 and capacity. Never waits for a reply; may wait while the socket is full, reading
     * the replies that arrive meanwhile (they are reaped first).
     *
     * @throws IOException when the connection fails, the slot is busy or the request breaks a limit
     *     the server advertised
     */
    public void submit(int slot, int cmd, int cmdFlags, long off, int len, ByteBuffer buf) throws IOException {
        failure.throwIfFailed();
        if (table.isInFlight(slot)) {
            throw new IOException("internal: NBD slot " + slot + " is busy");
        }
        if (len > info.maxRequestSize() && (cmd == Nbd.CMD_READ || cmd == Nbd.CMD_WRITE)) {
            throw new IOException(
                    "request of " + len + " bytes exceeds the NBD server's maximum " + info.maxRequestSize());
        }
        if ((cmd == Nbd.CMD_READ || cmd == Nbd.CMD_WRITE) && (buf == null || len > buf.capacity())) {
            throw new IOException("internal: a " + len + "-byte request needs a buffer of that size");
        }
        if (cmd == Nbd.CMD_BLOCK_STATUS && info.baseAllocationContext() < 0) {
            throw new IOException("NBD_CMD_BLOCK_STATUS needs the " + Nbd.BASE_ALLOCATION
                    + " meta context, which was not negotiated (Options.baseAllocation)");
        }
        long cookie = table.occupy(slot, cmd, cmdFlags, off, len, buf);
        if (cmd == Nbd.CMD_READ) {
            reader.readSubmitted(len);
        }
        try {
            writer.write(cookie, cmd, cmdFlags, off, len, buf);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Sends the requests that {@link #submit} has batched. Called by the engine's commit; also
     * done before waiting for replies, so a request is never left unsent while its reply is awaited.
     */
    public void sendQueued() throws IOException {
        try {
            writer.sendQueued();
        } catch (IOException e) {
            throw broken(e);
        }
    }

    private IOException broken(IOException e) {
        return failure.broken(e, table.inFlight());
    }

    /**
     * Whether the connection failed because a request got no reply within the request timeout;
     * the requests still in flight will never complete: take them with {@link #abandon()}.
     */
    public boolean timedOut() {
        return failure.timedOut();
    }

    /**
     * After the connection failed: frees one request still in flight and returns its slot, with
     * {@link #error(int)} ETIMEDOUT (after a timeout) or EIO and {@link #errorMessage(int)} saying why;
     * -1 when none is left.
     */
    public int abandon() {
        return reaper.abandon();
    }

    /** The reason the connection failed, or null while it works. */
    public IOException failure() {
        return failure.cause();
    }

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
        failure.throwIfFailed();
        if (writer.hasQueued()) {
            sendQueued();
        }
        try {
            return reaper.next(waitNanos);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Reaps the next finished request, blocking until {@code limitNanos} at most: the job's time
     * limit, after which nothing in flight is waited for. The wait is a plain blocking read (no
     * readiness polling) that a watchdog cuts at the limit by closing the connection: then
     * {@link #timedOut()} is true and {@link #abandon()} frees the requests with ETIMEDOUT. A
     * request timeout that comes sooner still applies.
     *
     * @return the slot, or -1 when nothing is in flight
     */
    public int nextCompletionBy(long limitNanos) throws IOException {
        failure.throwIfFailed();
        if (writer.hasQueued()) {
            sendQueued();
        }
        try {
            return reaper.nextBy(limitNanos);
        } catch (IOException e) {
            throw broken(e);
        } finally {
            failure.limit(null);
        }
    }

    /** 0 when the request in {@code slot} succeeded, else its errno. */
    public int error(int slot) {
        return table.error(slot);
    }

    /** The server's error, e.g. {@code NBD_EIO: message}, or null. */
    public String errorMessage(int slot) {
        return table.message(slot);
    }

    // --- for a ConnectionGroup, which waits on all its connections with one selector ---

    /**
     * Reaps a request whose reply has been received (reading the rest of a reply whose header has
     * arrived), after one non-blocking receive when {@code receive}; never waits for the socket.
     *
     * @return the slot, or -1 when no reply is complete
     */
    int poll(boolean receive) throws IOException {
        failure.throwIfFailed();
        try {
            return reaper.poll(receive);
        } catch (IOException e) {
            throw broken(e);
        }
    }

    /**
     * Whether received input waits inside the connection's transport (TLS) where a selector on its
     * socket cannot see it: {@link #poll(boolean) poll(true)} takes it without waiting.
     */
    boolean inputWaiting() {
        return wire.inputWaiting();
    }

    /** Registers the (non-blocking) socket with {@code selector} for input, with {@code attachment}. */
    SelectionKey register(Selector selector, Object attachment) throws IOException {
        return wire.register(selector, attachment);
    }

    /** When the oldest request in flight times out; only with a request_timeout and requests in flight. */
    long requestDeadline() {
        return reaper.requestDeadline();
    }

    /** The oldest request's time is up: fails the connection and returns its failure. */
    IOException expire() {
        return broken(failure.expired());
    }

    /** The job's time ran out with requests in flight: fails the connection and returns its failure. */
    IOException limitPassed() {
        return broken(reaper.limitPassed());
    }

    /** The {@code base:allocation} extents the NBD_CMD_BLOCK_STATUS in {@code slot} got, until the slot is reused. */
    public int extents(int slot) {
        return table.blockStatus.extents(slot);
    }

    /**
     * Bytes of the request in {@code slot} that its reply reported as data (block status: NBD_STATE_HOLE
     * clear), until the slot is reused.
     */
    public long dataBytes(int slot) {
        return table.blockStatus.dataBytes(slot);
    }

    /**
     * Bytes of the request in {@code slot} that its reply reported as holes: NBD_STATE_HOLE extents of a
     * block status, or NBD_REPLY_TYPE_OFFSET_HOLE chunks of a read; until the slot is reused.
     */
    public long holeBytes(int slot) {
        return table.blockStatus.holeBytes(slot);
    }

    /** Bytes of the block status in {@code slot} reported as NBD_STATE_ZERO, until the slot is reused. */
    public long zeroBytes(int slot) {
        return table.blockStatus.zeroBytes(slot);
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
        if (table.inFlight() != 0) {
            throw new IOException("internal: blocking NBD request while " + table.inFlight() + " are in flight");
        }
        submit(0, cmd, flags, off, len, buf);
        int slot = nextCompletion(true);
        if (table.error(slot) != 0) {
            throw new IOException(
                    table.message(slot) + " (command " + cmd + " at offset " + off + ", " + len + " bytes)");
        }
    }

    /** Whether the connection is open. */
    public boolean isOpen() {
        return !closed && wire.isOpen();
    }

    /**
     * Sends NBD_CMD_DISC when nothing is in flight, and closes. Never throws. Requests still in
     * flight (abandoned: the job's time ran out) are neither sent nor waited for: the server may
     * have stopped reading, and a send could block.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        registry.closed(endpoint);
        try {
            if (table.inFlight() == 0 && wire.isOpen()) {
                writer.sendDisconnect();
            }
        } catch (IOException e) {
            // the server may already be gone; closing is all that is left
        } finally {
            wire.close();
        }
    }
}
