package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A job's connections to one export ({@code nbd_connections}), used as one pipelined connection of
 * {@code slots} slots: each request goes to the connection with the fewest requests in flight
 * (ties taken in turn), in a free slot of its own, so the {@code n} connections share the load
 * whatever slots the caller uses. Each connection has {@code ceil(slots / n)} slots, which is
 * enough: while fewer than {@code slots} requests are in flight, the least loaded connection has
 * fewer than that. With one connection every call goes straight to it: the path and cost of a
 * plain {@link NbdConnection}.
 *
 * <p>With several, the connections are non-blocking and registered with one selector: a wait for
 * any reply is one {@code epoll_wait} over all sockets (never a spin), bounded by the caller's
 * wait, the job's time limit and the oldest request's request_timeout on each connection.
 * Replies already received are reaped first, in turn from each connection. A connection that
 * fails fails the group with its own message; its requests in flight are then freed by
 * {@link #abandon()} (ETIMEDOUT after a time limit, else EIO), as a single connection's are.
 *
 * <p>Submitting and reaping allocate nothing. Thread contract: not thread-safe; one thread at a
 * time (the job thread).
 */
public final class ConnectionGroup implements AutoCloseable {
    /** The most connections one job may open. */
    public static final int MAX_CONNECTIONS = 64;

    private static final long ONE_MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** The one connection when there is one, else null. */
    private final NbdConnection single;

    private final NbdConnection[] members;
    private final int n;
    /** Slots per connection. */
    private final int perConnection;
    /** Per slot of the group: its connection and its slot there, while it is taken. */
    private final int[] connectionOf;

    private final int[] localOf;
    /** Per connection and local slot ({@code c * perConnection + local}): whether it is taken, and by which slot. */
    private final boolean[] taken;

    private final int[] slotOf;
    /** Requests submitted per connection. */
    private final long[] requests;
    /** Per connection: requests batched since its last send. */
    private final boolean[] queued;
    /** Per connection: whether the last select found input; set by {@link #onReady}. */
    private final boolean[] ready;

    private final Selector selector;
    private final boolean timed;
    private final Consumer<SelectionKey> onReady = this::markReady;
    /** The connection whose received replies are reaped first next time (round robin). */
    private int cursor;
    /** The connection a request goes to next when several are least loaded (round robin). */
    private int next;
    /** Set when the job thread was interrupted in a wait: the connections are closed. */
    private IOException interrupted;

    private ConnectionGroup(NbdConnection[] members, int slots, Selector selector, boolean timed) {
        this.members = members;
        this.n = members.length;
        this.perConnection = (slots + n - 1) / n;
        this.connectionOf = new int[slots];
        this.localOf = new int[slots];
        this.taken = new boolean[n * perConnection];
        this.slotOf = new int[n * perConnection];
        this.single = n == 1 ? members[0] : null;
        this.requests = new long[n];
        this.queued = new boolean[n];
        this.ready = new boolean[n];
        this.selector = selector;
        this.timed = timed;
    }

    /**
     * Opens {@code connections} connections (each with the full handshake) sharing {@code slots}
     * slots; on failure closes those already open.
     *
     * @param connections from 1 to {@code min(slots, MAX_CONNECTIONS)}
     * @throws IOException with a one-line message as {@link NbdConnection#connect} words it, naming
     *     which connection failed when there are several
     */
    public static ConnectionGroup connect(
            NbdEndpoint endpoint, NbdConnection.Options options, int slots, int connections) throws IOException {
        if (connections < 1 || connections > slots || connections > MAX_CONNECTIONS) {
            throw new IllegalArgumentException("connections must be 1.." + Math.min(slots, MAX_CONNECTIONS));
        }
        boolean timed = options.requestTimeoutNanos > 0;
        if (connections == 1) {
            return new ConnectionGroup(
                    new NbdConnection[] {NbdConnection.connect(endpoint, options, slots, false)}, slots, null, timed);
        }
        NbdConnection[] members = new NbdConnection[connections];
        Selector selector = Selector.open();
        boolean ok = false;
        try {
            for (int i = 0; i < connections; i++) {
                int local = (slots + connections - 1) / connections;
                try {
                    members[i] = NbdConnection.connect(endpoint, options, local, true);
                } catch (IOException e) {
                    throw new IOException("connection " + (i + 1) + " of " + connections + ": " + e.getMessage(), e);
                }
                members[i].register(selector, i);
            }
            ok = true;
        } finally {
            if (!ok) {
                for (NbdConnection c : members) {
                    if (c != null) {
                        c.close();
                    }
                }
                selector.close();
            }
        }
        return new ConnectionGroup(members, slots, selector, timed);
    }

    /** How many connections. */
    public int connections() {
        return n;
    }

    /** How many requests connection {@code i} was given. */
    public long requests(int i) {
        return requests[i];
    }

    /** Requests in flight on all connections (submitted and not yet reaped). */
    public int inFlight() {
        if (single != null) {
            return single.inFlight();
        }
        int sum = 0;
        for (NbdConnection c : members) {
            sum += c.inFlight();
        }
        return sum;
    }

    /**
     * Sends one request in {@code slot} (free), on the least loaded connection; see
     * {@link NbdConnection#submit}.
     */
    public void submit(int slot, int cmd, int cmdFlags, long off, int len, ByteBuffer buf) throws IOException {
        if (single != null) {
            single.submit(slot, cmd, cmdFlags, off, len, buf);
            return;
        }
        throwIfFailed(); // one failed connection fails the group
        int c = leastLoaded();
        int base = c * perConnection;
        int local = 0;
        while (taken[base + local]) {
            local++; // never past perConnection: the least loaded connection has a free slot
        }
        // mapped first: a request whose write fails is in flight there, and abandon() frees it
        taken[base + local] = true;
        slotOf[base + local] = slot;
        connectionOf[slot] = c;
        localOf[slot] = local;
        members[c].submit(local, cmd, cmdFlags, off, len, buf);
        queued[c] = true;
        requests[c]++;
    }

    private int leastLoaded() {
        int best = next;
        int least = members[best].inFlight();
        for (int k = 1; k < n && least > 0; k++) {
            int c = next + k < n ? next + k : next + k - n;
            int load = members[c].inFlight();
            if (load < least) {
                least = load;
                best = c;
            }
        }
        next = best + 1 < n ? best + 1 : 0;
        return best;
    }

    /** The group's slot of the request in local slot {@code local} of connection {@code c}, now free. */
    private int release(int c, int local) {
        int i = c * perConnection + local;
        taken[i] = false;
        return slotOf[i];
    }

    /** Sends the requests batched on every connection; see {@link NbdConnection#sendQueued}. */
    public void sendQueued() throws IOException {
        if (single != null) {
            single.sendQueued();
            return;
        }
        for (int c = 0; c < n; c++) {
            if (queued[c]) {
                queued[c] = false;
                members[c].sendQueued();
            }
        }
    }

    /**
     * Reaps the next finished request of any connection, waiting at most {@code waitNanos}; see
     * {@link NbdConnection#nextCompletion(long)}.
     */
    public int nextCompletion(long waitNanos) throws IOException {
        if (single != null) {
            return single.nextCompletion(waitNanos);
        }
        return reap(waitNanos != 0, waitNanos > 0, waitNanos > 0 ? System.nanoTime() + waitNanos : 0, false);
    }

    /**
     * Reaps the next finished request of any connection, waiting until the job's time limit at
     * most; when it passes, every connection with requests in flight fails as
     * {@link NbdConnection#nextCompletionBy(long)} says.
     */
    public int nextCompletionBy(long limitNanos) throws IOException {
        if (single != null) {
            return single.nextCompletionBy(limitNanos);
        }
        return reap(true, true, limitNanos, true);
    }

    private int reap(boolean mayWait, boolean bounded, long until, boolean jobLimit) throws IOException {
        throwIfFailed();
        sendQueued();
        int slot = pollAll();
        while (slot < 0 && inFlight() > 0) {
            long wait = 0;
            if (mayWait) {
                wait = waitBound(bounded, until, jobLimit);
                if (wait == 0) {
                    return -1;
                }
            }
            select(wait);
            slot = pollReady();
            if (!mayWait) {
                break;
            }
        }
        return slot;
    }

    /**
     * How long the next wait may be (negative: no bound): the caller's bound, or the oldest request's
     * request_timeout when sooner; 0 when the caller's bound has passed. Fails the connection whose
     * oldest request has timed out, or, when {@code jobLimit} has passed, every connection with requests
     * in flight.
     */
    private long waitBound(boolean bounded, long until, boolean jobLimit) throws IOException {
        long now = System.nanoTime();
        long wait = -1;
        if (bounded) {
            wait = until - now;
            if (wait <= 0) {
                if (jobLimit) {
                    throw limitPassed();
                }
                return 0;
            }
        }
        if (timed) {
            IOException expired = null;
            for (NbdConnection c : members) {
                if (c.inFlight() > 0) {
                    long left = c.requestDeadline() - now;
                    if (left <= 0) {
                        // every connection whose oldest request is overdue fails now, not one per call
                        IOException e = c.expire();
                        expired = expired == null ? e : expired;
                    } else if (wait < 0 || left < wait) {
                        wait = left;
                    }
                }
            }
            if (expired != null) {
                throw expired;
            }
        }
        return wait;
    }

    /** The job's time ran out: fails every connection with requests in flight; returns the first failure. */
    private IOException limitPassed() {
        IOException first = null;
        for (NbdConnection c : members) {
            if (c.inFlight() > 0) {
                IOException e = c.limitPassed();
                if (first == null) {
                    first = e;
                }
            }
        }
        return first;
    }

    /** Waits up to {@code nanos} (negative: no limit; 0: no wait) until some connection has input. */
    private void select(long nanos) throws IOException {
        boolean waiting = false;
        for (int i = 0; i < n; i++) {
            // TLS may hold a decrypted reply whose bytes have left the socket: never wait for those
            boolean w = members[i].inputWaiting();
            ready[i] = w;
            waiting |= w;
        }
        if (nanos == 0 || waiting) {
            selector.selectNow(onReady);
        } else if (nanos < 0) {
            selector.select(onReady, 0);
        } else if (nanos < ONE_MS) {
            // a selector counts in whole milliseconds: wait the short stretch, then look once
            LockSupport.parkNanos(nanos);
            selector.selectNow(onReady);
        } else {
            selector.select(onReady, TimeUnit.NANOSECONDS.toMillis(nanos + ONE_MS - 1));
        }
        if (Thread.currentThread().isInterrupted()) {
            interrupted = new IOException("interrupted while talking to NBD server "
                    + members[0].endpoint().serverName() + "; the connections are closed");
            close();
            throw interrupted;
        }
    }

    private void markReady(SelectionKey key) {
        ready[(Integer) key.attachment()] = true;
    }

    /** A request whose reply is already received, taking the connections in turn; -1 when none. */
    private int pollAll() throws IOException {
        for (int k = 0; k < n; k++) {
            int c = cursor + k < n ? cursor + k : cursor + k - n;
            int slot = members[c].poll(false);
            if (slot >= 0) {
                cursor = c + 1 < n ? c + 1 : 0;
                return release(c, slot);
            }
        }
        return -1;
    }

    /** Receives on each connection the last select found ready, until one completes a request; -1 when none does. */
    private int pollReady() throws IOException {
        for (int k = 0; k < n; k++) {
            int c = cursor + k < n ? cursor + k : cursor + k - n;
            if (ready[c]) {
                ready[c] = false;
                int slot = members[c].poll(true);
                if (slot >= 0) {
                    cursor = c + 1 < n ? c + 1 : 0;
                    return release(c, slot);
                }
            }
        }
        return -1;
    }

    private void throwIfFailed() throws IOException {
        if (interrupted != null) {
            throw new IOException(interrupted.getMessage(), interrupted);
        }
        for (NbdConnection c : members) {
            IOException f = c.failure();
            if (f != null) {
                throw new IOException(f.getMessage(), f);
            }
        }
    }

    /** 0 when the request in {@code slot} succeeded, else its errno. */
    public int error(int slot) {
        return single != null ? single.error(slot) : members[connectionOf[slot]].error(localOf[slot]);
    }

    /** The {@code base:allocation} extents the block status in {@code slot} got; see {@link NbdConnection#extents}. */
    public int extents(int slot) {
        return single != null ? single.extents(slot) : members[connectionOf[slot]].extents(localOf[slot]);
    }

    /** Data bytes the reply in {@code slot} reported; see {@link NbdConnection#dataBytes}. */
    public long dataBytes(int slot) {
        return single != null ? single.dataBytes(slot) : members[connectionOf[slot]].dataBytes(localOf[slot]);
    }

    /** Hole bytes the reply in {@code slot} reported; see {@link NbdConnection#holeBytes}. */
    public long holeBytes(int slot) {
        return single != null ? single.holeBytes(slot) : members[connectionOf[slot]].holeBytes(localOf[slot]);
    }

    /** Zero bytes the block status in {@code slot} reported; see {@link NbdConnection#zeroBytes}. */
    public long zeroBytes(int slot) {
        return single != null ? single.zeroBytes(slot) : members[connectionOf[slot]].zeroBytes(localOf[slot]);
    }

    /** The server's error for the request in {@code slot}, or null. */
    public String errorMessage(int slot) {
        return single != null ? single.errorMessage(slot) : members[connectionOf[slot]].errorMessage(localOf[slot]);
    }

    /**
     * Whether a connection failed because a reply did not come in time (request_timeout or the
     * job's time limit): {@link #abandon()} frees its requests in flight.
     */
    public boolean timedOut() {
        if (single != null) {
            return single.timedOut();
        }
        for (NbdConnection c : members) {
            if (c.timedOut()) {
                return true;
            }
        }
        return false;
    }

    /**
     * After connections failed: frees one request still in flight on a failed connection and returns
     * its slot (see {@link NbdConnection#abandon()}); -1 when none is left.
     */
    public int abandon() {
        if (single != null) {
            return single.abandon();
        }
        for (int c = 0; c < n; c++) {
            int slot = members[c].abandon();
            if (slot >= 0) {
                return release(c, slot);
            }
        }
        return -1;
    }

    /** Closes every connection (see {@link NbdConnection#close()}). Never throws. */
    @Override
    public void close() {
        for (NbdConnection c : members) {
            c.close();
        }
        if (selector != null) {
            try {
                selector.close();
            } catch (IOException e) {
                // nothing useful to do: the connections are going away
            }
        }
    }
}
