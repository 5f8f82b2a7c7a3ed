package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.FileCalls;
import dev.jfio.spi.JobView;
import java.util.Arrays;

/**
 * fio's {@code sync}: lseek(2) to the unit's offset, then read(2) or write(2). As fio, the lseek is
 * left out when the file position is already there (the previous transfer ended at this offset),
 * so a sequential job makes one system call per I/O.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O (the position
 * table grows when a file is opened).
 */
final class SyncEngine extends BlockingFileEngine {
    private static final long UNKNOWN = -1;

    /** The file position of each open file, by {@link NativeFile#slot}; UNKNOWN after a failure. */
    private long[] positions = new long[4];

    SyncEngine(JobView job) {
        super(job, SyncEngineProvider.NAME);
    }

    @Override
    protected void opened(NativeFile file) {
        if (file.slot >= positions.length) {
            positions = Arrays.copyOf(positions, Math.max(file.slot + 1, positions.length * 2));
        }
        positions[file.slot] = 0; // open(2) starts at 0
    }

    @Override
    long transfer(NativeFile file, boolean write, long buffer, int length, long offset) {
        if (positions[file.slot] != offset) {
            long at = FileCalls.lseek(file.fd, offset, FileCalls.SEEK_SET);
            if (at < 0) {
                positions[file.slot] = UNKNOWN;
                return at;
            }
        }
        long n = write ? FileCalls.write(file.fd, buffer, length) : FileCalls.read(file.fd, buffer, length);
        positions[file.slot] = n < 0 ? UNKNOWN : offset + n;
        return n;
    }
}
