package dev.jfio.engine.nbd;

import dev.jfio.engine.nbd.protocol.Nbd;
import dev.jfio.engine.nbd.protocol.NbdExportInfo;
import dev.jfio.spi.JobView;
import java.io.IOException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Which NBD command and flags each direction of a job sends ({@code nbd_op}, {@code nbd_zero_flags},
 * {@code nbd_fua_percentage}, {@code nbd_df}), parsed from the job's options and checked against
 * what the export advertises. The job's read and write statistics are then those commands' latency
 * and IOPS; {@link NbdCommandCounts} adds what their replies reported.
 *
 * <p>Thread contract: immutable after {@link #of} except the FUA draw ({@link #fua()}), which
 * belongs to the job thread.
 */
final class NbdCommands {
    private static final String READ_OPS = "read, cache, block_status";
    private static final String WRITE_OPS = "write, zero";

    private final String opText;
    private final int readCommand;
    private final int readFlags;
    private final int writeCommand;
    private final int writeFlags;
    private final int fuaPercentage;
    /** splitmix64 state of the FUA draw: seeded per job and clone, like fio's per-job random states. */
    private long fuaState;

    private NbdCommands(String opText, int readCommand, int readFlags, int writeCommand, int writeFlags, int fua) {
        this.opText = opText;
        this.readCommand = readCommand;
        this.readFlags = readFlags;
        this.writeCommand = writeCommand;
        this.writeFlags = writeFlags;
        this.fuaPercentage = fua;
    }

    /**
     * The commands the job asks for.
     *
     * @throws IOException with a one-line message for a value the options do not accept, or an
     *     option that does not apply to the job's commands or directions
     */
    static NbdCommands of(JobView job) throws IOException {
        String text = job.get(NbdOptions.OP);
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        int read = Nbd.CMD_READ;
        int write = Nbd.CMD_WRITE;
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new IOException("nbd_op=" + text + ": give one command or READS:WRITES (reads: " + READ_OPS
                    + "; writes: " + WRITE_OPS + ")");
        }
        if (parts.length == 2) {
            read = parts[0].isEmpty() ? read : readCommand(text, parts[0]);
            write = parts[1].isEmpty() ? write : writeCommand(text, parts[1]);
        } else if (!text.isEmpty()) {
            int r = readCommandOrMinusOne(text);
            if (r >= 0) {
                read = r;
            } else {
                write = writeCommand(text, text);
            }
        }
        if (read != Nbd.CMD_READ && !job.reads()) {
            throw new IOException(
                    "nbd_op=" + text + " makes reads " + Nbd.commandName(read) + ", but the job does not read (rw)");
        }
        if (write != Nbd.CMD_WRITE && !job.writes()) {
            throw new IOException(
                    "nbd_op=" + text + " makes writes " + Nbd.commandName(write) + ", but the job does not write (rw)");
        }
        int writeFlags = zeroFlags(job, write);
        long fua = job.get(NbdOptions.FUA_PERCENTAGE);
        if (fua < 0 || fua > 100) {
            throw new IOException("nbd_fua_percentage=" + fua + ": give a percentage from 0 to 100");
        }
        if (fua > 0 && !job.writes()) {
            throw new IOException("nbd_fua_percentage=" + fua + " applies to writes, but the job does not write (rw)");
        }
        int readFlags = 0;
        if (job.get(NbdOptions.DF)) {
            if (read != Nbd.CMD_READ || !job.reads()) {
                throw new IOException("nbd_df=1 applies to reads sent as NBD_CMD_READ, but the job's reads are "
                        + (job.reads() ? Nbd.commandName(read) + " (nbd_op=" + text + ")" : "none (rw)"));
            }
            readFlags = Nbd.CMD_FLAG_DF;
        }
        if (job.verifies() && (read != Nbd.CMD_READ || write != Nbd.CMD_WRITE)) {
            int moves = read != Nbd.CMD_READ ? read : write;
            throw new IOException("verify cannot check nbd_op=" + text + ": " + Nbd.commandName(moves)
                    + " moves no data to compare (use nbd_op=read:write, the default, to verify)");
        }
        NbdCommands c = new NbdCommands(text, read, readFlags, write, writeFlags, (int) fua);
        c.fuaState = ((long) job.jobNumber() << 32) + job.cloneIndex();
        return c;
    }

    private static int readCommandOrMinusOne(String name) {
        switch (name) {
            case "read":
                return Nbd.CMD_READ;
            case "cache":
                return Nbd.CMD_CACHE;
            case "block_status":
                return Nbd.CMD_BLOCK_STATUS;
            default:
                return -1;
        }
    }

    private static int readCommand(String text, String name) throws IOException {
        int cmd = readCommandOrMinusOne(name);
        if (cmd < 0) {
            throw new IOException(
                    "nbd_op=" + text + ": '" + name + "' is not a command for reads; accepted: " + READ_OPS);
        }
        return cmd;
    }

    private static int writeCommand(String text, String name) throws IOException {
        switch (name) {
            case "write":
                return Nbd.CMD_WRITE;
            case "zero":
                return Nbd.CMD_WRITE_ZEROES;
            default:
                throw new IOException("nbd_op=" + text + ": unknown command '" + name + "'; accepted: " + READ_OPS
                        + " (reads), " + WRITE_OPS + " (writes), or READS:WRITES such as block_status:zero");
        }
    }

    private static int zeroFlags(JobView job, int write) throws IOException {
        String text = job.get(NbdOptions.ZERO_FLAGS);
        if (text == null || text.isBlank()) {
            return 0;
        }
        if (write != Nbd.CMD_WRITE_ZEROES) {
            throw new IOException("nbd_zero_flags=" + text.trim() + " applies to nbd_op=zero writes only");
        }
        int flags = 0;
        for (String f : text.trim().toLowerCase(Locale.ROOT).split(",")) {
            switch (f.trim()) {
                case "no_hole":
                    flags |= Nbd.CMD_FLAG_NO_HOLE;
                    break;
                case "fast_zero":
                    flags |= Nbd.CMD_FLAG_FAST_ZERO;
                    break;
                case "none":
                    break;
                default:
                    throw new IOException("nbd_zero_flags=" + text.trim() + ": unknown flag '" + f.trim()
                            + "'; accepted: no_hole, fast_zero (comma-separated), none");
            }
        }
        return flags;
    }

    /** Whether the connection must negotiate {@code base:allocation}. */
    boolean needsBaseAllocation() {
        return readCommand == Nbd.CMD_BLOCK_STATUS;
    }

    /**
     * Refuses a command or flag the export does not advertise, naming the flag.
     *
     * @param where "NBD export URI", for messages
     */
    void check(NbdExportInfo info, String where, boolean structuredAsked) throws IOException {
        String op = "nbd_op=" + opText;
        if (readCommand == Nbd.CMD_CACHE) {
            require(info, Nbd.TF_SEND_CACHE, op, "NBD_FLAG_SEND_CACHE", where);
        }
        if (writeCommand == Nbd.CMD_WRITE_ZEROES) {
            require(info, Nbd.TF_SEND_WRITE_ZEROES, op, "NBD_FLAG_SEND_WRITE_ZEROES", where);
        }
        if ((writeFlags & Nbd.CMD_FLAG_FAST_ZERO) != 0) {
            require(info, Nbd.TF_SEND_FAST_ZERO, "nbd_zero_flags=fast_zero", "NBD_FLAG_SEND_FAST_ZERO", where);
        }
        if (fuaPercentage > 0) {
            require(info, Nbd.TF_SEND_FUA, "nbd_fua_percentage=" + fuaPercentage, "NBD_FLAG_SEND_FUA", where);
        }
        if ((readFlags & Nbd.CMD_FLAG_DF) != 0) {
            require(info, Nbd.TF_SEND_DF, "nbd_df=1", "NBD_FLAG_SEND_DF", where);
            requireStructured(info, "nbd_df=1", where, structuredAsked);
        }
        if (readCommand == Nbd.CMD_BLOCK_STATUS) {
            requireStructured(info, op, where, structuredAsked);
            if (info.baseAllocationContext() < 0) {
                throw new IOException(op + " needs the " + Nbd.BASE_ALLOCATION + " meta context, but " + where
                        + " refused it (NBD_OPT_SET_META_CONTEXT)");
            }
        }
    }

    private static void require(NbdExportInfo info, int flag, String what, String flagName, String where)
            throws IOException {
        if (!info.has(flag)) {
            throw new IOException(what + " but " + where + " does not advertise " + flagName);
        }
    }

    private static void requireStructured(NbdExportInfo info, String what, String where, boolean asked)
            throws IOException {
        if (!info.structuredReplies()) {
            throw new IOException(what + " needs structured replies, but "
                    + (asked ? where + " refused them (NBD_OPT_STRUCTURED_REPLY)" : "structured_replies=0"));
        }
    }

    /** The command reads are sent as. */
    int readCommand() {
        return readCommand;
    }

    /** The command flags of reads. */
    int readFlags() {
        return readFlags;
    }

    /** The command writes are sent as. */
    int writeCommand() {
        return writeCommand;
    }

    /** The command flags of writes, before FUA. */
    int writeFlags() {
        return writeFlags;
    }

    /** {@code nbd_fua_percentage}. */
    int fuaPercentage() {
        return fuaPercentage;
    }

    /** Whether the next write gets NBD_CMD_FLAG_FUA ({@code nbd_fua_percentage}). Job thread; allocates nothing. */
    boolean fua() {
        if (fuaPercentage == 0) {
            return false;
        }
        if (fuaPercentage == 100) {
            return true;
        }
        long z = fuaState += 0x9E3779B97F4A7C15L; // splitmix64
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 1) % 100 < fuaPercentage;
    }

    /** The command and flags of a direction, e.g. {@code NBD_CMD_WRITE_ZEROES (NBD_CMD_FLAG_NO_HOLE)}. */
    String describeRead(NbdExportInfo info) {
        String extra = readCommand == Nbd.CMD_BLOCK_STATUS
                ? " (" + Nbd.BASE_ALLOCATION + ", context id " + Integer.toUnsignedString(info.baseAllocationContext())
                        + ")"
                : (readFlags & Nbd.CMD_FLAG_DF) != 0 ? " (NBD_CMD_FLAG_DF)" : "";
        return Nbd.commandName(readCommand) + extra;
    }

    /** See {@link #describeRead}. */
    String describeWrite() {
        StringJoiner flags = new StringJoiner(", ", " (", ")").setEmptyValue("");
        if ((writeFlags & Nbd.CMD_FLAG_NO_HOLE) != 0) {
            flags.add("NBD_CMD_FLAG_NO_HOLE");
        }
        if ((writeFlags & Nbd.CMD_FLAG_FAST_ZERO) != 0) {
            flags.add("NBD_CMD_FLAG_FAST_ZERO");
        }
        if (fuaPercentage > 0) {
            flags.add("NBD_CMD_FLAG_FUA on " + fuaPercentage + "%");
        }
        return Nbd.commandName(writeCommand) + flags;
    }
}
