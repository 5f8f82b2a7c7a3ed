package dev.jfio.engine.file.ops;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;

/**
 * Engine {@code falloc}, as fio's {@code engines/falloc.c}: each I/O is one fallocate(2) of its
 * range; a read is {@code FALLOC_FL_KEEP_SIZE} (allocate, the size kept), a write mode 0 (allocate,
 * extending the file), a trim {@code FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE}. The file is
 * opened read-write whatever the job does, as fio opens it. A flush is fsync or fdatasync (fio's
 * falloc turns it into a zero-length fallocate, which fails with EINVAL).
 *
 * <p>Thread contract: as {@link IoEngine}; no locking. Allocates nothing per I/O.
 */
final class FallocEngine extends NativeFileEngine {
    FallocEngine(JobView job) {
        super(job, "falloc");
    }

    @Override
    protected int openFlags() {
        return Posix.O_RDWR;
    }

    @Override
    public void init() {
        // jnr-ffi links a call on its first use: here, on a descriptor that is refused (EBADF),
        // rather than in the first timed I/O
        Posix.fallocate(-1, 0, 0, 0);
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        switch (unit.op()) {
            case READ:
                allocate(file, unit, Posix.FALLOC_FL_KEEP_SIZE, "fallocate(KEEP_SIZE) failed");
                break;
            case WRITE:
                allocate(file, unit, 0, "fallocate failed");
                break;
            case TRIM:
                trimNow(file, unit);
                break;
            case FLUSH:
                flushNow(file, unit);
                break;
            default:
                unit.fail(Errno.EINVAL, "ioengine=falloc cannot do " + unit.op());
                break;
        }
        return QueueResult.COMPLETED;
    }

    private static void allocate(NativeFile file, IoUnit unit, int mode, String failure) {
        int errno = Posix.fallocate(file.fd, mode, unit.offset(), unit.length());
        if (errno == 0) {
            unit.complete(unit.length());
        } else {
            unit.fail(errno, failure);
        }
    }
}
