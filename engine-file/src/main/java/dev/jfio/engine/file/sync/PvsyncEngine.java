package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.FileCalls;
import dev.jfio.spi.JobView;

/**
 * fio's {@code pvsync}: preadv(2) and pwritev(2) with one vector, the unit's buffer.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O.
 */
final class PvsyncEngine extends OneVectorEngine {
    PvsyncEngine(JobView job) {
        super(job, PvsyncEngineProvider.NAME);
    }

    @Override
    long transfer(NativeFile file, boolean write, long buffer, int length, long offset) {
        long iov = vector(buffer, length);
        return write ? FileCalls.pwritev(file.fd, iov, 1, offset) : FileCalls.preadv(file.fd, iov, 1, offset);
    }
}
