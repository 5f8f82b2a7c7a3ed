package dev.jfio.engine.nbd.protocol;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the NBD connections of one run share: how many are open to each endpoint (so a connection
 * that gets no greeting can tell a busy single-connection server from a dead one) and the
 * {@link Watchdog} that enforces their time limits. Owned by whoever owns the run (the engine
 * provider); connections made without one get a private registry.
 *
 * <p>Thread contract: thread-safe; connections on any thread share it.
 */
public final class ConnectionRegistry {
    private final ConcurrentHashMap<NbdEndpoint, AtomicInteger> open = new ConcurrentHashMap<>();
    private final Watchdog watchdog = new Watchdog();

    /** How many connections to {@code endpoint} are open (handshake done, not closed yet). */
    public int openConnections(NbdEndpoint endpoint) {
        AtomicInteger n = open.get(endpoint);
        return n == null ? 0 : n.get();
    }

    /** Records a connection to {@code endpoint} that finished its handshake. */
    void opened(NbdEndpoint endpoint) {
        open.computeIfAbsent(endpoint, e -> new AtomicInteger()).incrementAndGet();
    }

    /** Records that a connection recorded by {@link #opened} was closed. */
    void closed(NbdEndpoint endpoint) {
        AtomicInteger n = open.get(endpoint);
        if (n != null) {
            n.decrementAndGet();
        }
    }

    /** The watchdog of this run's connections. */
    Watchdog watchdog() {
        return watchdog;
    }
}
