package dev.jfio.engine.nbd.protocol;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Where an NBD export lives: a unix socket or a TCP host and port, the export name, and the TLS
 * the connection must use ({@link TlsRequest}). Parses NBD URIs (NetworkBlockDevice/nbd
 * doc/uri.md) with {@link NbdUriParser}. Immutable.
 */
public final class NbdEndpoint {
    private final Path socketPath;
    private final String host;
    private final int port;
    private final String exportName;
    private final TlsRequest tls;
    private final List<String> ignoredParameters;

    private NbdEndpoint(
            Path socketPath, String host, int port, String exportName, TlsRequest tls, List<String> ignored) {
        this.socketPath = socketPath;
        this.host = host;
        this.port = port;
        this.exportName = Objects.requireNonNull(exportName, "exportName");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.ignoredParameters = List.copyOf(ignored);
    }

    /** An export behind a unix socket. */
    public static NbdEndpoint unix(Path socket, String exportName) {
        return new NbdEndpoint(socket, null, 0, exportName == null ? "" : exportName, TlsRequest.NONE, List.of());
    }

    /** An export on a TCP server. */
    public static NbdEndpoint tcp(String host, int port, String exportName) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("NBD port " + port + " is out of range 1-65535");
        }
        return new NbdEndpoint(null, host, port, exportName == null ? "" : exportName, TlsRequest.NONE, List.of());
    }

    /**
     * Parses an NBD URI: {@code nbd[s]://[user@]host[:port]/export}, {@code
     * nbd[s]+unix://[user@]/export?socket=PATH} (also nbdkit's {@code nbd+unix://?socket=PATH}),
     * with the TLS query parameters of libnbd and doc/uri.md ({@code tls-certificates}, {@code
     * tls-verify-peer}, {@code tls-hostname}, {@code tls-psk-file}, {@code tls-username}, {@code
     * tls-type}) on {@code nbds} URIs. Unknown query parameters are ignored, as libnbd does, and
     * listed by {@link #ignoredParameters()}.
     *
     * @throws IllegalArgumentException with a one-line message when the URI is malformed, gives
     *     TLS parameters without an {@code nbds} scheme, or names a transport jfio lacks (vsock)
     */
    public static NbdEndpoint parse(String uri) {
        return NbdUriParser.parse(uri);
    }

    /** Whether this is a unix-socket endpoint. */
    public boolean isUnix() {
        return socketPath != null;
    }

    /** The unix socket, or null for TCP. */
    public Path socketPath() {
        return socketPath;
    }

    /** The TCP host, or null for a unix socket. */
    public String host() {
        return host;
    }

    /** The TCP port, or 0 for a unix socket. */
    public int port() {
        return port;
    }

    /** The export name, "" for the server's default export. */
    public String exportName() {
        return exportName;
    }

    /** A copy naming another export. */
    public NbdEndpoint withExport(String name) {
        return new NbdEndpoint(socketPath, host, port, name == null ? "" : name, tls, ignoredParameters);
    }

    /** The TLS this endpoint asks for ({@link TlsRequest#NONE} for plaintext). */
    public TlsRequest tls() {
        return tls;
    }

    /** A copy asking for {@code request}. */
    public NbdEndpoint withTls(TlsRequest request) {
        return new NbdEndpoint(socketPath, host, port, exportName, request, ignoredParameters);
    }

    /** The query parameters of the parsed URI that jfio does not know and ignored, as written. */
    public List<String> ignoredParameters() {
        return ignoredParameters;
    }

    NbdEndpoint withIgnoredParameters(List<String> ignored) {
        return new NbdEndpoint(socketPath, host, port, exportName, tls, ignored);
    }

    /** The socket address to connect to; resolves the host name. */
    public SocketAddress socketAddress() throws IOException {
        if (socketPath != null) {
            return UnixDomainSocketAddress.of(socketPath);
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("cannot resolve NBD host '" + host + "'");
        }
        return address;
    }

    /** The server without the export name, for messages: a socket path or host:port. */
    public String serverName() {
        return socketPath != null ? socketPath.toString() : (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The endpoint as an NBD URI that parses back to it: {@code nbds} schemes, the PSK user and the
     * TLS query parameters when TLS is asked for (names of files only, never key material).
     */
    public String toUri() {
        String scheme = tls.required() ? "nbds" : "nbd";
        String user = tls.username() == null ? "" : UriText.encode(tls.username()) + "@";
        String tlsQuery = tls.query();
        if (socketPath != null) {
            return scheme + "+unix://" + user + "/" + UriText.encode(exportName) + "?socket="
                    + UriText.encode(socketPath.toString()) + (tlsQuery.isEmpty() ? "" : "&" + tlsQuery);
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + user + h + (port == Nbd.DEFAULT_PORT ? "" : ":" + port) + "/"
                + UriText.encode(exportName) + (tlsQuery.isEmpty() ? "" : "?" + tlsQuery);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NbdEndpoint)) {
            return false;
        }
        NbdEndpoint e = (NbdEndpoint) o;
        return Objects.equals(socketPath, e.socketPath)
                && Objects.equals(host, e.host)
                && port == e.port
                && exportName.equals(e.exportName)
                && tls.equals(e.tls);
    }

    @Override
    public int hashCode() {
        return Objects.hash(socketPath, host, port, exportName, tls);
    }

    @Override
    public String toString() {
        return toUri();
    }
}
