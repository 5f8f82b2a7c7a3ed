package dev.jfio.engine.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.posix.FileCalls;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the page cache holds of a test file, asked without changing it (mincore on a mapping), and
 * whether reads of pages it does not hold wait on this machine. They do not everywhere: a device
 * that completes a read before the submitting call returns (zram, a RAM disk) never makes a
 * RWF_NOWAIT read fail, so a test of EAGAIN first proves that the machine can show it.
 */
public final class PageCacheProbe {
    private static final int PAGE = 4096;

    private PageCacheProbe() {}

    /** Whether the page at {@code offset} of {@code file} is in the page cache. */
    public static boolean resident(Path file, long offset) throws IOException {
        int fd = open(file);
        long page = offset / PAGE * PAGE;
        try (MappedMemory map = MappedMemory.map(PAGE, MappedMemory.PROT_READ, MappedMemory.MAP_SHARED, fd, page);
                MappedMemory vec = MappedMemory.anonymous(PAGE)) {
            assertEquals(0, FileCalls.mincore(map.address(), PAGE, vec.address()), "mincore on " + file);
            return (vec.buffer().get(0) & 1) != 0;
        } finally {
            Posix.close(fd);
        }
    }

    /**
     * Asks the kernel to drop every cached page of {@code file} (best effort: a page it holds
     * stays), and says whether the page at {@code offset} left.
     */
    public static boolean drop(Path file, long offset) throws IOException {
        int fd = open(file);
        try {
            Posix.posixFadvise(fd, 0, 0, Posix.POSIX_FADV_DONTNEED);
        } finally {
            Posix.close(fd);
        }
        return !resident(file, offset);
    }

    /** A one-page RWF_NOWAIT read made here rather than by an engine: bytes read, or minus the errno. */
    public static long nowaitRead(Path file, long offset) throws IOException {
        int fd = open(file);
        try (MappedMemory m = MappedMemory.anonymous(2 * PAGE)) {
            FileCalls.putIovec(m.address(), m.address() + PAGE, PAGE);
            return FileCalls.preadv2(fd, m.address(), 1, offset, FileCalls.RWF_NOWAIT);
        } finally {
            Posix.close(fd);
        }
    }

    /**
     * Aborts the calling test, saying why, unless a RWF_NOWAIT read of a page of {@code file}
     * dropped from the cache fails with EAGAIN here (tried at each page of the first 64 KiB). The
     * file's pages are dropped again afterwards, as far as the kernel lets them go.
     */
    public static void assumeUncachedReadsWait(Path file) throws IOException {
        int dropped = 0;
        try {
            for (long offset = 0; offset < 16 * PAGE && offset < Files.size(file); offset += PAGE) {
                if (!drop(file, offset)) {
                    continue;
                }
                dropped++;
                long n = nowaitRead(file, offset);
                assertTrue(n == PAGE || n == -Errno.EAGAIN, "RWF_NOWAIT read of " + file + ": " + n);
                if (n == -Errno.EAGAIN) {
                    return;
                }
            }
        } finally {
            drop(file, 0);
        }
        Assumptions.assumeTrue(dropped > 0, "FADV_DONTNEED dropped no page of a synced file on " + where(file));
        Assumptions.abort(
                "reads of pages not in the page cache complete without waiting on " + where(file) + " (each of "
                        + dropped + " RWF_NOWAIT reads of dropped pages succeeded), so EAGAIN cannot be shown here");
    }

    /** The file system type and device of {@code file}, for messages. */
    public static String where(Path file) throws IOException {
        return Files.getFileStore(file).type() + " on "
                + Files.getFileStore(file).name();
    }

    private static int open(Path file) {
        int fd = Posix.open(file.toString(), Posix.O_RDONLY);
        assertTrue(fd >= 0, "open " + file + ": " + fd);
        return fd;
    }
}
