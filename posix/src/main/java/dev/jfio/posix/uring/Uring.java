package dev.jfio.posix.uring;

/**
 * io_uring's ABI numbers, as {@code <linux/io_uring.h>} and {@code <linux/fs.h>} define them
 * (the same on every Linux architecture). Constants only.
 */
public final class Uring {
    // io_uring_setup(2) flags
    public static final int SETUP_IOPOLL = 1;
    public static final int SETUP_SQPOLL = 1 << 1;
    public static final int SETUP_SQ_AFF = 1 << 2;
    public static final int SETUP_CQSIZE = 1 << 3;
    public static final int SETUP_COOP_TASKRUN = 1 << 8;
    public static final int SETUP_SINGLE_ISSUER = 1 << 12;
    public static final int SETUP_DEFER_TASKRUN = 1 << 13;

    // io_uring_params.features
    public static final int FEAT_SINGLE_MMAP = 1;
    public static final int FEAT_NODROP = 1 << 1;
    public static final int FEAT_SQPOLL_NONFIXED = 1 << 7;
    public static final int FEAT_EXT_ARG = 1 << 8;
    public static final int FEAT_MIN_TIMEOUT = 1 << 15;

    // io_uring_enter(2) flags
    public static final int ENTER_GETEVENTS = 1;
    public static final int ENTER_SQ_WAKEUP = 1 << 1;
    public static final int ENTER_EXT_ARG = 1 << 3;

    // the SQ ring's flags word
    public static final int SQ_NEED_WAKEUP = 1;

    // opcodes
    public static final int OP_NOP = 0;
    public static final int OP_READV = 1;
    public static final int OP_WRITEV = 2;
    public static final int OP_FSYNC = 3;
    public static final int OP_READ_FIXED = 4;
    public static final int OP_WRITE_FIXED = 5;
    public static final int OP_TIMEOUT = 11;
    public static final int OP_TIMEOUT_REMOVE = 12;
    public static final int OP_FALLOCATE = 17;
    public static final int OP_READ = 22;
    public static final int OP_WRITE = 23;

    // sqe.flags
    public static final int SQE_FIXED_FILE = 1;
    public static final int SQE_ASYNC = 1 << 4;

    // sqe.fsync_flags
    public static final int FSYNC_DATASYNC = 1;

    // sqe.timeout_flags
    public static final int TIMEOUT_ABS = 1;
    public static final int TIMEOUT_UPDATE = 1 << 1;

    // sqe.rw_flags: RWF_* of preadv2(2)
    public static final int RWF_HIPRI = 1;
    public static final int RWF_NOWAIT = 1 << 3;
    /** Linux 6.14's RWF_DONTCACHE (fio 3.33 calls it RWF_UNCACHED, a value the kernel never took). */
    public static final int RWF_DONTCACHE = 1 << 7;

    // io_uring_register(2) opcodes
    public static final int REGISTER_FILES = 2;
    public static final int REGISTER_FILES_UPDATE = 6;
    public static final int REGISTER_PROBE = 8;
    public static final int REGISTER_BUFFERS2 = 15;
    public static final int REGISTER_BUFFERS_UPDATE = 16;
    /** io_uring_rsrc_register.flags: an empty table of the given size, filled by updates. */
    public static final int RSRC_REGISTER_SPARSE = 1;

    // mmap offsets
    public static final long OFF_SQ_RING = 0L;
    public static final long OFF_CQ_RING = 0x8000000L;
    public static final long OFF_SQES = 0x10000000L;

    /** The kernel's limit on SQ entries (IORING_MAX_ENTRIES). */
    public static final int MAX_ENTRIES = 32768;

    private Uring() {}
}
