package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.FileCalls;
import dev.jfio.spi.Errno;
import dev.jfio.spi.JobView;
import dev.jfio.spi.SetupContext;
import java.io.IOException;

/**
 * fio's {@code pvsync2}: preadv2(2) and pwritev2(2) with one vector and fio's per-I/O flags:
 * {@code hipri} (RWF_HIPRI on {@code hipri_percentage} percent of the I/Os, drawn at random),
 * {@code nowait} (RWF_NOWAIT: an I/O that would block fails with EAGAIN) and {@code uncached}
 * (RWF_DONTCACHE, buffered I/O only, as fio; checked against the kernel when a file is opened).
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O.
 */
final class Pvsync2Engine extends OneVectorEngine {
    /** Where in the iovec's page the open-time probe reads its byte. */
    private static final int PROBE_BYTE = 2048;

    private final boolean hipri;
    private final long hipriPercentage;
    private final boolean uncached;
    /** RWF flags every I/O carries. */
    private final int flags;
    /** xorshift64 state for hipri_percentage; fixed seed, as fio's per-engine random state. */
    private long random = 0x9E3779B97F4A7C15L;

    Pvsync2Engine(JobView job) {
        super(job, Pvsync2EngineProvider.NAME);
        this.hipri = job.get(Pvsync2EngineProvider.HIPRI);
        this.hipriPercentage = job.get(Pvsync2EngineProvider.HIPRI_PERCENTAGE);
        this.uncached = job.get(Pvsync2EngineProvider.UNCACHED) != 0 && !job.direct();
        this.flags = (uncached ? FileCalls.RWF_DONTCACHE : 0)
                | (job.get(Pvsync2EngineProvider.NOWAIT) ? FileCalls.RWF_NOWAIT : 0);
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        if (hipriPercentage < 0 || hipriPercentage > 100) {
            throw new IOException(
                    "hipri_percentage=" + hipriPercentage + " is out of range: accepted values are 0 to 100");
        }
        long uncachedValue = job.get(Pvsync2EngineProvider.UNCACHED);
        if (uncachedValue < 0) {
            throw new IOException("uncached=" + uncachedValue + " is out of range: accepted values are 0 and 1");
        }
        if (uncachedValue != 0 && job.direct()) {
            job.notice("uncached=1 has no effect with direct=1 (O_DIRECT bypasses the page cache already), as in fio");
        }
        super.setup(setup);
    }

    @Override
    protected void opened(NativeFile file) throws IOException {
        if (!uncached) {
            return;
        }
        // the kernel checks the flag before it reads anything: a 1-byte read shows whether it knows it
        long probe = FileCalls.preadv2(file.fd, vector(iovec + PROBE_BYTE, 1), 1, 0, FileCalls.RWF_DONTCACHE);
        if (probe == -Errno.ENOTSUP || probe == -Errno.EINVAL) {
            throw new IOException("uncached=1 needs RWF_DONTCACHE (Linux 6.14 or later, on a file system that"
                    + " supports it), which " + file.path + " refuses: " + Errno.describe((int) -probe));
        }
    }

    @Override
    long transfer(NativeFile file, boolean write, long buffer, int length, long offset) {
        int f = hipri && hipriDraw() ? flags | FileCalls.RWF_HIPRI : flags;
        long iov = vector(buffer, length);
        return write ? FileCalls.pwritev2(file.fd, iov, 1, offset, f) : FileCalls.preadv2(file.fd, iov, 1, offset, f);
    }

    /** Whether this I/O gets RWF_HIPRI: a draw of 1 to 100 at most hipri_percentage, as fio's. */
    private boolean hipriDraw() {
        if (hipriPercentage >= 100) {
            return true;
        }
        long x = random;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        random = x;
        return Long.remainderUnsigned(x, 100) + 1 <= hipriPercentage;
    }
}
