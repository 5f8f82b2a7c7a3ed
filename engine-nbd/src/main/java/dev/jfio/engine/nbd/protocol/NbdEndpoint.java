package dev.jfio.engine.nbd.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an NBD export lives: a unix socket or a TCP host and port, plus the export name.
 * Parses NBD URIs (NetworkBlockDevice/nbd doc/uri.md): {@code nbd://host[:port]/export},
 * {@code nbd+unix:///export?socket=PATH} and nbdkit's {@code nbd+unix://?socket=PATH}.
 * Immutable.
 */
public final class NbdEndpoint {
    private final Path socketPath;
    private final String host;
    private final int port;
    private final String exportName;

    private NbdEndpoint(Path socketPath, String host, int port, String exportName) {
        this.socketPath = socketPath;
        this.host = host;
        this.port = port;
        this.exportName = Objects.requireNonNull(exportName, "exportName");
    }

    /** An export behind a unix socket. */
    public static NbdEndpoint unix(Path socket, String exportName) {
        return new NbdEndpoint(socket, null, 0, exportName == null ? "" : exportName);
    }

    /** An export on a TCP server. */
    public static NbdEndpoint tcp(String host, int port, String exportName) {
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("NBD port " + port + " is out of range 1-65535");
        }
        return new NbdEndpoint(null, host, port, exportName == null ? "" : exportName);
    }

    /**
     * Parses an NBD URI.
     *
     * @throws IllegalArgumentException with a one-line message when the URI is malformed, names
     *     TLS ({@code nbds}) or a transport jfio lacks
     */
    public static NbdEndpoint parse(String uri) {
        String text = uri.trim();
        int colon = text.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("not an NBD URI: '" + uri
                    + "' (expected nbd://host[:port]/export or nbd+unix:///export?socket=PATH)");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 3);
        if (scheme.startsWith("nbds")) {
            throw new IllegalArgumentException("NBD over TLS is not supported yet: '" + uri
                    + "' (use an nbd:// or nbd+unix:// URI and a server without --tls=require)");
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int fragment = query == null ? rest.indexOf('#') : query.indexOf('#');
        if (fragment >= 0) {
            if (query == null) {
                rest = rest.substring(0, fragment);
            } else {
                query = query.substring(0, fragment);
            }
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String export = slash < 0 ? "" : decode(rest.substring(slash + 1), uri);
        String socket = null;
        if (query != null && !query.isEmpty()) {
            for (String param : query.split("&")) {
                int eq = param.indexOf('=');
                String key = eq < 0 ? param : param.substring(0, eq);
                String value = eq < 0 ? "" : decode(param.substring(eq + 1), uri);
                if (key.equals("socket")) {
                    socket = value;
                } else if (key.startsWith("tls")) {
                    throw new IllegalArgumentException("NBD over TLS is not supported yet: '" + uri + "'");
                }
            }
        }
        switch (scheme) {
            case "nbd": {
                if (socket != null) {
                    throw new IllegalArgumentException("'socket=' belongs to nbd+unix:// URIs, not '" + uri + "'");
                }
                String host = authority;
                int at = host.lastIndexOf('@');
                if (at >= 0) {
                    host = host.substring(at + 1);
                }
                int port = Nbd.DEFAULT_PORT;
                if (host.startsWith("[")) {
                    int close = host.indexOf(']');
                    if (close < 0) {
                        throw new IllegalArgumentException("unclosed '[' in NBD URI '" + uri + "'");
                    }
                    String after = host.substring(close + 1);
                    host = host.substring(1, close);
                    if (after.startsWith(":")) {
                        port = parsePort(after.substring(1), uri);
                    }
                } else {
                    int c = host.lastIndexOf(':');
                    if (c >= 0) {
                        port = parsePort(host.substring(c + 1), uri);
                        host = host.substring(0, c);
                    }
                }
                if (host.isEmpty()) {
                    host = "localhost";
                }
                return tcp(host, port, export);
            }
            case "nbd+unix": {
                if (!authority.isEmpty()) {
                    throw new IllegalArgumentException(
                            "an nbd+unix:// URI has no host: '" + uri + "' (write nbd+unix:///export?socket=PATH)");
                }
                if (socket == null || socket.isEmpty()) {
                    throw new IllegalArgumentException("NBD URI '" + uri + "' needs ?socket=PATH");
                }
                return unix(Path.of(socket), export);
            }
            default:
                throw new IllegalArgumentException("unsupported NBD URI scheme '" + scheme + "' in '" + uri
                        + "' (jfio supports nbd:// and nbd+unix://)");
        }
    }

    private static int parsePort(String text, String uri) {
        try {
            int port = Integer.parseInt(text);
            if (port > 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("bad port '" + text + "' in NBD URI '" + uri + "'");
    }

    private static String decode(String text, String uri) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    throw new IllegalArgumentException("bad %-escape in NBD URI '" + uri + "'");
                }
                int hi = Character.digit(text.charAt(i + 1), 16);
                int lo = Character.digit(text.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("bad %-escape in NBD URI '" + uri + "'");
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%')
                        .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return sb.toString();
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
        return new NbdEndpoint(socketPath, host, port, name == null ? "" : name);
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

    /** The endpoint as an NBD URI. */
    public String toUri() {
        if (socketPath != null) {
            return "nbd+unix:///" + encode(exportName) + "?socket=" + encode(socketPath.toString());
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "nbd://" + h + (port == Nbd.DEFAULT_PORT ? "" : ":" + port) + "/" + encode(exportName);
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
                && exportName.equals(e.exportName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(socketPath, host, port, exportName);
    }

    @Override
    public String toString() {
        return toUri();
    }
}
