package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOpsTest {
    @TempDir
    Path dir;

    @BeforeEach
    void nativeOnly() {
        assumeTrue(FileOps.available(), "native calls need 64-bit Linux");
    }

    private static long address(ByteBuffer direct) {
        return Posix.address(direct);
    }

    @Test
    void nativePathsAreNulTerminatedInFileNameEncodingAtStableAddresses() {
        NativePaths paths = new NativePaths(List.of("a", "dir/éé", ""));
        assertEquals(3, paths.size());
        assertEquals(paths.address(0) + 2, paths.address(1), "'a' and its NUL");
        assertEquals(
                paths.address(1) + "dir/éé".getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1,
                paths.address(2));
        assertThrows(IllegalArgumentException.class, () -> new NativePaths(List.of("bad\0name")));
    }

    @Test
    void createLookUpAndDeleteAFileByAddress() throws IOException {
        Path f = dir.resolve("f");
        Path link = dir.resolve("link");
        NativePaths paths = new NativePaths(List.of(f.toString(), link.toString()));
        ByteBuffer stat = ByteBuffer.allocateDirect(FileOps.STAT_BUFFER_BYTES);
        ByteBuffer resolved = ByteBuffer.allocateDirect(FileOps.PATH_MAX);
        FileOps.bind();

        int fd = FileOps.open(paths.address(0), Posix.O_CREAT | Posix.O_RDWR, 0600);
        assertTrue(fd >= 0, "open: " + Errno.nameAndText(-fd));
        assertEquals(0, FileOps.ftruncate(fd, 12345));
        Posix.close(fd);
        assertEquals(12345, Files.size(f));

        assertEquals(0, FileOps.stat(paths.address(0), address(stat)));
        assertEquals(0, FileOps.statx(paths.address(0), address(resolved), address(stat)));
        Files.createSymbolicLink(link, dir.resolve("gone"));
        assertEquals(Errno.ENOENT, FileOps.stat(paths.address(1), address(stat)), "stat follows the link");
        assertEquals(0, FileOps.lstat(paths.address(1), address(stat)), "lstat looks at the link");
        assertEquals(Errno.ENOENT, FileOps.statx(paths.address(1), address(resolved), address(stat)));

        assertEquals(0, FileOps.unlink(paths.address(0)));
        assertFalse(Files.exists(f));
        assertEquals(Errno.ENOENT, FileOps.unlink(paths.address(0)));
        assertEquals(Errno.EBADF, FileOps.ftruncate(-1, 0));
    }

    @Test
    void makeAndRemoveADirectoryByAddress() throws IOException {
        Path d = dir.resolve("d");
        NativePaths paths = new NativePaths(List.of(d.toString()));
        assertEquals(0, FileOps.mkdir(paths.address(0), 0700));
        assertTrue(Files.isDirectory(d));
        assertEquals(Errno.EEXIST, FileOps.mkdir(paths.address(0), 0700));
        Files.createFile(d.resolve("x"));
        assertEquals(Errno.ENOTEMPTY, FileOps.rmdir(paths.address(0)));
        Files.delete(d.resolve("x"));
        assertEquals(0, FileOps.rmdir(paths.address(0)));
        assertFalse(Files.exists(d));
    }

    @Test
    void theCallsAllocateNothing() {
        NativePaths paths = new NativePaths(List.of(dir.resolve("none").toString()));
        ByteBuffer stat = ByteBuffer.allocateDirect(FileOps.STAT_BUFFER_BYTES);
        long buffer = address(stat);
        long path = paths.address(0);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported());
        for (int i = 0; i < 20_000; i++) { // warm up: jnr-ffi's stubs and the JIT
            FileOps.stat(path, buffer);
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 10_000; i++) {
            FileOps.stat(path, buffer);
            FileOps.unlink(path);
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 10_000, allocated + " bytes over 20000 calls");
    }
}
