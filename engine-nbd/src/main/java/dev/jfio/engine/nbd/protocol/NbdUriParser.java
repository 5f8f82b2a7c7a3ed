package dev.jfio.engine.nbd.protocol;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses NBD URIs (NetworkBlockDevice/nbd doc/uri.md, libnbd's nbd_connect_uri) into an {@link
 * NbdEndpoint}: {@code nbd[s]://[user@]host[:port]/export} and {@code
 * nbd[s]+unix://[user@]/export?socket=PATH} (also nbdkit's {@code nbd+unix://?socket=PATH}), with
 * the TLS query parameters {@code tls-certificates}, {@code tls-verify-peer}, {@code tls-hostname},
 * {@code tls-psk-file}, {@code tls-username} and {@code tls-type}, which only {@code nbds} URIs
 * take. Unknown query parameters are kept aside (libnbd ignores them; the engine says so).
 * Stateless; any thread.
 */
final class NbdUriParser {
    private static final String FORMS = "nbd[s]://host[:port]/export or nbd[s]+unix:///export?socket=PATH";

    private final String uri;

    private NbdUriParser(String uri) {
        this.uri = uri;
    }

    /** See {@link NbdEndpoint#parse}. */
    static NbdEndpoint parse(String uri) {
        return new NbdUriParser(uri).parse();
    }

    private NbdEndpoint parse() {
        String text = uri.trim();
        int colon = text.indexOf("://");
        if (colon < 0) {
            throw new IllegalArgumentException("not an NBD URI: '" + uri + "' (expected " + FORMS + ")");
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        String rest = text.substring(colon + 3);
        boolean tls = scheme.startsWith("nbds");
        String transport = tls ? "nbd" + scheme.substring(4) : scheme;
        if (transport.equals("nbd+vsock")) {
            throw new IllegalArgumentException("NBD over vsock is not supported: '" + uri
                    + "' (jfio connects over TCP and unix sockets: " + FORMS + ")");
        }
        if (!transport.equals("nbd") && !transport.equals("nbd+unix")) {
            throw new IllegalArgumentException("unsupported NBD URI scheme '" + scheme + "' in '" + uri
                    + "' (jfio supports nbd://, nbds://, nbd+unix:// and nbds+unix://)");
        }
        int fragment = rest.indexOf('#');
        if (fragment >= 0) {
            rest = rest.substring(0, fragment);
        }
        String query = null;
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String export = slash < 0 ? "" : UriText.decode(rest.substring(slash + 1), uri);
        String user = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            user = UriText.decode(authority.substring(0, at), uri);
            authority = authority.substring(at + 1);
            if (user.isEmpty()) {
                user = null;
            }
        }
        Query params = new Query(user);
        if (query != null && !query.isEmpty()) {
            for (String param : query.split("&")) {
                if (!param.isEmpty()) {
                    params.add(param);
                }
            }
        }
        if (!tls && params.named != null) {
            throw new IllegalArgumentException(params.named + " in NBD URI '" + uri + "' asks for TLS: write "
                    + (transport.equals("nbd") ? "nbds://" : "nbds+unix://") + " (or drop it)");
        }
        TlsRequest request = tls ? params.request().validate() : TlsRequest.NONE;
        NbdEndpoint endpoint;
        if (transport.equals("nbd")) {
            if (params.socket != null) {
                throw new IllegalArgumentException("'socket=' belongs to nbd+unix:// URIs, not '" + uri + "'");
            }
            endpoint = tcp(authority, export);
        } else {
            if (!authority.isEmpty()) {
                throw new IllegalArgumentException(
                        "an nbd+unix:// URI has no host: '" + uri + "' (write nbd+unix:///export?socket=PATH)");
            }
            if (params.socket == null || params.socket.isEmpty()) {
                throw new IllegalArgumentException("NBD URI '" + uri + "' needs ?socket=PATH");
            }
            endpoint = NbdEndpoint.unix(Path.of(params.socket), export);
        }
        return endpoint.withTls(request).withIgnoredParameters(params.unknown);
    }

    private NbdEndpoint tcp(String authority, String export) {
        String host = authority;
        int port = Nbd.DEFAULT_PORT;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("unclosed '[' in NBD URI '" + uri + "'");
            }
            String after = host.substring(close + 1);
            host = host.substring(1, close);
            if (after.startsWith(":")) {
                port = parsePort(after.substring(1));
            }
        } else {
            int c = host.lastIndexOf(':');
            if (c >= 0) {
                port = parsePort(host.substring(c + 1));
                host = host.substring(0, c);
            }
        }
        if (host.isEmpty()) {
            host = "localhost";
        }
        return NbdEndpoint.tcp(host, port, export);
    }

    private int parsePort(String text) {
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

    /** The query parameters of one URI, as they are read. */
    private final class Query {
        String socket;
        /** The first TLS parameter (or the user), for the message when the scheme is not nbds. */
        String named;

        Path certificates;
        Boolean verifyPeer;
        String hostname;
        Path pskFile;
        String username;
        String type;
        final List<String> unknown = new ArrayList<>();

        Query(String user) {
            username = user;
            if (user != null) {
                named = "the user '" + user + "@'";
            }
        }

        void add(String param) {
            int eq = param.indexOf('=');
            String key = eq < 0 ? param : param.substring(0, eq);
            String value = eq < 0 ? "" : UriText.decode(param.substring(eq + 1), uri);
            if (key.equals("socket")) {
                socket = value;
                return;
            }
            if (key.startsWith("tls-") && named == null) {
                named = key;
            }
            switch (key) {
                case "tls-certificates":
                    certificates = Path.of(nonEmpty(key, value));
                    break;
                case "tls-verify-peer":
                    verifyPeer = bool(key, value);
                    break;
                case "tls-hostname":
                    hostname = nonEmpty(key, value);
                    break;
                case "tls-psk-file":
                    pskFile = Path.of(nonEmpty(key, value));
                    break;
                case "tls-username":
                    String u = nonEmpty(key, value);
                    if (username != null && !username.equals(u)) {
                        throw new IllegalArgumentException(
                                "NBD URI '" + uri + "' names two users: '" + username + "@' and tls-username=" + u);
                    }
                    username = u;
                    break;
                case "tls-type":
                    type = value.toLowerCase(Locale.ROOT);
                    if (!type.equals("x509") && !type.equals("psk")) {
                        throw new IllegalArgumentException("tls-type=" + value + " in NBD URI '" + uri
                                + "' is not supported (jfio does x509 and psk; anon TLS is not supported)");
                    }
                    break;
                default:
                    unknown.add(param);
            }
        }

        TlsRequest request() {
            if ("psk".equals(type) && pskFile == null) {
                throw new IllegalArgumentException("tls-type=psk in NBD URI '" + uri + "' needs tls-psk-file=FILE");
            }
            if ("x509".equals(type) && pskFile != null) {
                throw new IllegalArgumentException(
                        "tls-type=x509 and tls-psk-file in NBD URI '" + uri + "' contradict each other");
            }
            return new TlsRequest(true, certificates, verifyPeer, hostname, pskFile, username);
        }

        private String nonEmpty(String key, String value) {
            if (value.isEmpty()) {
                throw new IllegalArgumentException(key + "= in NBD URI '" + uri + "' needs a value");
            }
            return value;
        }

        private Boolean bool(String key, String value) {
            switch (value.toLowerCase(Locale.ROOT)) {
                case "1":
                case "true":
                    return true;
                case "0":
                case "false":
                    return false;
                default:
                    throw new IllegalArgumentException(
                            key + "=" + value + " in NBD URI '" + uri + "': use 0 or 1 (false or true)");
            }
        }
    }
}
