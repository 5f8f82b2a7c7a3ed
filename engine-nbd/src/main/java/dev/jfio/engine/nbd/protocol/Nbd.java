package dev.jfio.engine.nbd.protocol;

import dev.jfio.spi.Errno;
import java.util.StringJoiner;

/** Wire constants of the NBD protocol (NetworkBlockDevice/nbd doc/proto.md). Everything is big-endian. */
public final class Nbd {
    private Nbd() {}

    public static final long NBDMAGIC = 0x4e42444d41474943L;
    public static final long IHAVEOPT = 0x49484156454F5054L;
    public static final long OPTION_REPLY_MAGIC = 0x3e889045565a9L;
    public static final int REQUEST_MAGIC = 0x25609513;
    public static final int SIMPLE_REPLY_MAGIC = 0x67446698;
    public static final int STRUCTURED_REPLY_MAGIC = 0x668e33ef;

    public static final int DEFAULT_PORT = 10809;
    /** The largest request a client may send when the server advertises no maximum. */
    public static final int DEFAULT_MAX_REQUEST = 32 << 20;

    // handshake flags (server) and client flags
    public static final int FLAG_FIXED_NEWSTYLE = 1;
    public static final int FLAG_NO_ZEROES = 2;

    // options
    public static final int OPT_EXPORT_NAME = 1;
    public static final int OPT_ABORT = 2;
    public static final int OPT_LIST = 3;
    public static final int OPT_STARTTLS = 5;
    public static final int OPT_INFO = 6;
    public static final int OPT_GO = 7;
    public static final int OPT_STRUCTURED_REPLY = 8;
    public static final int OPT_SET_META_CONTEXT = 10;

    // option replies
    public static final int REP_ACK = 1;
    public static final int REP_SERVER = 2;
    public static final int REP_INFO = 3;
    public static final int REP_META_CONTEXT = 4;
    public static final int REP_FLAG_ERROR = 1 << 31;
    public static final int REP_ERR_UNSUP = REP_FLAG_ERROR | 1;
    public static final int REP_ERR_POLICY = REP_FLAG_ERROR | 2;
    public static final int REP_ERR_INVALID = REP_FLAG_ERROR | 3;
    public static final int REP_ERR_PLATFORM = REP_FLAG_ERROR | 4;
    public static final int REP_ERR_TLS_REQD = REP_FLAG_ERROR | 5;
    public static final int REP_ERR_UNKNOWN = REP_FLAG_ERROR | 6;
    public static final int REP_ERR_SHUTDOWN = REP_FLAG_ERROR | 7;
    public static final int REP_ERR_BLOCK_SIZE_REQD = REP_FLAG_ERROR | 8;
    public static final int REP_ERR_TOO_BIG = REP_FLAG_ERROR | 9;

    // information types
    public static final int INFO_EXPORT = 0;
    public static final int INFO_NAME = 1;
    public static final int INFO_DESCRIPTION = 2;
    public static final int INFO_BLOCK_SIZE = 3;

    // transmission flags
    public static final int TF_HAS_FLAGS = 1;
    public static final int TF_READ_ONLY = 1 << 1;
    public static final int TF_SEND_FLUSH = 1 << 2;
    public static final int TF_SEND_FUA = 1 << 3;
    public static final int TF_ROTATIONAL = 1 << 4;
    public static final int TF_SEND_TRIM = 1 << 5;
    public static final int TF_SEND_WRITE_ZEROES = 1 << 6;
    public static final int TF_SEND_DF = 1 << 7;
    public static final int TF_CAN_MULTI_CONN = 1 << 8;
    public static final int TF_SEND_RESIZE = 1 << 9;
    public static final int TF_SEND_CACHE = 1 << 10;
    public static final int TF_SEND_FAST_ZERO = 1 << 11;
    public static final int TF_BLOCK_STAT_PAYLOAD = 1 << 12;

    private static final String[] TF_NAMES = {
        "HAS_FLAGS",
        "READ_ONLY",
        "SEND_FLUSH",
        "SEND_FUA",
        "ROTATIONAL",
        "SEND_TRIM",
        "SEND_WRITE_ZEROES",
        "SEND_DF",
        "CAN_MULTI_CONN",
        "SEND_RESIZE",
        "SEND_CACHE",
        "SEND_FAST_ZERO",
        "BLOCK_STAT_PAYLOAD"
    };

    // commands
    public static final int CMD_READ = 0;
    public static final int CMD_WRITE = 1;
    public static final int CMD_DISC = 2;
    public static final int CMD_FLUSH = 3;
    public static final int CMD_TRIM = 4;
    public static final int CMD_CACHE = 5;
    public static final int CMD_WRITE_ZEROES = 6;
    public static final int CMD_BLOCK_STATUS = 7;

    // command flags
    public static final int CMD_FLAG_FUA = 1;
    public static final int CMD_FLAG_NO_HOLE = 2;
    public static final int CMD_FLAG_DF = 4;
    public static final int CMD_FLAG_REQ_ONE = 8;
    public static final int CMD_FLAG_FAST_ZERO = 16;

    /** The meta context of NBD_CMD_BLOCK_STATUS that tells allocation (NBD_STATE_HOLE, NBD_STATE_ZERO). */
    public static final String BASE_ALLOCATION = "base:allocation";
    // base:allocation status flags
    public static final int STATE_HOLE = 1;
    public static final int STATE_ZERO = 2;

    // structured reply chunks
    public static final int REPLY_FLAG_DONE = 1;
    public static final int REPLY_TYPE_NONE = 0;
    public static final int REPLY_TYPE_OFFSET_DATA = 1;
    public static final int REPLY_TYPE_OFFSET_HOLE = 2;
    public static final int REPLY_TYPE_BLOCK_STATUS = 5;
    public static final int REPLY_TYPE_ERROR_BIT = 1 << 15;
    public static final int REPLY_TYPE_ERROR = REPLY_TYPE_ERROR_BIT | 1;
    public static final int REPLY_TYPE_ERROR_OFFSET = REPLY_TYPE_ERROR_BIT | 2;

    // errors: NBD's values are Linux errno values, named after them
    public static final int EPERM = Errno.EPERM;
    public static final int EIO = Errno.EIO;
    public static final int ENOMEM = Errno.ENOMEM;
    public static final int EINVAL = Errno.EINVAL;
    public static final int ENOSPC = Errno.ENOSPC;
    public static final int EOVERFLOW = Errno.EOVERFLOW;
    public static final int ENOTSUP = Errno.ENOTSUP;
    public static final int ESHUTDOWN = Errno.ESHUTDOWN;

    /** Transmission flags as hex with their names, e.g. {@code 0x16d (HAS_FLAGS,SEND_FLUSH,...)}. */
    public static String describeFlags(int flags) {
        StringJoiner names = new StringJoiner(",", " (", ")");
        for (int bit = 0; bit < 16; bit++) {
            if ((flags & (1 << bit)) != 0) {
                names.add(bit < TF_NAMES.length ? TF_NAMES[bit] : "BIT" + bit);
            }
        }
        return "0x" + Integer.toHexString(flags) + (flags == 0 ? "" : names.toString());
    }

    /** The name of a command, e.g. {@code NBD_CMD_BLOCK_STATUS}. */
    public static String commandName(int cmd) {
        switch (cmd) {
            case CMD_READ:
                return "NBD_CMD_READ";
            case CMD_WRITE:
                return "NBD_CMD_WRITE";
            case CMD_DISC:
                return "NBD_CMD_DISC";
            case CMD_FLUSH:
                return "NBD_CMD_FLUSH";
            case CMD_TRIM:
                return "NBD_CMD_TRIM";
            case CMD_CACHE:
                return "NBD_CMD_CACHE";
            case CMD_WRITE_ZEROES:
                return "NBD_CMD_WRITE_ZEROES";
            case CMD_BLOCK_STATUS:
                return "NBD_CMD_BLOCK_STATUS";
            default:
                return "command " + cmd;
        }
    }

    /**
     * The constant message for an NBD error value, e.g. {@code NBD_EIO}. Constant strings keep the
     * reply path allocation-free.
     */
    public static String errorName(int error) {
        switch (error) {
            case EPERM:
                return "NBD_EPERM";
            case EIO:
                return "NBD_EIO";
            case ENOMEM:
                return "NBD_ENOMEM";
            case EINVAL:
                return "NBD_EINVAL";
            case ENOSPC:
                return "NBD_ENOSPC";
            case EOVERFLOW:
                return "NBD_EOVERFLOW";
            case ENOTSUP:
                return "NBD_ENOTSUP";
            case ESHUTDOWN:
                return "NBD_ESHUTDOWN";
            default:
                return "NBD error";
        }
    }

    /** Maps an NBD error to the errno a unit reports (the values are Linux errno values already). */
    public static int toErrno(int error) {
        return error <= 0 ? EIO : error;
    }

    /** A readable name for an option-reply error type. */
    public static String optionErrorName(int type) {
        switch (type) {
            case REP_ERR_UNSUP:
                return "NBD_REP_ERR_UNSUP";
            case REP_ERR_POLICY:
                return "NBD_REP_ERR_POLICY";
            case REP_ERR_INVALID:
                return "NBD_REP_ERR_INVALID";
            case REP_ERR_PLATFORM:
                return "NBD_REP_ERR_PLATFORM";
            case REP_ERR_TLS_REQD:
                return "NBD_REP_ERR_TLS_REQD";
            case REP_ERR_UNKNOWN:
                return "NBD_REP_ERR_UNKNOWN";
            case REP_ERR_SHUTDOWN:
                return "NBD_REP_ERR_SHUTDOWN";
            case REP_ERR_BLOCK_SIZE_REQD:
                return "NBD_REP_ERR_BLOCK_SIZE_REQD";
            case REP_ERR_TOO_BIG:
                return "NBD_REP_ERR_TOO_BIG";
            default:
                return "option reply 0x" + Integer.toHexString(type);
        }
    }
}
