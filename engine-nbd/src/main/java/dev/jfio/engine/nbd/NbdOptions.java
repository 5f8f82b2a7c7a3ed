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
            "NBD URI of the export: nbd://host[:port]/export or nbd+unix:///export?socket=PATH "
                    + "(empty: use sockname/host, else the embedded memory server)");
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

    /** Every option, in help order. */
    public static final List<EngineOption<?>> ALL = List.of(
            URI, SOCKNAME, EXPORTNAME, HOST, PORT, REQUEST_TIMEOUT, CONNECT_TIMEOUT, STRUCTURED_REPLIES, CONNECTIONS);
}
