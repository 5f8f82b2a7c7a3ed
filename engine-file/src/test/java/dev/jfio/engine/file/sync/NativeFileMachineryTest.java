package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.file.NativeFile;
import dev.jfio.posix.FileCalls;
import dev.jfio.posix.Posix;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.SyncMode;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file machinery every native engine shares (NativeFileEngine), seen through psync and the
 * kernel's own account of the descriptors (/proc/self/fdinfo): open flags from the job, one
 * descriptor per target, closing, unlink, cleanup.
 */
class NativeFileMachineryTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private HarnessBuilder job(String... names) {
        String[] paths = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            paths[i] = dir.resolve(names[i]).toString();
        }
        return EngineHarness.builder(new PsyncEngineProvider()).filenames(paths).size(16 * BS);
    }

    private static NativeFile fileOf(IoTarget target) {
        return (NativeFile) target.engineData();
    }

    /** The open(2) flags of a descriptor, from /proc/self/fdinfo (octal). */
    private static int flagsOf(int fd) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo/" + fd), StandardCharsets.US_ASCII)) {
            if (line.startsWith("flags:")) {
                return Integer.parseInt(line.substring(6).trim(), 8);
            }
        }
        throw new IOException("no flags in fdinfo of " + fd);
    }

    /** What a descriptor refers to now, or null when it is closed. */
    private static Path linkOf(int fd) throws IOException {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Test
    void aReadJobOpensReadOnlyAndAWriteJobReadWrite() throws IOException {
        try (EngineHarness h = job("r").writes(false).start()) {
            assertEquals(Posix.O_RDONLY, flagsOf(fileOf(h.targets().get(0)).fd) & 3);
        }
        try (EngineHarness h = job("w").start()) {
            assertEquals(Posix.O_RDWR, flagsOf(fileOf(h.targets().get(0)).fd) & 3);
        }
    }

    @Test
    void directAndSyncBecomeOpenFlags() throws IOException {
        try (EngineHarness h = job("d").direct(true).sync(SyncMode.SYNC).start()) {
            int flags = flagsOf(fileOf(h.targets().get(0)).fd);
            assertEquals(Posix.O_DIRECT, flags & Posix.O_DIRECT, Integer.toOctalString(flags));
            assertEquals(Posix.O_SYNC, flags & Posix.O_SYNC, Integer.toOctalString(flags));
        }
        try (EngineHarness h = job("s").sync(SyncMode.DSYNC).start()) {
            int flags = flagsOf(fileOf(h.targets().get(0)).fd);
            assertEquals(Posix.O_DSYNC, flags & Posix.O_SYNC, Integer.toOctalString(flags));
            assertEquals(0, flags & Posix.O_DIRECT, Integer.toOctalString(flags));
        }
    }

    @Test
    void everyTargetGetsItsOwnDescriptorAndSlotAndCloseReleasesIt() throws IOException {
        EngineHarness h = job("a", "b").start();
        NativeFile a = fileOf(h.targets().get(0));
        NativeFile b = fileOf(h.targets().get(1));
        assertTrue(a.fd != b.fd);
        assertTrue(a.slot != b.slot);
        assertEquals(dir.resolve("a"), linkOf(a.fd));
        assertEquals(dir.resolve("b"), linkOf(b.fd));
        assertEquals(8 * BS, Files.size(dir.resolve("a")), "the job's size is shared by its files");
        h.closeAll();
        assertFalse(dir.resolve("a").equals(linkOf(a.fd)), "descriptor of a still open after close");
        assertFalse(dir.resolve("b").equals(linkOf(b.fd)), "descriptor of b still open after close");
        h.cleanup();
    }

    @Test
    void cleanupClosesWhatCloseNeverReached() throws IOException {
        EngineHarness h = job("c").start();
        int fd = fileOf(h.targets().get(0)).fd;
        h.cleanup();
        assertFalse(dir.resolve("c").equals(linkOf(fd)), "descriptor still open after cleanup");
    }

    @Test
    void unlinkDeletesTheFileWhenItIsClosed() throws IOException {
        try (EngineHarness h = job("u").unlink(true).start()) {
            h.write(0, EngineHarness.pattern(0, BS));
            assertTrue(Files.exists(dir.resolve("u")));
        }
        assertFalse(Files.exists(dir.resolve("u")));
    }

    @Test
    void aDirectoryAsTargetIsRefusedInOneLineNamingTheEngine() throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        EngineHarness h = job("sub").build();
        IOException e = assertThrows(IOException.class, h::setup);
        assertEquals(
                dir.resolve("sub") + " is a directory; ioengine=psync needs a file or a block device", e.getMessage());
        h.cleanup();
    }

    @Test
    void directIoAtTheKernelsAlignmentIsAcceptedBelowTheFileSystemBlockSize() throws IOException {
        Path file = Files.write(dir.resolve("a"), EngineHarness.pattern(0, 16 * BS));
        int align = FileCalls.directIoAlignment(file.toString());
        assumeTrue(
                align > 0 && align < Files.getFileStore(file).getBlockSize(),
                "the kernel's direct I/O alignment here is the file system's block size");
        try (EngineHarness h = job("a").bs(align).direct(true).start()) {
            assertArrayEquals(
                    Arrays.copyOfRange(EngineHarness.pattern(0, 16 * BS), align, 2 * align), h.read(align, align));
        }
    }
}
