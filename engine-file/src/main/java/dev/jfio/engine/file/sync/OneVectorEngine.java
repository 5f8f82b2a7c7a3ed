package dev.jfio.engine.file.sync;

import dev.jfio.posix.FileCalls;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.spi.JobView;
import java.io.IOException;

/**
 * The vectored blocking engines (pvsync, pvsync2): each transfer is one {@code struct iovec}
 * pointing at the unit's buffer, kept in a page of native memory mapped in {@link #init}.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O.
 */
abstract class OneVectorEngine extends BlockingFileEngine {
    private MappedMemory memory;
    /** The iovec's native address (0 before init). */
    long iovec;

    OneVectorEngine(JobView job, String engine) {
        super(job, engine);
    }

    @Override
    public void init() throws IOException {
        memory = MappedMemory.anonymous(Posix.pageSize());
        iovec = memory.address();
    }

    /** Points the iovec at {@code length} bytes at {@code buffer}; returns its address. */
    final long vector(long buffer, int length) {
        FileCalls.putIovec(iovec, buffer, length);
        return iovec;
    }

    @Override
    public void cleanup() {
        if (memory != null) {
            memory.close();
            memory = null;
            iovec = 0;
        }
        super.cleanup();
    }
}
