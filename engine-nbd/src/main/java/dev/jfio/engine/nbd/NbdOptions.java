package dev.jfio.engine.nbd;

import dev.jfio.spi.EngineOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The options of the {@code nbd} engine. */
public final class NbdOptions {
    private NbdOptions() {}

    public static final EngineOption<String> URI = EngineOption.string(
            "uri",
            null,
            "NBD URI of the export: nbd[s]://[user@]host[:port]/export or nbd[s]+unix:///export?socket=PATH, "
                    + "nbds with TLS (query: tls-certificates, tls-verify-peer, tls-hostname, tls-psk-file, "
                    + "tls-username) (empty: use sockname/host, else the embedded memory server)");
    public static final EngineOption<String> SOCKNAME =
            EngineOption.string("sockname", null, "unix socket of the NBD server (instead of uri)");
    public static final EngineOption<String> EXPORTNAME = EngineOption.string(
            "exportname", null, "export name (default: the server's default export; overrides the uri's)");
    public static final EngineOption<String> HOST =
            EngineOption.string("host", null, "TCP host of the NBD server (instead of uri)");
    public static final EngineOption<Long> PORT =
            EngineOption.integer("port", 10809, "TCP port of the NBD server, with host");
    public static final EngineOption<Long> REQUEST_TIMEOUT = EngineOption.time(
            "request_timeout",
            0,
            "fail the job when the server sends nothing for this long while requests are in flight (0: wait forever)");
    public static final EngineOption<Long> CONNECT_TIMEOUT = EngineOption.time(
            "connect_timeout",
            TimeUnit.SECONDS.toNanos(5),
            "time limit for connecting and the NBD handshake (0: none)");
    public static final EngineOption<Boolean> STRUCTURED_REPLIES = EngineOption.bool(
            "structured_replies", true, "ask the server for structured replies (0: simple replies only)");
    public static final EngineOption<Long> CONNECTIONS = EngineOption.integer(
            "nbd_connections",
            1,
            "connections per job (1 to 64; iodepth at most), the job's iodepth requests spread over them, least loaded "
                    + "first, as nbdcopy --connections; more than 1 needs NBD_FLAG_CAN_MULTI_CONN from the export when "
                    + "the job writes");

    public static final EngineOption<String> OP = EngineOption.string(
            "nbd_op",
            null,
            "the NBD command each direction times: reads as read, cache or block_status (base:allocation), writes as"
                    + " write or zero (NBD_CMD_WRITE_ZEROES); one name, or READS:WRITES as in bs, e.g."
                    + " block_status:zero (default read:write)");
    public static final EngineOption<String> ZERO_FLAGS = EngineOption.string(
            "nbd_zero_flags",
            null,
            "flags of nbd_op=zero writes, comma-separated: no_hole (NBD_CMD_FLAG_NO_HOLE), fast_zero"
                    + " (NBD_CMD_FLAG_FAST_ZERO: the server fails at once rather than zero slowly)");
    public static final EngineOption<Long> FUA_PERCENTAGE = EngineOption.integer(
            "nbd_fua_percentage",
            0,
            "send this percentage of writes (write or zero) with NBD_CMD_FLAG_FUA, chosen at random with the"
                    + " job's seed (needs NBD_FLAG_SEND_FUA)");
    public static final EngineOption<Boolean> DF = EngineOption.bool(
            "nbd_df",
            false,
            "send reads with NBD_CMD_FLAG_DF: one data or hole chunk per read (needs NBD_FLAG_SEND_DF and structured"
                    + " replies)");

    public static final EngineOption<String> TLS = EngineOption.choice(
            "tls",
            "off",
            "TLS: on or require (the same: jfio never falls back to plaintext; also 1) or off (0); "
                    + "default: on for nbds:// URIs, else off. Overrides a plaintext nbd:// uri",
            "off",
            "on",
            "require",
            "0",
            "1");
    public static final EngineOption<String> TLS_CERTIFICATES = EngineOption.string(
            "tls_certificates",
            null,
            "TLS X.509: directory of ca-cert.pem, client-cert.pem, client-key.pem "
                    + "(default: $HOME/.pki/libnbd, then /etc/pki/libnbd, as libnbd)");
    public static final EngineOption<Boolean> TLS_VERIFY_PEER = EngineOption.bool(
            "tls_verify_peer", true, "TLS X.509: check the server's certificate and name (0: do not)");
    public static final EngineOption<String> TLS_HOSTNAME = EngineOption.string(
            "tls_hostname",
            null,
            "TLS X.509: the name the server's certificate must carry (default: the host; localhost on a unix socket)");
    public static final EngineOption<String> TLS_PSK_FILE = EngineOption.string(
            "tls_psk_file", null, "TLS-PSK instead of X.509: the key file, lines username:hexkey (nbdkit --tls-psk)");
    public static final EngineOption<String> TLS_USERNAME = EngineOption.string(
            "tls_username", null, "TLS-PSK: whose key in tls_psk_file to use (default: the current user)");

    /** Every option, in help order. */
    public static final List<EngineOption<?>> ALL = List.of(
            URI,
            SOCKNAME,
            EXPORTNAME,
            HOST,
            PORT,
            REQUEST_TIMEOUT,
            CONNECT_TIMEOUT,
            STRUCTURED_REPLIES,
            TLS,
            TLS_CERTIFICATES,
            TLS_VERIFY_PEER,
            TLS_HOSTNAME,
            TLS_PSK_FILE,
            TLS_USERNAME,
            CONNECTIONS,
            OP,
            ZERO_FLAGS,
            FUA_PERCENTAGE,
            DF);
}
