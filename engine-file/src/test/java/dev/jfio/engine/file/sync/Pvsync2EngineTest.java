package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.file.PageCacheProbe;
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

    @Test
    void nowaitReadOfAPageNotInTheCacheFailsWithEagainWhereTheReadWouldWait() throws IOException {
        Path file = cleanFile("nowait");
        PageCacheProbe.assumeUncachedReadsWait(file);
        int uncachedReads = 0;
        try (EngineHarness h =
                job(file).option(Pvsync2EngineProvider.NOWAIT, true).start()) {
            for (int block = 1; block < 16; block++) {
                if (!PageCacheProbe.drop(file, (long) block * BS)) {
                    continue;
                }
                uncachedReads++;
                IoUnit unit = h.submit(IoOp.READ, (long) block * BS, BS, null);
                if (unit.error() == Errno.EAGAIN) {
                    return;
                }
                assertEquals(0, unit.error(), "a RWF_NOWAIT read fails with EAGAIN or not at all");
                assertEquals(BS, unit.result());
            }
        }
        throw new AssertionError("none of " + uncachedReads + " nowait=1 reads of pages dropped from the cache failed"
                + " with EAGAIN, where a RWF_NOWAIT read made directly did");
    }

    @Test
    void uncachedReadsLeaveNoPagesInTheCacheWhereBufferedReadsDo() throws IOException {
        Path file = cleanFile("uncached");
        int uncachedReads = 0;
        boolean leftUncached = false;
        try (EngineHarness h =
                job(file).option(Pvsync2EngineProvider.UNCACHED, 1L).start()) {
            // RWF_DONTCACHE drops only the pages its read brought in: a block that stayed cached
            // through FADV_DONTNEED is no evidence, so try the next
            for (int block = 1; block < 8 && !leftUncached; block++) {
                if (PageCacheProbe.drop(file, (long) block * BS)) {
                    uncachedReads++;
                    assertEquals(BS, h.read((long) block * BS, BS).length);
                    leftUncached = !PageCacheProbe.resident(file, (long) block * BS);
                }
            }
        } catch (IOException e) {
            assumeTrue(
                    !e.getMessage().contains("RWF_DONTCACHE"), "this kernel has no RWF_DONTCACHE: " + e.getMessage());
            throw e;
        }
        assumeTrue(
                uncachedReads > 0, "FADV_DONTNEED dropped no page of a synced file on " + PageCacheProbe.where(file));
        assertTrue(
                leftUncached,
                "each of " + uncachedReads + " blocks read with uncached=1 was in the page cache afterwards");
        long block = 15;
        while (block > 8 && !PageCacheProbe.drop(file, block * BS)) {
            block--;
        }
        try (EngineHarness h = job(file).invalidate(false).start()) {
            h.read(block * BS, BS);
        }
        assertTrue(
                PageCacheProbe.resident(file, block * BS), "block " + block + " is not cached after a buffered read");
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
