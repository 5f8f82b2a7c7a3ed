package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.posix.FileCalls;
import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pvsync2's RWF flags: nowait, uncached (RWF_DONTCACHE), hipri_percentage's range. */
class Pvsync2EngineTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private static HarnessBuilder job(Path file) {
        return EngineHarness.builder(new Pvsync2EngineProvider()).filename(file);
    }

    /** A file of 16 blocks written and synced, so that invalidate=1 can drop all its pages. */
    private Path cleanFile(String name) throws IOException {
        Path file = Files.write(dir.resolve(name), EngineHarness.pattern(0, 16 * BS));
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        return file;
    }

    /** Whether a 1-block RWF_NOWAIT read finds block {@code block} of {@code file} in the page cache. */
    private static boolean cached(Path file, long block) throws IOException {
        int fd = Posix.open(file.toString(), Posix.O_RDONLY);
        assertTrue(fd >= 0, "open " + file);
        try (MappedMemory m = MappedMemory.anonymous(2 * BS)) {
            FileCalls.putIovec(m.address(), m.address() + BS, BS);
            long n = FileCalls.preadv2(fd, m.address(), 1, block * BS, FileCalls.RWF_NOWAIT);
            assertTrue(n == BS || n == -Errno.EAGAIN, "RWF_NOWAIT read: " + n);
            return n == BS;
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void nowaitReadOfAPageNotInTheCacheFailsWithEagain() throws IOException {
        Path file = cleanFile("nowait");
        int fd = Posix.open(file.toString(), Posix.O_RDONLY);
        try (EngineHarness h =
                job(file).option(Pvsync2EngineProvider.NOWAIT, true).start()) {
            // dropping pages is best effort (a page the kernel holds stays): try block after block
            for (int block = 1; block < 16; block++) {
                Posix.posixFadvise(fd, 0, 0, Posix.POSIX_FADV_DONTNEED);
                IoUnit unit = h.submit(IoOp.READ, (long) block * BS, BS, null);
                if (unit.error() == Errno.EAGAIN) {
                    return;
                }
                assertEquals(0, unit.error(), "a RWF_NOWAIT read fails with EAGAIN or not at all");
                assertEquals(BS, unit.result());
            }
            throw new AssertionError("no RWF_NOWAIT read of 15 dropped pages failed with EAGAIN");
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void uncachedReadsLeaveNoPagesInTheCacheWhereBufferedReadsDo() throws IOException {
        Path file = cleanFile("uncached");
        int fd = Posix.open(file.toString(), Posix.O_RDONLY);
        boolean leftUncached = false;
        try (EngineHarness h =
                job(file).option(Pvsync2EngineProvider.UNCACHED, 1L).start()) {
            // RWF_DONTCACHE drops only the pages its read brought in, and dropping the file's pages
            // beforehand is best effort: a block that stayed cached is no evidence, so try the next
            for (int block = 1; block < 8 && !leftUncached; block++) {
                Posix.posixFadvise(fd, 0, 0, Posix.POSIX_FADV_DONTNEED);
                assertEquals(BS, h.read((long) block * BS, BS).length);
                leftUncached = !cached(file, block);
            }
        } catch (IOException e) {
            assumeTrue(
                    !e.getMessage().contains("RWF_DONTCACHE"), "this kernel has no RWF_DONTCACHE: " + e.getMessage());
            throw e;
        } finally {
            Posix.close(fd);
        }
        assertTrue(leftUncached, "every block read with uncached=1 was in the page cache afterwards");
        try (EngineHarness h = job(file).invalidate(false).start()) {
            h.read(12 * BS, BS);
        }
        assertTrue(cached(file, 12), "block 12 is not cached after a buffered read");
    }

    @Test
    void uncachedOnAFileSystemWithoutRwfDontcacheIsRefusedInOneLineWhenOpened() throws IOException {
        Path shm = Path.of("/dev/shm");
        assumeTrue(
                Files.isDirectory(shm) && "tmpfs".equals(Files.getFileStore(shm).type()), "no tmpfs at /dev/shm");
        Path file = Files.createTempFile(shm, "jfio-pvsync2", ".dat");
        try {
            Files.write(file, new byte[4 * BS]);
            EngineHarness h =
                    job(file).option(Pvsync2EngineProvider.UNCACHED, 1L).build();
            IOException e = assertThrows(IOException.class, h::start);
            assertTrue(e.getMessage().startsWith("uncached=1 needs RWF_DONTCACHE"), e.getMessage());
            assertTrue(e.getMessage().endsWith("refuses: Operation not supported"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            h.cleanup();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void uncachedWithDirectIsANoticeAsFioIgnoresIt() throws IOException {
        try (EngineHarness h = job(dir.resolve("d"))
                .size(16 * BS)
                .direct(true)
                .option(Pvsync2EngineProvider.UNCACHED, 1L)
                .start()) {
            assertEquals(BS, h.read(0, BS).length);
            assertTrue(
                    h.notices()
                            .contains(
                                    "uncached=1 has no effect with direct=1 (O_DIRECT bypasses the page cache already), as in fio"),
                    h.notices().toString());
        }
    }

    @Test
    void hipriPercentageOutsideZeroToHundredIsRefusedAtSetup() {
        EngineHarness h = job(dir.resolve("p"))
                .size(16 * BS)
                .option(Pvsync2EngineProvider.HIPRI, true)
                .option(Pvsync2EngineProvider.HIPRI_PERCENTAGE, 101L)
                .build();
        IOException e = assertThrows(IOException.class, h::setup);
        assertEquals("hipri_percentage=101 is out of range: accepted values are 0 to 100", e.getMessage());
        assertFalse(Files.exists(dir.resolve("p")), "refused before laying out the file");
        h.cleanup();
    }

    @Test
    void hipriDirectReadsAndWritesWork() throws IOException {
        try (EngineHarness h = job(dir.resolve("h"))
                .size(16 * BS)
                .direct(true)
                .option(Pvsync2EngineProvider.HIPRI, true)
                .start()) {
            h.write(2 * BS, EngineHarness.pattern(2, BS));
            assertEquals(0, java.util.Arrays.compare(EngineHarness.pattern(2, BS), h.read(2 * BS, BS)));
        }
    }
}
