package dev.jfio.engine.nbd.server;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded servers of one run, shared by the job clones that want the same size:
 * started by the first {@link #acquire}, stopped by the last {@link #release}.
 *
 * <p>Thread contract: all methods are synchronized; call from any thread.
 */
public final class EmbeddedServers {
    private final Map<Long, Entry> servers = new HashMap<>();

    private static final class Entry {
        final MemoryNbdServer server;
        int users;

        Entry(MemoryNbdServer server) {
            this.server = server;
        }
    }

    /** Result of {@link #acquire}: the server, and whether this call started it. */
    public record Lease(MemoryNbdServer server, boolean started) {}

    /** The running server of {@code size} bytes, started if needed; pair with {@link #release}. */
    public synchronized Lease acquire(long size) throws IOException {
        Entry e = servers.get(size);
        boolean started = false;
        if (e == null) {
            e = new Entry(MemoryNbdServer.start(size, ""));
            servers.put(size, e);
            started = true;
        }
        e.users++;
        return new Lease(e.server, started);
    }

    /** Gives back a server from {@link #acquire}; the last user stops it. */
    public synchronized void release(MemoryNbdServer server) {
        Entry e = servers.get(server.size());
        if (e == null || e.server != server) {
            return;
        }
        if (--e.users == 0) {
            servers.remove(server.size());
            server.close();
        }
    }
}
