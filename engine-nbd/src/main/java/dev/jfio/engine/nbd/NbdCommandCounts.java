package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.ConnectionGroup;
import dev.jfio.engine.nbd.protocol.Nbd;
import java.util.Map;

/**
 * What one job's commands did beyond their latency: the writes sent with FUA, the
 * {@code base:allocation} extents its block-status requests counted (and their bytes by kind), and
 * how many of its DF reads came back as one hole chunk. Shown in the job's report
 * ({@link #report}) after it ends.
 *
 * <p>Allocates nothing per I/O. Thread contract: not thread-safe; the job thread counts, the
 * runner's main thread reports after the job has finished.
 */
final class NbdCommandCounts {
    private final NbdCommands commands;
    private long fuaWrites;
    private long blockStatusRequests;
    private long extents;
    private long dataBytes;
    private long holeBytes;
    private long zeroBytes;
    private long dfReads;
    private long dfHoleReads;

    NbdCommandCounts(NbdCommands commands) {
        this.commands = commands;
    }

    /** A write went out with NBD_CMD_FLAG_FUA. */
    void fuaSent() {
        fuaWrites++;
    }

    /** The read in {@code slot} of {@code c} succeeded: counts what its reply reported. */
    void readDone(ConnectionGroup c, int slot) {
        int cmd = commands.readCommand();
        if (cmd == Nbd.CMD_BLOCK_STATUS) {
            blockStatusRequests++;
            extents += c.extents(slot);
            dataBytes += c.dataBytes(slot);
            holeBytes += c.holeBytes(slot);
            zeroBytes += c.zeroBytes(slot);
        } else if ((commands.readFlags() & Nbd.CMD_FLAG_DF) != 0) {
            dfReads++;
            if (c.holeBytes(slot) != 0) {
                dfHoleReads++;
            }
        }
    }

    /** Adds the counts to {@code p}, the job's properties. */
    void report(Map<String, String> p, boolean reads, boolean writes) {
        if (reads && commands.readCommand() == Nbd.CMD_BLOCK_STATUS) {
            p.put("block_status_requests", Long.toString(blockStatusRequests));
            p.put("block_status_extents", Long.toString(extents));
            p.put("block_status_data_bytes", Long.toString(dataBytes));
            p.put("block_status_hole_bytes", Long.toString(holeBytes));
            p.put("block_status_zero_bytes", Long.toString(zeroBytes));
        }
        if (reads && (commands.readFlags() & Nbd.CMD_FLAG_DF) != 0) {
            p.put("df_reads", Long.toString(dfReads));
            p.put("df_hole_reads", Long.toString(dfHoleReads));
        }
        if (writes && (fuaWrites > 0 || commands.fuaPercentage() > 0)) {
            p.put("fua_writes", Long.toString(fuaWrites));
        }
    }
}
