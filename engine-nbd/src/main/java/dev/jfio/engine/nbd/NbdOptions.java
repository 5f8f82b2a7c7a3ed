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
            CONNECTIONS,
            OP,
            ZERO_FLAGS,
            FUA_PERCENTAGE,
            DF);
}
