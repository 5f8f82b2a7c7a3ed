package dev.jfio.posix;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** glibc's POSIX AIO through the control-block layout PosixAio writes (x86-64). */
class PosixAioTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    /** Waits for the block to leave EINPROGRESS and returns aio_error's final answer. */
    private static int await(MappedMemory memory, long block) {
        long list = memory.address() + 3 * BS;
        PosixAio.putAddress(list, block);
        int error;
        while ((error = PosixAio.error(block)) == PosixAio.EINPROGRESS) {
            PosixAio.suspend(list, 1, 0);
        }
        return error;
    }

    @Test
    void aWriteAndAReadBackRoundTripThroughGlibcsHelperThreads() throws IOException {
        assumeTrue(PosixAio.unavailableReason() == null, String.valueOf(PosixAio.unavailableReason()));
        Path file = Files.write(dir.resolve("aio"), new byte[4 * BS]);
        int fd = Posix.open(file.toString(), Posix.O_RDWR);
        try (MappedMemory memory = MappedMemory.anonymous(4 * BS)) {
            long block = memory.address();
            long data = memory.address() + BS;
            byte[] bytes = new byte[BS];
            Arrays.fill(bytes, (byte) 0x5a);
            memory.buffer().put(BS, bytes);
            PosixAio.prepare(block, fd, data, BS, 2 * BS);
            assertEquals(0, PosixAio.write(block));
            assertEquals(0, await(memory, block));
            assertEquals(BS, PosixAio.result(block));
            assertArrayEquals(bytes, Arrays.copyOfRange(Files.readAllBytes(file), 2 * BS, 3 * BS));

            memory.buffer().put(BS, new byte[BS]);
            PosixAio.prepare(block, fd, data, BS, 2 * BS);
            assertEquals(0, PosixAio.read(block));
            assertEquals(0, await(memory, block));
            assertEquals(BS, PosixAio.result(block));
            byte[] back = new byte[BS];
            memory.buffer().get(BS, back);
            assertArrayEquals(bytes, back);
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void aRequestOnABadDescriptorFailsWithEbadf() throws IOException {
        assumeTrue(PosixAio.unavailableReason() == null, String.valueOf(PosixAio.unavailableReason()));
        try (MappedMemory memory = MappedMemory.anonymous(4 * BS)) {
            long block = memory.address();
            PosixAio.prepare(block, 1_000_000, memory.address() + BS, BS, 0);
            int submitted = PosixAio.read(block);
            int error = submitted != 0 ? submitted : await(memory, block);
            assertEquals(Errno.EBADF, error);
        }
    }

    @Test
    void isAvailableOnX8664Linux() {
        assumeTrue(Posix.isNative() && "amd64".equals(System.getProperty("os.arch")));
        assertNull(PosixAio.unavailableReason());
        assertTrue(PosixAio.AIOCB_BYTES == 168);
    }
}
