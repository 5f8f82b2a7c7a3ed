package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.ConnectionGroup;
import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdConnection;
import dev.jfio.engine.nbd.protocol.NbdEndpoint;
import dev.jfio.engine.nbd.protocol.NbdExportInfo;
import dev.jfio.engine.nbd.server.EmbeddedServers;
import dev.jfio.engine.nbd.server.MemoryNbdServer;
import dev.jfio.spi.Completions;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code nbd} engine for one job clone: {@code nbd_connections} NBD connections (one by
 * default), opened in {@link #init}, with up to {@code iodepth} requests in flight, each in the
 * slot of its {@link IoUnit#index()}, spread over the connections by the {@link ConnectionGroup}.
 *
 * <p>Thread contract: as {@link IoEngine} says; one job thread at a time. What the engines of a
 * run share (the embedded servers, open connections, the multi-conn warning guard) is in the
 * provider's thread-safe {@link NbdRunState}.
 */
final class NbdEngine implements IoEngine {
    /** The embedded server's size when the job gives no {@code size}. */
    static final long DEFAULT_EMBEDDED_SIZE = 1L << 30;

    private final JobView job;
    private final NbdRunState run;
    private NbdEndpoint endpoint;
    private MemoryNbdServer embedded;
    private NbdExportInfo info;
    private boolean registered;
    private ConnectionGroup connection;
    /** How many connections init opens ({@link ConnectionCount}). */
    private int connections = 1;
    /** Requests per connection, kept at cleanup for the report (null with one connection). */
    private long[] requestsPerConnection;

    private IoUnit[] units;
    /** The job's time limit ({@link #timeLimit}), valid when {@link #limited}. */
    private long timeLimit;

    private boolean limited;
    private boolean canFlush;
    private boolean canTrim;
    private boolean canFua;
    private Map<String, String> properties = Map.of();
    /** The command and flags of each direction ({@code nbd_op} and its flags), set in setup. */
    private NbdCommands commands;

    private NbdCommandCounts counts;

    NbdEngine(JobView job, NbdRunState run) {
        this.job = job;
        this.run = run;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        commands = NbdCommands.of(job);
        counts = new NbdCommandCounts(commands);
        endpoint = TlsOptions.apply(job, resolveEndpoint());
        if (endpoint != null && !endpoint.ignoredParameters().isEmpty() && run.firstIgnoredParametersNotice(endpoint)) {
            job.notice("nbd: ignoring unknown query parameters of the uri, as libnbd does: "
                    + String.join("&", endpoint.ignoredParameters()));
        }
        if (endpoint == null) {
            long size = job.size() == IoTarget.UNKNOWN_SIZE
                    ? DEFAULT_EMBEDDED_SIZE
                    : Math.max(DEFAULT_EMBEDDED_SIZE, job.offset() + job.size());
            EmbeddedServers.Lease lease = run.embeddedServers().acquire(size);
            embedded = lease.server();
            endpoint = embedded.endpoint();
            if (lease.started()) {
                job.notice("no NBD server named (uri, sockname or host): benchmarking jfio's embedded memory server, "
                        + size + " bytes, on " + embedded.socket());
            }
        }
        registered = true;
        run.register(endpoint);
        try (NbdConnection probe = NbdConnection.connect(endpoint, connectOptions(1))) {
            info = probe.info();
        }
        check();
        connections = ConnectionCount.resolve(job, info, endpoint, run);
        IoTarget target = new IoTarget(endpoint.toUri());
        target.fixSize(info.size());
        setup.setTargets(List.of(target));
        canFlush = info.has(Nbd.TF_SEND_FLUSH);
        canTrim = info.has(Nbd.TF_SEND_TRIM);
        canFua = info.has(Nbd.TF_SEND_FUA);
        if (job.totalJobs() > 1
                && job.writes()
                && !info.has(Nbd.TF_CAN_MULTI_CONN)
                && run.firstMultiConnWarning(endpoint)) {
            job.notice("warning: " + job.totalJobs() + " connections write to NBD export " + endpoint
                    + " but the server does not advertise NBD_FLAG_CAN_MULTI_CONN: writes on one connection may not "
                    + "be visible on another, and FLUSH covers only its own connection's writes");
        }
        properties = describe();
    }

    private NbdEndpoint resolveEndpoint() throws IOException {
        String uri = text(NbdOptions.URI);
        String sock = text(NbdOptions.SOCKNAME);
        String host = text(NbdOptions.HOST);
        String export = job.isSet(NbdOptions.EXPORTNAME) ? job.get(NbdOptions.EXPORTNAME) : null;
        if (export != null && export.isEmpty()) {
            export = null;
        }
        if (sock != null && host != null) {
            throw new IOException("nbd: give either sockname=" + sock + " or host=" + host + ", not both");
        }
        if (uri != null && (sock != null || host != null)) {
            throw new IOException("nbd: give either uri=" + uri + " or "
                    + (sock != null ? "sockname=" + sock : "host=" + host) + ", not both");
        }
        try {
            if (uri != null) {
                NbdEndpoint e = NbdEndpoint.parse(uri);
                return export == null ? e : e.withExport(export);
            }
            if (sock != null) {
                return NbdEndpoint.unix(Path.of(sock), export);
            }
            if (host != null) {
                return NbdEndpoint.tcp(host, Math.toIntExact(job.get(NbdOptions.PORT)), export);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IOException("nbd: " + e.getMessage());
        }
        if (export != null) {
            throw new IOException("nbd: exportname=" + export + " needs a server: give uri, sockname or host");
        }
        return null;
    }

    private String text(dev.jfio.spi.EngineOption<String> option) {
        String v = job.get(option);
        return v == null || v.isBlank() ? null : v.trim();
    }

    private NbdConnection.Options connectOptions(int slots) {
        return new NbdConnection.Options()
                .slots(slots)
                .connectTimeout(job.get(NbdOptions.CONNECT_TIMEOUT))
                .requestTimeout(job.get(NbdOptions.REQUEST_TIMEOUT))
                .structuredReplies(job.get(NbdOptions.STRUCTURED_REPLIES))
                .tls(endpoint.tls().settings())
                .baseAllocation(commands.needsBaseAllocation())
                .registry(run.connections());
    }

    private void check() throws IOException {
        String where = "NBD export " + endpoint;
        int max = info.maxRequestSize();
        if (job.maxBlockSize() > max) {
            throw new IOException("bs=" + job.maxBlockSize() + " exceeds the largest request " + where + " accepts ("
                    + max + " bytes"
                    + (info.blockSizesAdvertised()
                            ? ", from NBD_INFO_BLOCK_SIZE)"
                            : "; the NBD limit when a server advertises none)"));
        }
        int min = info.minBlockSize();
        if (min > 1 && (job.minBlockSize() % min != 0 || job.maxBlockSize() % min != 0)) {
            throw new IOException("block sizes " + job.minBlockSize() + ".." + job.maxBlockSize()
                    + " are not multiples of the minimum block size " + min + " of " + where);
        }
        if (min > 1 && job.offset() % min != 0) {
            throw new IOException(
                    "offset=" + job.offset() + " is not a multiple of the minimum block size " + min + " of " + where);
        }
        if (job.writes() && info.has(Nbd.TF_READ_ONLY)) {
            throw new IOException(where + " is read-only but the job writes");
        }
        if (job.trims() && !info.has(Nbd.TF_SEND_TRIM)) {
            throw new IOException("the job trims but " + where + " does not advertise NBD_FLAG_SEND_TRIM");
        }
        commands.check(info, where, job.get(NbdOptions.STRUCTURED_REPLIES));
        long offset = job.offset();
        long size = job.size();
        if (offset > info.size() || (size != IoTarget.UNKNOWN_SIZE && offset + size > info.size())) {
            throw new IOException("offset=" + offset
                    + (size == IoTarget.UNKNOWN_SIZE ? "" : " + size=" + size + " = " + (offset + size))
                    + " is beyond the end of " + where + ", whose size is " + info.size()
                    + " bytes");
        }
    }

    private Map<String, String> describe() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("export", endpoint.toUri());
        p.put("export_size", Long.toString(info.size()));
        p.put("flags", info.describeFlags());
        p.put("block_sizes", info.describeBlockSizes());
        p.put("structured_replies", info.structuredReplies() ? "yes" : "no");
        p.put("negotiation", info.usedGo() ? "NBD_OPT_GO" : "NBD_OPT_EXPORT_NAME");
        p.put("tls", info.tls().describe());
        if (info.tls().encrypted()) {
            p.putAll(TlsOptions.describe(endpoint.tls().settings()));
        }
        if (info.description() != null && !info.description().isEmpty()) {
            p.put("description", info.description());
        }
        p.put("multi_conn", info.has(Nbd.TF_CAN_MULTI_CONN) ? "yes" : "no");
        p.put("connections", Integer.toString(connections));
        if (job.reads()) {
            p.put("read_command", commands.describeRead(info));
        }
        if (job.writes()) {
            p.put("write_command", commands.describeWrite());
        }
        if (embedded != null) {
            p.put("server", "jfio embedded memory server");
        }
        if (!info.has(Nbd.TF_SEND_FLUSH)) {
            p.put("flush", "not supported by the server: FLUSH completes at once");
        }
        return Collections.unmodifiableMap(p);
    }

    @Override
    public void init() throws IOException {
        if (endpoint == null) {
            throw new IOException("nbd: init() before setup()");
        }
        units = new IoUnit[job.iodepth()];
        connection = ConnectionGroup.connect(endpoint, connectOptions(units.length), units.length, connections);
    }

    @Override
    public QueueResult queue(IoUnit unit) throws IOException {
        ConnectionGroup c = connection;
        if (c.inFlight() >= units.length) {
            return QueueResult.BUSY;
        }
        int cmd;
        int flags = 0;
        switch (unit.op()) {
            case READ:
                cmd = commands.readCommand();
                flags = commands.readFlags();
                break;
            case WRITE:
                cmd = commands.writeCommand();
                flags = commands.writeFlags();
                if (unit.hasFlag(IoUnit.FLAG_FUA) || commands.fua()) {
                    if (!canFua) {
                        unit.fail(Errno.ENOTSUP, "NBD server does not advertise NBD_FLAG_SEND_FUA");
                        return QueueResult.COMPLETED;
                    }
                    flags |= Nbd.CMD_FLAG_FUA;
                    counts.fuaSent();
                }
                break;
            case TRIM:
                if (!canTrim) {
                    unit.fail(Errno.ENOTSUP, "NBD server does not advertise NBD_FLAG_SEND_TRIM");
                    return QueueResult.COMPLETED;
                }
                cmd = Nbd.CMD_TRIM;
                break;
            case FLUSH:
                if (job.syncPolicy().flush() == FlushKind.SYNC_FILE_RANGE) {
                    unit.fail(Errno.EINVAL, "nbd has no sync_file_range"); // as fio's nbd engine
                    return QueueResult.COMPLETED;
                }
                if (!canFlush) {
                    unit.complete(0);
                    return QueueResult.COMPLETED;
                }
                if (c.connections() > 1 && c.inFlight() > 0) {
                    // a FLUSH covers the writes completed before it on any connection (CAN_MULTI_CONN)
                    return QueueResult.BUSY;
                }
                cmd = Nbd.CMD_FLUSH;
                break;
            default:
                throw new IOException("nbd: unsupported operation " + unit.op());
        }
        int slot = unit.index();
        if (slot < 0 || slot >= units.length) {
            throw new IOException("nbd: unit index " + slot + " is outside iodepth " + units.length);
        }
        units[slot] = unit;
        boolean isFlush = cmd == Nbd.CMD_FLUSH;
        c.submit(slot, cmd, flags, isFlush ? 0 : unit.offset(), isFlush ? 0 : unit.length(), unit.buffer());
        return QueueResult.QUEUED;
    }

    @Override
    public void commit() throws IOException {
        connection.sendQueued();
    }

    @Override
    public int getEvents(int min, int max, long timeoutNanos, Completions sink) throws IOException {
        ConnectionGroup c = connection;
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        // a wait to the job's time limit blocks in a plain read, cut by the watchdog at the limit;
        // a shorter one (rate pacing) polls for readiness, which leaves the connection usable
        boolean toLimit = timeoutNanos > 0 && limited && deadline - timeLimit >= 0;
        int n = 0;
        while (n < max) {
            long wait;
            if (n >= min) {
                wait = 0;
            } else if (timeoutNanos < 0) {
                wait = -1;
            } else if (timeoutNanos == 0) {
                wait = 0;
            } else {
                wait = toLimit ? 1 : Math.max(1, deadline - System.nanoTime());
            }
            int slot;
            try {
                slot = toLimit && wait > 0 ? c.nextCompletionBy(timeLimit) : c.nextCompletion(wait);
            } catch (IOException e) {
                slot = abandoned(c, e, n);
            }
            if (slot < 0) {
                break;
            }
            sink.completed(finish(c, slot));
            n++;
            if (wait > 0 && !toLimit && n < min && System.nanoTime() - deadline >= 0) {
                break;
            }
        }
        return n;
    }

    /**
     * A wait for a reply failed with {@code e}: after a time limit, the next request in flight to
     * free (it fails with ETIMEDOUT), or -1 when none is left and {@code reaped} completions were
     * already handed over; otherwise throws {@code e}. Kept out of getEvents, so that getEvents
     * stays small enough for the JIT to inline it into the runner's loop.
     */
    private static int abandoned(ConnectionGroup c, IOException e, int reaped) throws IOException {
        if (!c.timedOut()) {
            throw e;
        }
        // the requests in flight will never be answered: each fails with ETIMEDOUT, and the next
        // call fails the job, since the connection is closed
        int slot = c.abandon();
        if (slot < 0 && reaped == 0) {
            throw e;
        }
        return slot;
    }

    /** The unit whose request in {@code slot} was reaped, with its result set. */
    private IoUnit finish(ConnectionGroup c, int slot) {
        IoUnit u = units[slot];
        units[slot] = null;
        int err = c.error(slot);
        if (err != 0) {
            u.fail(err, c.errorMessage(slot));
        } else {
            if (u.op() == IoOp.READ) {
                counts.readDone(c, slot);
            }
            u.complete(u.op() == IoOp.FLUSH ? 0 : u.length());
        }
        return u;
    }

    @Override
    public void timeLimit(long limitNanos) {
        timeLimit = limitNanos;
        limited = true;
    }

    @Override
    public void cleanup() {
        if (connection != null) {
            if (connection.connections() > 1) {
                requestsPerConnection = new long[connection.connections()];
                Arrays.setAll(requestsPerConnection, connection::requests);
            }
            connection.close();
            connection = null;
        }
        if (registered) {
            registered = false;
            run.unregister(endpoint);
        }
        if (embedded != null) {
            run.embeddedServers().release(embedded);
            embedded = null;
        }
    }

    @Override
    public Map<String, String> properties() {
        if (requestsPerConnection == null && counts == null) {
            return properties;
        }
        Map<String, String> p = new LinkedHashMap<>(properties);
        if (requestsPerConnection != null) {
            p.put(
                    "requests_per_connection",
                    Arrays.stream(requestsPerConnection)
                            .mapToObj(Long::toString)
                            .collect(Collectors.joining(",")));
        }
        if (counts != null) {
            counts.report(p, job.reads(), job.writes());
        }
        return Collections.unmodifiableMap(p);
    }

    /** What the server told setup about the export (null before setup). For tests. */
    NbdExportInfo exportInfo() {
        return info;
    }
}
