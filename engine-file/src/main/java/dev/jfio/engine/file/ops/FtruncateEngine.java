package dev.jfio.engine.file.ops;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.posix.FileOps;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;

/**
 * Engine {@code ftruncate}, as fio's {@code engines/ftruncate.c}: each write is one ftruncate(2)
 * of the file to the write's offset (its length only steps the offsets on). A job that reads or
 * trims is refused at setup, where fio fails its first read or trim with EINVAL; a read or trim
 * that reaches the engine anyway fails with EINVAL. A flush is fsync or fdatasync (fio fails it
 * with EINVAL too).
 *
 * <p>Thread contract: as {@link IoEngine}; no locking. Allocates nothing per I/O.
 */
final class FtruncateEngine extends NativeFileEngine {
    private static final String WRITES_ONLY = "ioengine=ftruncate truncates on writes only";

    FtruncateEngine(JobView job) {
        super(job, "ftruncate");
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        if (job.reads() || job.trims()) {
            throw new IOException(WRITES_ONLY + ": the job " + (job.reads() ? "reads" : "trims")
                    + " (fio fails each such I/O with EINVAL); use rw=write or rw=randwrite");
        }
        super.setup(setup);
    }

    @Override
    public void init() {
        FileOps.bind(); // jnr-ffi links a call on its first use: not in the first timed I/O
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        switch (unit.op()) {
            case WRITE:
                int errno = FileOps.ftruncate(file.fd, unit.offset());
                if (errno == 0) {
                    unit.complete(unit.length());
                } else {
                    unit.fail(errno, "ftruncate failed");
                }
                break;
            case FLUSH:
                flushNow(file, unit);
                break;
            default:
                unit.fail(Errno.EINVAL, WRITES_ONLY);
                break;
        }
        return QueueResult.COMPLETED;
    }
}
