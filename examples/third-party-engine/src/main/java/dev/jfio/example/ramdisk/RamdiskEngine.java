package dev.jfio.example.ramdisk;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One job clone's in-memory disk, in 1 MiB pages allocated on first write, so a large disk costs
 * only what is written. Apart from that first touch, I/O allocates nothing.
 *
 * <p>Thread contract: as {@link IoEngine}: one thread at a time, no locking.
 */
final class RamdiskEngine implements IoEngine {
    private static final int PAGE_SHIFT = 20;
    private static final int PAGE = 1 << PAGE_SHIFT;
    private static final String BEYOND_END = "I/O beyond the end of the ramdisk";

    private final JobView job;
    private long size;
    private byte[][] pages;

    RamdiskEngine(JobView job) {
        this.job = job;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        long configured = job.get(RamdiskEngineProvider.RAMDISK_SIZE);
        if (configured > 0) {
            size = configured;
        } else if (job.size() != IoTarget.UNKNOWN_SIZE) {
            size = job.offset() + job.size();
        } else {
            throw new IOException("ioengine=ramdisk needs size= or ramdisk_size=");
        }
        long pageCount = (size + PAGE - 1) >> PAGE_SHIFT;
        if (pageCount > Integer.MAX_VALUE) {
            throw new IOException("ramdisk_size " + size + " is too large");
        }
        IoTarget target = new IoTarget("ramdisk");
        target.fixSize(size);
        setup.setTargets(List.of(target));
    }

    @Override
    public void init() {
        pages = new byte[(int) ((size + PAGE - 1) >> PAGE_SHIFT)][];
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        long offset = unit.offset();
        int length = unit.length();
        if (offset < 0 || offset + length > size) {
            unit.fail(Errno.EINVAL, BEYOND_END);
            return QueueResult.COMPLETED;
        }
        switch (unit.op()) {
            case READ:
                transfer(unit.buffer(), offset, length, false);
                unit.complete(length);
                break;
            case WRITE:
                transfer(unit.buffer(), offset, length, true);
                unit.complete(length);
                break;
            case TRIM:
                zero(offset, length);
                unit.complete(length);
                break;
            case FLUSH:
            default:
                unit.complete(0);
                break;
        }
        return QueueResult.COMPLETED;
    }

    /** Copies between the unit's buffer (from index 0) and the pages, page by page. */
    private void transfer(ByteBuffer buffer, long offset, int length, boolean write) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int pageIndex = (int) (position >> PAGE_SHIFT);
            int inPage = (int) (position & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            byte[] page = pages[pageIndex];
            if (write) {
                if (page == null) {
                    page = new byte[PAGE];
                    pages[pageIndex] = page;
                }
                buffer.get(done, page, inPage, n);
            } else if (page == null) {
                for (int i = 0; i < n; i++) {
                    buffer.put(done + i, (byte) 0);
                }
            } else {
                buffer.put(done, page, inPage, n);
            }
            done += n;
        }
    }

    private void zero(long offset, int length) {
        int done = 0;
        while (done < length) {
            long position = offset + done;
            int pageIndex = (int) (position >> PAGE_SHIFT);
            int inPage = (int) (position & (PAGE - 1));
            int n = Math.min(length - done, PAGE - inPage);
            if (pages[pageIndex] != null) {
                Arrays.fill(pages[pageIndex], inPage, inPage + n, (byte) 0);
            }
            done += n;
        }
    }

    @Override
    public void cleanup() {
        pages = null;
    }
}
