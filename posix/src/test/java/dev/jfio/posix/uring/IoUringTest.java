package dev.jfio.posix.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.posix.MappedMemory;
import dev.jfio.posix.Posix;
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

/** The ring against this kernel: real system calls, real files. */
class IoUringTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private IoUring ring;
    private MappedMemory buffers;

    @BeforeEach
    void setUp() throws IOException {
        ring = IoUring.create(8, 0, 0);
        buffers = MappedMemory.anonymous(4 * BS);
    }

    @AfterEach
    void tearDown() {
        ring.close();
        buffers.close();
    }

    /** Submits what was pushed and waits for {@code n} completions; returns their results by user data. */
    private int[] submitAndWait(int n) {
        int submitted = ring.enter(ring.sq().pending(), n, Uring.ENTER_GETEVENTS, 5_000_000_000L);
        assertTrue(submitted >= 0, "io_uring_enter: " + Errno.nameAndText(-submitted));
        assertEquals(0, ring.sq().pending(), "the kernel consumed every pushed entry");
        assertTrue(ring.cq().ready() >= n, "ready " + ring.cq().ready());
        int[] results = new int[8];
        Arrays.fill(results, Integer.MIN_VALUE);
        int ready = ring.cq().ready();
        for (int k = 0; k < ready; k++) {
            assertFalse(IoUring.isTimer(ring.cq().userData(k)));
            results[(int) ring.cq().userData(k)] = ring.cq().result(k);
        }
        ring.cq().advance(ready);
        assertEquals(0, ring.cq().ready());
        return results;
    }

    private int open(Path file, int flags) {
        int fd = Posix.open(file.toString(), flags, 0644);
        assertTrue(fd >= 0, "open " + file + ": " + Errno.nameAndText(-fd));
        return fd;
    }

    @Test
    void ringHasAPowerOfTwoOfEntriesCoveringTheSlotsAndTheTimers() throws IOException {
        assertEquals(8, ring.slots());
        assertEquals(16, ring.sq().entries());
        assertEquals(16, ring.cq().entries());
        try (IoUring odd = IoUring.create(5, 0, 0)) {
            assertEquals(8, odd.sq().entries());
        }
        assertTrue(ring.canTimeOut(), "this kernel has IORING_FEAT_EXT_ARG");
        assertTrue(ring.supports(Uring.OP_READ) && ring.supports(Uring.OP_WRITE));
        assertFalse(ring.supports(255), "no kernel has opcode 255");
    }

    @Test
    void nopCompletesWithZeroAndItsUserData() {
        ring.sq().prepareNop(3, 3);
        ring.sq().prepareNop(5, 5);
        assertTrue(ring.sq().push(3));
        assertTrue(ring.sq().push(5));
        assertEquals(2, ring.sq().pending());
        int[] results = submitAndWait(2);
        assertEquals(0, results[3]);
        assertEquals(0, results[5]);
    }

    @Test
    void writtenBlocksReadBackThroughTheRingWithAndWithoutIovecs() throws IOException {
        Path file = dir.resolve("data");
        int fd = open(file, Posix.O_RDWR | Posix.O_CREAT);
        try {
            ByteBuffer mem = buffers.buffer();
            for (int i = 0; i < BS; i++) {
                mem.put(i, (byte) (i * 7 + 1));
            }
            ring.sq().prepareRw(0, Uring.OP_WRITE, fd, 0, BS, buffers.address(), BS, 0, 0, 0);
            ring.sq().push(0);
            assertEquals(BS, submitAndWait(1)[0]);
            byte[] onDisk = Files.readAllBytes(file);
            assertEquals(2 * BS, onDisk.length);
            assertEquals((byte) 8, onDisk[BS + 1]);

            ring.sq().prepareRw(1, Uring.OP_READ, fd, 0, BS, buffers.address() + BS, BS, 0, 0, 1);
            // readv: one iovec {address, length} in the buffer's last block
            long iov = buffers.address() + 3 * BS;
            mem.putLong(3 * BS, buffers.address() + 2 * BS);
            mem.putLong(3 * BS + 8, BS);
            ring.sq().prepareRw(2, Uring.OP_READV, fd, 0, BS, iov, 1, 0, 0, 2);
            ring.sq().push(1);
            ring.sq().push(2);
            int[] results = submitAndWait(2);
            assertEquals(BS, results[1]);
            assertEquals(BS, results[2]);
            byte[] written = bytes(mem, 0);
            assertArrayEquals(written, bytes(mem, BS));
            assertArrayEquals(written, bytes(mem, 2 * BS));
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void fsyncAndFdatasyncAndPunchedHoleComplete() throws IOException {
        Path file = Files.write(dir.resolve("data"), new byte[2 * BS]);
        int fd = open(file, Posix.O_RDWR);
        try {
            ring.sq().prepareFsync(0, fd, 0, false, 0);
            ring.sq().prepareFsync(1, fd, 0, true, 1);
            ring.sq().prepareFallocate(2, fd, 0, Posix.FALLOC_FL_PUNCH_HOLE | Posix.FALLOC_FL_KEEP_SIZE, 0, BS, 2);
            ring.sq().push(0);
            ring.sq().push(1);
            ring.sq().push(2);
            int[] results = submitAndWait(3);
            assertEquals(0, results[0]);
            assertEquals(0, results[1]);
            assertEquals(0, results[2]);
            assertEquals(2 * BS, Files.size(file), "KEEP_SIZE kept the size");
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void failedOperationCompletesWithMinusItsErrno() throws IOException {
        Path file = Files.write(dir.resolve("data"), new byte[BS]);
        int fd = open(file, Posix.O_RDONLY);
        try {
            ring.sq().prepareRw(0, Uring.OP_WRITE, fd, 0, 0, buffers.address(), BS, 0, 0, 0);
            ring.sq().prepareRw(1, Uring.OP_READ, 1_000_000, 0, 0, buffers.address(), BS, 0, 0, 1);
            ring.sq().push(0);
            ring.sq().push(1);
            int[] results = submitAndWait(2);
            assertEquals(-Errno.EBADF, results[0], "write on a read-only descriptor");
            assertEquals(-Errno.EBADF, results[1], "read on a descriptor that is not open");
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void registeredFileAndBufferServeAFixedRead() throws IOException {
        byte[] content = new byte[BS];
        Arrays.fill(content, (byte) 0x5a);
        Path file = Files.write(dir.resolve("data"), content);
        int fd = open(file, Posix.O_RDONLY);
        try {
            assertEquals(0, ring.registerFiles(4));
            assertEquals(1, ring.updateFile(2, fd));
            assertEquals(0, ring.registerBuffers(4));
            assertEquals(1, ring.updateBuffer(1, buffers.address() + BS, BS));
            ring.sq()
                    .prepareRw(0, Uring.OP_READ_FIXED, 2, Uring.SQE_FIXED_FILE, 0, buffers.address() + BS, BS, 0, 1, 0);
            ring.sq().push(0);
            assertEquals(BS, submitAndWait(1)[0]);
            assertArrayEquals(content, bytes(buffers.buffer(), BS));
            assertEquals(1, ring.updateFile(2, -1), "a slot can be emptied again");
        } finally {
            Posix.close(fd);
        }
    }

    @Test
    void waitWithATimeoutAndNothingInFlightAnswersEtime() {
        long start = System.nanoTime();
        int r = ring.enter(0, 1, Uring.ENTER_GETEVENTS, 20_000_000L);
        long waited = System.nanoTime() - start;
        assertEquals(-Errno.ETIME, r);
        assertTrue(waited >= 15_000_000L && waited < 2_000_000_000L, "waited " + waited + " ns");
    }

    @Test
    void fullRingRefusesAPushUntilTheKernelConsumes() {
        for (int i = 0; i < 16; i++) {
            ring.sq().prepareNop(i % 8, i % 8);
            assertTrue(ring.sq().push(i % 8));
        }
        assertFalse(ring.sq().push(0));
        submitAndWait(16);
        assertTrue(ring.sq().push(0));
        submitAndWait(1);
    }

    @Test
    void tooManySlotsAreRefusedBeforeTheKernelIsAsked() {
        assertThrows(IllegalArgumentException.class, () -> IoUring.create(Uring.MAX_ENTRIES - 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> IoUring.create(0, 0, 0));
    }

    @Test
    void armedTimerEndsAWaitForMoreCompletionsThanWillCome() {
        long start = System.nanoTime();
        ring.armTimer(start + 30_000_000L);
        int r = ring.enter(ring.sq().pending(), 4, Uring.ENTER_GETEVENTS);
        long waited = System.nanoTime() - start;
        assertTrue(r >= 0, Errno.nameAndText(-r));
        assertTrue(waited >= 25_000_000L && waited < 2_000_000_000L, "waited " + waited + " ns");
        assertEquals(1, ring.cq().ready());
        assertTrue(IoUring.isTimer(ring.cq().userData(0)));
        assertEquals(-Errno.ETIME, ring.cq().result(0));
        ring.timerCompleted(ring.cq().userData(0), ring.cq().result(0));
        ring.cq().advance(1);
    }

    @Test
    void timerMovedEarlierFiresAtTheEarlierTimeAndIsArmedAgainAfterwards() {
        long start = System.nanoTime();
        ring.armTimer(start + 10_000_000_000L);
        ring.armTimer(start + 30_000_000L);
        assertEquals(2, ring.sq().pending(), "the timer and its move");
        while (System.nanoTime() - start < 25_000_000L || ring.cq().ready() < 2) {
            int r = ring.enter(ring.sq().pending(), 2, Uring.ENTER_GETEVENTS);
            assertTrue(r >= 0, Errno.nameAndText(-r));
            assertTrue(System.nanoTime() - start < 2_000_000_000L, "the moved timer did not fire");
        }
        int ready = ring.cq().ready();
        for (int k = 0; k < ready; k++) {
            assertTrue(IoUring.isTimer(ring.cq().userData(k)));
            ring.timerCompleted(ring.cq().userData(k), ring.cq().result(k));
        }
        ring.cq().advance(ready);
        ring.armTimer(System.nanoTime() + 1_000_000L);
        assertEquals(1, ring.sq().pending(), "a fired timer is armed anew, not moved");
        ring.enter(1, 1, Uring.ENTER_GETEVENTS);
    }

    @Test
    void setupTheKernelRefusesNamesTheCallAndErrno() {
        // SQ_AFF without SQPOLL is invalid
        IoUringException e = assertThrows(IoUringException.class, () -> IoUring.create(4, Uring.SETUP_SQ_AFF, 0));
        assertEquals("io_uring_setup", e.call());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals("io_uring_setup failed: Invalid argument (EINVAL)", e.getMessage());
    }

    @Test
    void lockedMemoryLimitIsReadable() {
        long limit = LockedMemory.limit();
        assertTrue(limit > 0, "RLIMIT_MEMLOCK " + limit);
        assertFalse(LockedMemory.describe(limit).isEmpty());
    }

    private static byte[] bytes(ByteBuffer mem, int offset) {
        byte[] b = new byte[BS];
        mem.get(offset, b);
        return b;
    }
}
