package dev.jfio.engine.file.sync;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.engine.file.NativeFileEngine;
import dev.jfio.posix.FileCalls;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.Arrays;

/**
 * fio's {@code mmap}: each file is mapped (MAP_SHARED) when opened, and each read or write is a
 * memory copy between the mapping and the unit's buffer. As in fio, the whole file is mapped when
 * the kernel allows it, else windows of 1 GiB divided by {@code nrfiles} are mapped where the I/O
 * falls; the mapping is advised per {@code fadvise_hint} (random or sequential) and, with
 * {@code thp}, made private and advised MADV_HUGEPAGE. FLUSH is msync(MS_SYNC) of the mapping;
 * with {@code direct=1} each I/O is followed by msync(MS_SYNC) of its pages, as fio does. A read past the end of the file is short; a write past it first extends the file with
 * ftruncate (a store into a mapping past the end of its file would be SIGBUS), then remaps.
 *
 * <p>Thread contract: as {@link dev.jfio.spi.IoEngine}. Allocates nothing per I/O (remapping is
 * system calls only; the per-file tables grow when a file is opened).
 */
final class MmapEngine extends NativeFileEngine {
    /** fio's MMAP_TOTAL_SZ: the window size when whole files cannot be mapped, shared by the files. */
    private static final long TOTAL_WINDOW = 1L << 30;

    private static final String MMAP_FAILED = "mmap failed";
    private static final String EXTEND_FAILED = "ftruncate (to extend the file under the mapping) failed";
    private static final String MSYNC_FAILED = "msync failed";

    private final BufferAddresses addresses;
    private final long pageSize;
    private final long window;
    private final boolean windowsOnly;
    private final int prot;
    private final boolean thp;
    /** posix_madvise advice for new mappings, or -1 for none (fadvise_hint=0). */
    private final int advice;

    // per open file, by NativeFile.slot
    private long[] mapAddress = new long[4];
    private long[] mapStart = new long[4];
    private long[] mapLength = new long[4];
    private long[] fileSize = new long[4];
    private boolean[] windowed = new boolean[4];

    MmapEngine(JobView job) {
        this(job, 0);
    }

    /**
     * @param windowBytes 0 for fio's behaviour (whole files, else windows of 1 GiB / nrfiles); more
     *     maps windows of that size from the start, as after a failed whole-file mapping (tests)
     */
    MmapEngine(JobView job, long windowBytes) {
        super(job, MmapEngineProvider.NAME);
        this.addresses = new BufferAddresses(job.iodepth());
        this.pageSize = Posix.pageSize();
        this.windowsOnly = windowBytes > 0;
        this.window = windowBytes > 0 ? windowBytes : Math.max(TOTAL_WINDOW / Math.max(1, job.nrfiles()), pageSize);
        this.prot = job.writes() ? MappedMemory.PROT_READ | MappedMemory.PROT_WRITE : MappedMemory.PROT_READ;
        this.thp = job.get(MmapEngineProvider.THP) != 0;
        this.advice = job.fileAdvice() == FileAdvice.RANDOM
                ? FileCalls.MADV_RANDOM
                : job.fileAdvice() == FileAdvice.SEQUENTIAL ? FileCalls.MADV_SEQUENTIAL : -1;
    }

    @Override
    public void setup(SetupContext setup) throws IOException {
        long thpValue = job.get(MmapEngineProvider.THP);
        if (thpValue < 0) {
            throw new IOException("thp=" + thpValue + " is out of range: accepted values are 0 and 1");
        }
        if (job.direct() && (job.minBlockSize() % pageSize != 0 || job.maxBlockSize() % pageSize != 0)) {
            throw new IOException("ioengine=mmap with direct=1 needs bs in multiples of the page size (" + pageSize
                    + " bytes), as fio; got bs=" + job.minBlockSize()
                    + (job.minBlockSize() == job.maxBlockSize() ? "" : "-" + job.maxBlockSize()));
        }
        if (job.maxBlockSize() > window) {
            throw new IOException("bs=" + job.maxBlockSize() + " is too big for ioengine=mmap: at most " + window
                    + " bytes (1 GiB / nrfiles), as fio");
        }
        super.setup(setup);
    }

    @Override
    protected void opened(NativeFile file) throws IOException {
        int s = file.slot;
        if (s >= mapAddress.length) {
            int n = Math.max(s + 1, mapAddress.length * 2);
            mapAddress = Arrays.copyOf(mapAddress, n);
            mapStart = Arrays.copyOf(mapStart, n);
            mapLength = Arrays.copyOf(mapLength, n);
            fileSize = Arrays.copyOf(fileSize, n);
            windowed = Arrays.copyOf(windowed, n);
        }
        long size = FileCalls.lseek(file.fd, 0, FileCalls.SEEK_END);
        if (size < 0) {
            throw new IOException("cannot learn the size of " + file.path + ": " + Errno.describe((int) -size));
        }
        mapAddress[s] = 0;
        mapLength[s] = 0;
        fileSize[s] = size;
        windowed[s] = windowsOnly;
        if (size > 0) {
            int errno = map(file, 0, 1);
            if (errno != 0) {
                throw new IOException("cannot mmap " + file.path + ": " + Errno.describe(errno));
            }
        }
    }

    @Override
    public QueueResult queue(IoUnit unit) {
        NativeFile file = openFileOf(unit);
        if (file == null) {
            return QueueResult.COMPLETED;
        }
        switch (unit.op()) {
            case READ:
            case WRITE:
                copy(file, unit);
                break;
            case FLUSH:
                flush(file, unit);
                break;
            case TRIM:
            default:
                trimNow(file, unit);
                break;
        }
        return QueueResult.COMPLETED;
    }

    private void copy(NativeFile file, IoUnit unit) {
        int s = file.slot;
        boolean write = unit.op() == IoOp.WRITE;
        long offset = unit.offset();
        long length = unit.length();
        if (offset + length > fileSize[s]) {
            if (write) {
                int errno = FileCalls.ftruncate(file.fd, offset + length);
                if (errno != 0) {
                    unit.fail(errno, EXTEND_FAILED);
                    return;
                }
                fileSize[s] = offset + length;
            } else {
                length = Math.max(0, fileSize[s] - offset); // past the end: short, as read(2) would be
                if (length == 0) {
                    unit.complete(0);
                    return;
                }
            }
        }
        if (offset < mapStart[s] || offset + length > mapStart[s] + mapLength[s] || mapAddress[s] == 0) {
            int errno = map(file, offset, length);
            if (errno != 0) {
                unit.fail(errno, MMAP_FAILED);
                return;
            }
        }
        long mapped = mapAddress[s] + (offset - mapStart[s]);
        long buffer = addresses.of(unit);
        if (write) {
            FileCalls.copy(buffer, mapped, length);
        } else {
            FileCalls.copy(mapped, buffer, length);
        }
        if (job.direct()) {
            // fio's "not really direct": msync the pages; its posix_madvise(POSIX_MADV_DONTNEED)
            // after that is a no-op in glibc, so it is not made here either
            long from = mapped - (mapped % pageSize);
            int errno = FileCalls.msync(from, mapped + length - from, FileCalls.MS_SYNC);
            if (errno != 0) {
                unit.fail(errno, MSYNC_FAILED);
                return;
            }
        }
        unit.complete((int) length);
    }

    private void flush(NativeFile file, IoUnit unit) {
        int s = file.slot;
        int errno = mapAddress[s] == 0 ? 0 : FileCalls.msync(mapAddress[s], mapLength[s], FileCalls.MS_SYNC);
        if (errno == 0) {
            unit.complete(0);
        } else {
            unit.fail(errno, MSYNC_FAILED);
        }
    }

    /**
     * Maps the file so that {@code [offset, offset + length)} is inside the mapping: the whole file
     * while the kernel allows it, else a window from the page holding {@code offset}. Returns 0 or
     * the errno.
     */
    private int map(NativeFile file, long offset, long length) {
        int s = file.slot;
        unmap(s);
        long start = 0;
        long size = fileSize[s];
        long address = windowed[s] ? -Errno.ENOMEM : mmap(file, 0, size);
        if (address < 0 && !windowed[s]) {
            windowed[s] = true; // as fio: a failed full map falls back to windows
        }
        if (windowed[s]) {
            start = offset - offset % pageSize;
            size = Math.min(Math.max(window, offset + length - start), fileSize[s] - start);
            address = mmap(file, start, size);
            if (address < 0) {
                return (int) -address;
            }
        }
        mapAddress[s] = address;
        mapStart[s] = start;
        mapLength[s] = size;
        if (thp) {
            FileCalls.madvise(address, size, FileCalls.MADV_HUGEPAGE); // advisory: errors ignored, as fio
        }
        if (advice >= 0) {
            int errno = FileCalls.madvise(address, size, advice);
            if (errno != 0) {
                return errno;
            }
        }
        return 0;
    }

    private long mmap(NativeFile file, long start, long size) {
        int share = thp ? MappedMemory.MAP_PRIVATE : MappedMemory.MAP_SHARED;
        return FileCalls.mmap(size, prot, share, file.fd, start);
    }

    private void unmap(int s) {
        if (mapAddress[s] != 0) {
            FileCalls.munmap(mapAddress[s], mapLength[s]);
            mapAddress[s] = 0;
            mapLength[s] = 0;
        }
    }

    @Override
    protected void closing(NativeFile file) {
        unmap(file.slot);
    }

    @Override
    public void cleanup() {
        for (int s = 0; s < mapAddress.length; s++) {
            unmap(s);
        }
        super.cleanup();
    }
}
