package dev.jfio.posix.aio;

/**
 * The kernel AIO ABI ({@code <linux/aio_abi.h>}, {@code <linux/fs.h>}) as this package uses it:
 * command codes, iocb flags, per-I/O RWF flags and the layouts of {@code struct iocb} and
 * {@code struct io_event} on little-endian 64-bit Linux. Constants only.
 */
public final class AioAbi {
    /** {@code IOCB_CMD_PREAD}: read {@code aio_nbytes} at {@code aio_offset} into {@code aio_buf}. */
    public static final int IOCB_CMD_PREAD = 0;
    /** {@code IOCB_CMD_PWRITE}. */
    public static final int IOCB_CMD_PWRITE = 1;
    /** {@code IOCB_CMD_FSYNC} (files whose file system supports it, Linux 4.18 and later). */
    public static final int IOCB_CMD_FSYNC = 2;
    /** {@code IOCB_CMD_FDSYNC}. */
    public static final int IOCB_CMD_FDSYNC = 3;

    /** {@code IOCB_FLAG_IOPRIO}: {@code aio_reqprio} carries an I/O priority. */
    public static final int IOCB_FLAG_IOPRIO = 1 << 1;

    /** {@code RWF_HIPRI}: polled completion where the device supports it. */
    public static final int RWF_HIPRI = 0x1;
    /** {@code RWF_DSYNC}: this write is O_DSYNC. */
    public static final int RWF_DSYNC = 0x2;
    /** {@code RWF_SYNC}: this write is O_SYNC. */
    public static final int RWF_SYNC = 0x4;
    /** {@code RWF_NOWAIT}: fail with EAGAIN rather than block (on page cache misses, locks). */
    public static final int RWF_NOWAIT = 0x8;

    /** {@code sizeof(struct iocb)}. */
    public static final int IOCB_SIZE = 64;
    /** {@code sizeof(struct io_event)}. */
    public static final int EVENT_SIZE = 32;

    // struct iocb: aio_data u64, aio_key u32, aio_rw_flags u32 (in that order on little-endian),
    // aio_lio_opcode u16, aio_reqprio s16, aio_fildes u32, aio_buf u64, aio_nbytes u64,
    // aio_offset s64, aio_reserved2 u64, aio_flags u32, aio_resfd u32
    static final int IOCB_DATA = 0;
    static final int IOCB_KEY_RW_FLAGS = 8;
    static final int IOCB_OPCODE_PRIO_FD = 16;
    static final int IOCB_BUF = 24;
    static final int IOCB_NBYTES = 32;
    static final int IOCB_OFFSET = 40;
    static final int IOCB_RESERVED2 = 48;
    static final int IOCB_FLAGS_RESFD = 56;

    // struct io_event: data u64 (the iocb's aio_data), obj u64 (the iocb's address), res s64, res2 s64
    static final int EVENT_DATA = 0;
    static final int EVENT_RES = 16;

    private AioAbi() {}
}
