package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.FileCalls;
import dev.jfio.spi.JobView;

/**
 * fio's {@code psync}: pread(2) and pwrite(2) on the unit's buffer.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O.
 */
final class PsyncEngine extends BlockingFileEngine {
    PsyncEngine(JobView job) {
        super(job, PsyncEngineProvider.NAME);
    }

    @Override
    long transfer(NativeFile file, boolean write, long buffer, int length, long offset) {
        return write
                ? FileCalls.pwrite(file.fd, buffer, length, offset)
                : FileCalls.pread(file.fd, buffer, length, offset);
    }
}
