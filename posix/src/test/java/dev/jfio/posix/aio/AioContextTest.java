package dev.jfio.posix.aio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.posix.Posix;
import dev.jfio.posix.Syscalls;
import dev.jfio.spi.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kernel AIO made for real against this kernel: io_setup, io_submit, io_getevents, the user-space ring. */
class AioContextTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private int fd = -1;
    private AioContext aio;

    @BeforeEach
    void nativeOnly() {
        assumeTrue(Syscalls.available(), "kernel AIO needs x86-64 Linux");
    }

    @AfterEach
    void close() {
        if (aio != null) {
            aio.close();
        }
        Posix.close(fd);
    }

    private int openFile(int blocks) throws IOException {
        Path file = dir.resolve("aio.dat");
        Files.write(file, new byte[blocks * BS]);
        fd = Posix.open(file.toString(), Posix.O_RDWR, 0);
        assertTrue(fd >= 0, "open: " + fd);
        return fd;
    }

    private static ByteBuffer block(int seed) {
        ByteBuffer b = ByteBuffer.allocateDirect(BS);
        for (int i = 0; i < BS; i++) {
            b.put(i, (byte) (seed * 31 + i));
        }
        return b;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.capacity()];
        b.get(0, out);
        return out;
    }

    /** Reaps exactly {@code n} events with io_getevents; returns the slots seen, checking each result. */
    private Set<Integer> reapAll(int n, long expectedResult) {
        Set<Integer> slots = new HashSet<>();
        while (slots.size() < n) {
            long r = aio.getEvents(1, n, -1);
            if (r == -Errno.EINTR) {
                continue; // a signal to the JVM (e.g. a safepoint or the test runner's) cut the wait short
            }
            assertTrue(r > 0, "io_getevents: " + r);
            for (int i = 0; i < r; i++) {
                assertEquals(expectedResult, aio.eventResult(i), "result of slot " + aio.eventSlot(i));
                assertTrue(slots.add(aio.eventSlot(i)), "slot " + aio.eventSlot(i) + " completed twice");
            }
        }
        return slots;
    }

    @Test
    void writtenBlocksReadBackThroughOneSubmitPerBatchWithSlotsAsEventData() throws IOException {
        int fd = openFile(8);
        aio = AioContext.setup(8);
        ByteBuffer[] out = new ByteBuffer[8];
        for (int slot = 0; slot < 8; slot++) {
            out[slot] = block(slot);
            aio.prepareTransfer(
                    slot, AioAbi.IOCB_CMD_PWRITE, fd, Posix.address(out[slot]), BS, (long) (7 - slot) * BS, 0);
            aio.enqueue(slot);
        }
        assertEquals(8, aio.pending());
        assertEquals(8, aio.submit());
        assertEquals(0, aio.pending());
        assertEquals(8, aio.inKernel());
        assertEquals(Set.of(0, 1, 2, 3, 4, 5, 6, 7), reapAll(8, BS));
        assertEquals(0, aio.inKernel());

        ByteBuffer[] in = new ByteBuffer[8];
        for (int slot = 0; slot < 8; slot++) {
            in[slot] = ByteBuffer.allocateDirect(BS);
            aio.prepareTransfer(slot, AioAbi.IOCB_CMD_PREAD, fd, Posix.address(in[slot]), BS, (long) slot * BS, 0);
            aio.enqueue(slot);
        }
        assertEquals(8, aio.submit());
        reapAll(8, BS);
        for (int slot = 0; slot < 8; slot++) {
            assertArrayEquals(bytes(out[7 - slot]), bytes(in[slot]), "block " + slot);
        }
    }

    @Test
    void aBadIocbInTheBatchStopsTheSubmitThereAndTheRestStaysPending() throws IOException {
        int fd = openFile(2);
        aio = AioContext.setup(4);
        ByteBuffer buffer = ByteBuffer.allocateDirect(BS);
        aio.prepareTransfer(0, AioAbi.IOCB_CMD_PREAD, fd, Posix.address(buffer), BS, 0, 0);
        aio.prepareTransfer(1, AioAbi.IOCB_CMD_PREAD, 9999, Posix.address(buffer), BS, 0, 0);
        aio.prepareTransfer(2, AioAbi.IOCB_CMD_PREAD, fd, Posix.address(buffer), BS, BS, 0);
        aio.enqueue(0);
        aio.enqueue(1);
        aio.enqueue(2);
        assertEquals(1, aio.submit(), "the kernel takes the iocbs before the bad one");
        assertEquals(2, aio.pending());
        assertEquals(1, aio.firstPending());
        assertEquals(-Errno.EBADF, aio.submit(), "then fails on the bad one, taking nothing");
        assertEquals(1, aio.dropFirstPending());
        assertEquals(2, aio.firstPending());
        assertEquals(1, aio.submit());
        assertEquals(Set.of(0, 2), reapAll(2, BS));
        assertEquals(-1, aio.dropFirstPending());
    }

    @Test
    void fsyncAndFdatasyncComplete() throws IOException {
        int fd = openFile(1);
        aio = AioContext.setup(2);
        aio.prepareSync(0, fd, false);
        aio.prepareSync(1, fd, true);
        aio.enqueue(0);
        aio.enqueue(1);
        assertEquals(2, aio.submit());
        assertEquals(Set.of(0, 1), reapAll(2, 0));
    }

    @Test
    void fsyncOfAFileWithoutOneIsRefusedAtSubmitWithEinval() throws IOException {
        fd = Posix.open("/dev/null", Posix.O_RDWR, 0);
        assertTrue(fd >= 0);
        aio = AioContext.setup(1);
        aio.prepareSync(0, fd, false);
        aio.enqueue(0);
        assertEquals(-Errno.EINVAL, aio.submit());
        assertEquals(0, aio.inKernel());
    }

    @Test
    void readPastTheEndIsAShortEventAndAMisalignedDirectReadAnEinvalEvent() throws IOException {
        Path file = dir.resolve("direct.dat");
        Files.write(file, new byte[BS + 100]);
        fd = Posix.open(file.toString(), Posix.O_RDONLY | Posix.O_DIRECT, 0);
        assumeTrue(fd >= 0, "O_DIRECT is not supported in " + dir);
        aio = AioContext.setup(2);
        ByteBuffer buffer = ByteBuffer.allocateDirect(3 * BS);
        long aligned = (Posix.address(buffer) + BS - 1) & -BS;
        aio.prepareTransfer(0, AioAbi.IOCB_CMD_PREAD, fd, aligned, BS, BS, 0);
        aio.prepareTransfer(1, AioAbi.IOCB_CMD_PREAD, fd, aligned + 1, BS, 0, 0);
        aio.enqueue(0);
        aio.enqueue(1);
        assertEquals(2, aio.submit());
        long[] results = new long[2];
        int seen = 0;
        while (seen < 2) {
            long n = aio.getEvents(1, 2, -1);
            for (int i = 0; i < n; i++, seen++) {
                results[aio.eventSlot(i)] = aio.eventResult(i);
            }
        }
        assertEquals(100, results[0], "the 100 bytes before the end of the file");
        assertEquals(-Errno.EINVAL, results[1], "an O_DIRECT read into a misaligned buffer");
    }

    @Test
    void userSpaceRingGivesTheCompletionsWithoutASystemCall() throws IOException {
        int fd = openFile(16);
        aio = AioContext.setup(16);
        assertTrue(aio.hasUserRing(), "this kernel maps its aio_ring at the context id");
        assertEquals(0, aio.reapRing(16), "nothing completed yet");
        ByteBuffer buffer = ByteBuffer.allocateDirect(BS);
        Set<Integer> slots = new HashSet<>();
        for (int round = 0; round < 12; round++) { // more completions than the ring has slots: head wraps
            for (int slot = 0; slot < 16; slot++) {
                aio.prepareTransfer(slot, AioAbi.IOCB_CMD_PREAD, fd, Posix.address(buffer), BS, (long) slot * BS, 0);
                aio.enqueue(slot);
            }
            assertEquals(16, aio.submit());
            slots.clear();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (slots.size() < 16 && System.nanoTime() < deadline) {
                int n = aio.reapRing(5);
                assertTrue(n <= 5, "reaped " + n + " of at most 5");
                for (int i = 0; i < n; i++) {
                    assertEquals(BS, aio.eventResult(i));
                    assertTrue(slots.add(aio.eventSlot(i)), "slot " + aio.eventSlot(i) + " twice");
                }
            }
            assertEquals(16, slots.size(), "round " + round);
            assertEquals(0, aio.inKernel());
        }
        // the kernel's own reaping still agrees with the head we moved
        aio.prepareTransfer(0, AioAbi.IOCB_CMD_PREAD, fd, Posix.address(buffer), BS, 0, 0);
        aio.enqueue(0);
        assertEquals(1, aio.submit());
        assertEquals(Set.of(0), reapAll(1, BS));
        assertEquals(0, aio.reapRing(16));
    }

    @Test
    void submittingAndReapingAllocateNothing() throws IOException {
        int fd = openFile(4);
        aio = AioContext.setup(4);
        ByteBuffer buffer = ByteBuffer.allocateDirect(BS);
        long address = Posix.address(buffer);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long allocated = 0;
        for (int round = 0; round < 2; round++) { // the first round warms up
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 5000; i++) {
                for (int slot = 0; slot < 4; slot++) {
                    aio.prepareTransfer(slot, AioAbi.IOCB_CMD_PREAD, fd, address, BS, (long) slot * BS, 0);
                    aio.enqueue(slot);
                }
                aio.submit();
                int reaped = aio.reapRing(4);
                while (reaped < 4) {
                    reaped += (int) Math.max(0, aio.getEvents(4 - reaped, 4 - reaped, -1)); // EINTR: again
                }
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
        }
        assertTrue(allocated < 20_000, allocated + " bytes allocated over 20000 I/Os");
    }

    @Test
    void getEventsReturnsAtItsTimeoutWhenNothingCompletes() throws IOException {
        aio = AioContext.setup(1);
        long start = System.nanoTime();
        long r;
        do {
            r = aio.getEvents(1, 1, 20_000_000L);
        } while (r == -Errno.EINTR); // a signal to the JVM cut the wait short
        assertEquals(0, r);
        long waited = System.nanoTime() - start;
        assertTrue(waited >= 15_000_000L && waited < 5_000_000_000L, "waited " + waited + " ns");
        assertEquals(0, aio.getEvents(0, 1, -1), "min 0 returns at once");
    }

    @Test
    void setupRefusesADepthOutsideTheKernelsRangeAndExplainsEagain() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> AioContext.setup(0));
        String message = new AioSetupException(Errno.EAGAIN, 32).getMessage();
        assertTrue(message.startsWith("io_setup(32 events) failed: EAGAIN"), message);
        String limit =
                Files.readAllLines(Path.of("/proc/sys/fs/aio-max-nr")).get(0).strip();
        assertTrue(message.contains("of /proc/sys/fs/aio-max-nr " + limit + ","), message);
        assertTrue(message.contains("sysctl -w fs.aio-max-nr="), message);
        assertTrue(!message.contains("\n"), message);
    }
}
