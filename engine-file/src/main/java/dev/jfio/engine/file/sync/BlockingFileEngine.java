package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;

/**
 * What fio's blocking file engines (sync, psync, pvsync, pvsync2) share: each I/O is done in
 * {@code queue} by one system call on the unit's buffer, resubmitted for the rest after a short
 * transfer (fio requeues an io_u's residual), until the unit is done, the file ends (a short I/O)
 * or the call fails (the unit fails with its errno); FLUSH is fsync or fdatasync, TRIM a punched
 * hole, as {@link NativeFileEngine} does them.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}; the job thread only. Allocates nothing
 * per I/O.
 */
abstract class BlockingFileEngine extends NativeFileEngine {
    private final BufferAddresses addresses;

    BlockingFileEngine(JobView job, String engine) {
        super(job, engine);
        this.addresses = new BufferAddresses(job.iodepth());
    }

    @Override
    public final QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        switch (unit.op()) {
            case READ:
            case WRITE:
                transferAll(file, unit);
                break;
            case FLUSH:
                flushNow(file, unit);
                break;
            case TRIM:
            default:
                trimNow(file, unit);
                break;
        }
        return QueueResult.COMPLETED;
    }

    private void transferAll(NativeFile file, IoUnit unit) {
        boolean write = unit.op() == IoOp.WRITE;
        long buffer = addresses.of(unit);
        int length = unit.length();
        long offset = unit.offset();
        int done = 0;
        while (done < length) {
            long n = transfer(file, write, buffer + done, length - done, offset + done);
            if (n < 0) {
                unit.fail((int) -n, null); // the report gives the errno's own text, as fio's does
                return;
            }
            if (n == 0) {
                break; // the end of the file: a short read, which the runner counts
            }
            done += (int) n;
        }
        unit.complete(done);
    }

    /**
     * One system call moving up to {@code length} bytes between native address {@code buffer} and
     * file offset {@code offset}: the bytes moved (0 at the end of the file), or minus the errno.
     */
    abstract long transfer(NativeFile file, boolean write, long buffer, int length, long offset);
}
