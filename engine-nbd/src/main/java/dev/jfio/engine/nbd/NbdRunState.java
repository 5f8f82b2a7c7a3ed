package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.ConnectionRegistry;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.server.EmbeddedServers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the nbd engines of one run share: the open connections per endpoint (and the watchdog of
 * their time limits), the embedded servers, and which exports have had their multi-conn warning.
 * The {@link NbdEngineProvider} (one per run) creates it and hands it to every engine it creates.
 *
 * <p>Thread contract: thread-safe; engines on any thread use it.
 */
final class NbdRunState {
    private final ConnectionRegistry connections = new ConnectionRegistry();
    private final EmbeddedServers embeddedServers = new EmbeddedServers();
    private final Set<NbdEndpoint> warnedMultiConn = ConcurrentHashMap.newKeySet();
    private final Set<NbdEndpoint> noticedIgnoredParameters = ConcurrentHashMap.newKeySet();
    /** Notices given once per run (keyed by what they are about), so that clones do not repeat them. */
    private final Set<String> notices = ConcurrentHashMap.newKeySet();
    /** Engines set up against each endpoint and not cleaned up yet. */
    private final Map<NbdEndpoint, Integer> users = new ConcurrentHashMap<>();

    /** The connections of this run. */
    ConnectionRegistry connections() {
        return connections;
    }

    /** The embedded servers of this run. */
    EmbeddedServers embeddedServers() {
        return embeddedServers;
    }

    /** An engine starts using {@code endpoint}; pair with {@link #unregister}. */
    void register(NbdEndpoint endpoint) {
        users.merge(endpoint, 1, Integer::sum);
    }

    /** Whether this is the first multi-conn warning for {@code endpoint} while engines use it. */
    boolean firstMultiConnWarning(NbdEndpoint endpoint) {
        return warnedMultiConn.add(endpoint);
    }

    /** Whether this is the run's first notice of the unknown URI parameters of {@code endpoint}. */
    boolean firstIgnoredParametersNotice(NbdEndpoint endpoint) {
        return noticedIgnoredParameters.add(endpoint);
    }

    /** Whether this is the first time this run asks about the notice {@code key}. */
    boolean firstNotice(String key) {
        return notices.add(key);
    }

    /** An engine stops using {@code endpoint}; after the last one, a later use warns again. */
    void unregister(NbdEndpoint endpoint) {
        Integer left = users.computeIfPresent(endpoint, (k, v) -> v > 1 ? v - 1 : null);
        if (left == null) {
            warnedMultiConn.remove(endpoint);
        }
    }
}
