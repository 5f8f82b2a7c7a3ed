package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PosixTest {

    @TempDir
    Path dir;

    @BeforeEach
    void nativeOnly() {
        assumeTrue(Posix.isNative(), "native calls need 64-bit Linux");
    }

    /** The descriptor of an open file, found through /proc/self/fd (the JDK does not expose it). */
    private static int fdOf(Path file) throws IOException {
        Path real = file.toRealPath();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Paths.get("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).equals(real)) {
                        return Integer.parseInt(fd.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the directory stream's own descriptor, closed by now
                }
            }
        }
        throw new IOException("no descriptor for " + file);
    }

    @Test
    void pageSizeMatchesGetconf() throws Exception {
        Process p = new ProcessBuilder("getconf", "PAGESIZE").start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertEquals(0, p.waitFor());
        assertEquals(Integer.parseInt(out), Posix.pageSize());
    }

    @Test
    void physicalMemoryMatchesProcMeminfo() throws IOException {
        List<String> lines = Files.readAllLines(Paths.get("/proc/meminfo"));
        long memTotalKb = Long.parseLong(lines.get(0).replaceAll("\\D+", ""));
        long bytes = Posix.physicalMemoryBytes();
        assertTrue(
                Math.abs(bytes - memTotalKb * 1024) <= memTotalKb * 1024 / 50,
                "sysconf says " + bytes + ", /proc/meminfo says " + memTotalKb + " kB");
    }

    @Test
    void fallocateGrowsTheFile() throws IOException {
        Path f = dir.resolve("alloc");
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            assertEquals(0, Posix.fallocate(fdOf(f), 0, 0, 1 << 20));
            assertEquals(1 << 20, ch.size());
        }
    }

    @Test
    void fallocateOnBadDescriptorReturnsEbadf() {
        assertEquals(9, Posix.fallocate(-1, 0, 0, 4096));
    }

    @Test
    void fadviseSucceedsOnOpenFileAndFailsOnBadDescriptor() throws IOException {
        Path f = dir.resolve("advise");
        Files.write(f, new byte[8192]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            assertEquals(0, Posix.posixFadvise(fdOf(f), 0, ch.size(), Posix.POSIX_FADV_DONTNEED));
        }
        assertEquals(9, Posix.posixFadvise(-1, 0, 0, Posix.POSIX_FADV_NORMAL));
    }

    @Test
    void regularFileAndBadDescriptorAreNotTerminals() throws IOException {
        Path f = dir.resolve("tty");
        Files.write(f, new byte[1]);
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            assertEquals(1, ch.size());
            assertFalse(Posix.isatty(fdOf(f)));
        }
        assertFalse(Posix.isatty(-1));
    }

    @Test
    void openCreatesWithTheModeAndFsyncWorksOnItButNotOnABadDescriptor() throws IOException {
        Path f = dir.resolve("created");
        int fd = Posix.open(f.toString(), Posix.O_RDWR | Posix.O_CREAT, 0640);
        assertTrue(fd >= 0, "open: " + fd);
        try {
            assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals(0, Posix.fsync(fd, false));
            assertEquals(0, Posix.fsync(fd, true));
        } finally {
            Posix.close(fd);
        }
        assertEquals(9, Posix.fsync(-1, true));
        assertEquals(-2, Posix.open(dir.resolve("missing/x").toString(), Posix.O_RDONLY, 0));
    }

    @Test
    void addressOfADirectBufferIsItsFirstByteAndSlicesMoveIt() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(8192);
        long base = Posix.address(buffer);
        assertTrue(base != 0);
        assertEquals(base + 4096, Posix.address(buffer.position(4096).slice()));
        assertThrows(IllegalArgumentException.class, () -> Posix.address(ByteBuffer.allocate(8)));
    }
}
