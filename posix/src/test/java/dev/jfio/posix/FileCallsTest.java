package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The transfer calls of the sync-family engines against a real file, on native memory. */
class FileCallsTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private Path file;
    private int fd = -1;
    private MappedMemory memory;

    @BeforeEach
    void open() throws IOException {
        assumeTrue(FileCalls.available(), "native calls need 64-bit Linux");
        file = Files.write(dir.resolve("f"), pattern(1, 4 * BS));
        fd = Posix.open(file.toString(), Posix.O_RDWR);
        assertTrue(fd >= 0);
        memory = MappedMemory.anonymous(4 * BS);
    }

    @AfterEach
    void close() {
        Posix.close(fd);
        if (memory != null) {
            memory.close();
        }
    }

    private static byte[] pattern(int seed, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed * 31 + i * 7);
        }
        return b;
    }

    private byte[] memoryBytes(int offset, int n) {
        byte[] b = new byte[n];
        memory.buffer().get(offset, b, 0, n);
        return b;
    }

    @Test
    void preadAndPwriteMoveBytesBetweenNativeMemoryAndTheFile() throws IOException {
        long base = memory.address();
        assertEquals(BS, FileCalls.pread(fd, base, BS, 2 * BS));
        assertArrayEquals(Arrays.copyOfRange(pattern(1, 4 * BS), 2 * BS, 3 * BS), memoryBytes(0, BS));
        memory.buffer().put(0, pattern(9, BS));
        assertEquals(BS, FileCalls.pwrite(fd, base, BS, 0));
        assertArrayEquals(pattern(9, BS), Arrays.copyOf(Files.readAllBytes(file), BS));
        assertEquals(100, FileCalls.pread(fd, base, BS, 4 * BS - 100), "a read across the end is short");
        assertEquals(0, FileCalls.pread(fd, base, BS, 4 * BS), "a read at the end moves nothing");
    }

    @Test
    void readAndWriteGoWhereLseekPutTheFilePosition() throws IOException {
        long base = memory.address();
        assertEquals(3 * BS, FileCalls.lseek(fd, 3 * BS, FileCalls.SEEK_SET));
        assertEquals(BS, FileCalls.read(fd, base, BS));
        assertArrayEquals(Arrays.copyOfRange(pattern(1, 4 * BS), 3 * BS, 4 * BS), memoryBytes(0, BS));
        assertEquals(4 * BS, FileCalls.lseek(fd, 0, FileCalls.SEEK_END));
        assertEquals(BS, FileCalls.write(fd, base, BS));
        assertEquals(5 * BS, Files.size(file));
    }

    @Test
    void vectoredCallsFillTheVectorsInOrder() throws IOException {
        long iov = memory.address();
        long data = iov + BS;
        FileCalls.putIovec(iov, data + BS, 100); // the second buffer first: order is the vector's
        FileCalls.putIovec(iov + FileCalls.IOVEC_BYTES, data, 200);
        assertEquals(300, FileCalls.preadv(fd, iov, 2, 0));
        byte[] file = pattern(1, 300);
        assertArrayEquals(Arrays.copyOf(file, 100), memoryBytes(2 * BS, 100));
        assertArrayEquals(Arrays.copyOfRange(file, 100, 300), memoryBytes(BS, 200));
        assertEquals(0, FileCalls.lseek(fd, 0, FileCalls.SEEK_SET));
        assertEquals(300, FileCalls.readv(fd, iov, 2));
        assertEquals(300, FileCalls.lseek(fd, 0, 1), "readv advanced the file position");
        assertEquals(300, FileCalls.pwritev(fd, iov, 2, 8 * BS));
        assertEquals(300, FileCalls.pwritev2(fd, iov, 2, 10 * BS, 0));
        assertEquals(300, FileCalls.preadv2(fd, iov, 2, 10 * BS, 0));
        assertEquals(300, FileCalls.writev(fd, iov, 2));
    }

    @Test
    void preadv2RefusesAFlagTheKernelDoesNotKnowWithEopnotsupp() {
        long iov = memory.address();
        FileCalls.putIovec(iov, iov + BS, BS);
        assertEquals(-Errno.ENOTSUP, FileCalls.preadv2(fd, iov, 1, 0, 0x40000000));
    }

    @Test
    void aFailedCallReturnsMinusItsErrno() {
        assertEquals(-Errno.EBADF, FileCalls.pread(-1, memory.address(), BS, 0));
        assertEquals(-Errno.EBADF, FileCalls.write(-1, memory.address(), BS));
        assertEquals(-Errno.EINVAL, FileCalls.lseek(fd, -5, FileCalls.SEEK_SET));
        assertEquals(Errno.EINVAL, FileCalls.ftruncate(fd, -1));
        assertEquals(-Errno.EBADF, FileCalls.mmap(BS, MappedMemory.PROT_READ, MappedMemory.MAP_SHARED, -1, 0));
    }

    @Test
    void aSharedMappingSeesTheFileAndMsyncWritesItBack() throws IOException {
        long map = FileCalls.mmap(
                4 * BS, MappedMemory.PROT_READ | MappedMemory.PROT_WRITE, MappedMemory.MAP_SHARED, fd, 0);
        assertTrue(map > 0, "mmap: " + map);
        try {
            FileCalls.copy(map + BS, memory.address(), BS);
            assertArrayEquals(Arrays.copyOfRange(pattern(1, 4 * BS), BS, 2 * BS), memoryBytes(0, BS));
            memory.buffer().put(0, pattern(5, BS));
            FileCalls.copy(memory.address(), map, BS);
            assertEquals(0, FileCalls.msync(map, 4 * BS, FileCalls.MS_SYNC));
            assertEquals(0, FileCalls.madvise(map, 4 * BS, FileCalls.MADV_RANDOM));
            assertArrayEquals(pattern(5, BS), Arrays.copyOf(Files.readAllBytes(file), BS));
        } finally {
            assertEquals(0, FileCalls.munmap(map, 4 * BS));
        }
    }

    @Test
    void theDirectIoAlignmentIsAPowerOfTwoAndTheFilesDeviceIsKnown() {
        int align = FileCalls.directIoAlignment(file.toString());
        assertTrue(align == -1 || align == 0 || Integer.bitCount(align) == 1, "alignment " + align);
        assertTrue(FileCalls.blockDeviceOf(file.toString()) >= 0);
        assertEquals(-1, FileCalls.directIoAlignment(dir.resolve("missing").toString()));
    }

    @Test
    void aDirectBuffersAddressIsWhereTheCallsWrite() {
        ByteBuffer direct = ByteBuffer.allocateDirect(BS);
        assertEquals(BS, FileCalls.pread(fd, Posix.address(direct), BS, 0));
        byte[] b = new byte[BS];
        direct.get(0, b);
        assertArrayEquals(Arrays.copyOf(pattern(1, BS), BS), b);
    }
}
