package dev.jfio.engine.file.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code io_uring} through the engine harness: its options, its ring, its errors. */
class IoUringEngineTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private HarnessBuilder job() {
        return EngineHarness.builder(new IoUringEngineProvider())
                .filename(dir.resolve("f"))
                .rw("randrw")
                .size(MIB);
    }

    @Test
    void cmdprioPercentageGivesAboutThatShareOfReadsThePriorityAndTheKernelTakesIt() throws IOException {
        int best = 2 << 13 | 3;
        try (EngineHarness harness = job().rw("randread")
                .option("cmdprio_percentage", "50")
                .option("cmdprio_class", "2")
                .option("cmdprio", "3")
                .start()) {
            int prioritized = 0;
            for (int i = 0; i < 400; i++) {
                IoUnit unit = harness.submit(IoOp.READ, (i % 256) * 4096L, 4096, null);
                assertEquals(0, unit.error(), unit.errorMessage());
                assertTrue(unit.priority() == 0 || unit.priority() == best, "priority " + unit.priority());
                prioritized += unit.priority() == best ? 1 : 0;
            }
            assertTrue(prioritized > 120 && prioritized < 280, prioritized + " of 400 I/Os had the priority");
        }
    }

    @Test
    void cmdprioBssplitPicksThePriorityByBlockSizeAndDirection() throws IOException {
        try (EngineHarness harness = job().rw("randrw")
                .bs(4096, 8192)
                .option("cmdprio_bssplit", "4k/100/3/7:8k/0,8k/100")
                .start()) {
            assertEquals(3 << 13 | 7, harness.submit(IoOp.READ, 0, 4096, null).priority());
            assertEquals(0, harness.submit(IoOp.READ, 0, 8192, null).priority());
            assertEquals(0, harness.submit(IoOp.WRITE, 0, 4096, new byte[8192]).priority());
            assertEquals(
                    1 << 13, harness.submit(IoOp.WRITE, 0, 8192, new byte[8192]).priority(), "class RT by default");
        }
    }

    @Test
    void badCmdprioValuesFailSetupNamingTheOption() {
        for (String[] bad : new String[][] {
            {"cmdprio_percentage", "101"},
            {"cmdprio_class", "0"},
            {"cmdprio", "8"},
            {"cmdprio_bssplit", "4k/60:4k/50"},
        }) {
            EngineHarness harness = job().option(bad[0], bad[1]).build();
            IOException e = assertThrows(IOException.class, harness::setup, bad[0]);
            assertTrue(e.getMessage().startsWith("ioengine=io_uring: "), e.getMessage());
            assertTrue(e.getMessage().contains(bad[0]), e.getMessage());
            harness.cleanup();
        }
    }

    @Test
    void providerIsAsynchronousAndDeclaresFiosIoUringOptions() {
        IoUringEngineProvider provider = new IoUringEngineProvider();
        assertEquals("io_uring", provider.name());
        assertEquals(Set.of(), provider.flags());
        assertEquals(
                List.of(
                        "hipri",
                        "fixedbufs",
                        "registerfiles",
                        "sqthread_poll",
                        "sqthread_poll_cpu",
                        "nonvectored",
                        "uncached",
                        "nowait",
                        "force_async",
                        "cmdprio_percentage",
                        "cmdprio_class",
                        "cmdprio",
                        "cmdprio_bssplit"),
                provider.options().stream().map(EngineOption::name).collect(Collectors.toList()));
    }

    @Test
    void ringHasASlotPerUnitAndReportsWhatTheKernelSetUp() throws IOException {
        try (EngineHarness harness = job().iodepth(32).direct(true).start()) {
            assertEquals(32, harness.units().size());
            assertEquals("64", harness.engine().properties().get("sq_entries"), "32 slots and the timer's 2");
            assertEquals("read/write", harness.engine().properties().get("rw"), "nonvectored=-1 on a new kernel");
            assertTrue(harness.engine().properties().get("ring").contains("defer_taskrun"));
            assertEquals("1", harness.engine().properties().get("direct"));
        }
    }

    @Test
    void nonvectoredZeroUsesReadvWritevAndFixedbufsUsesFixedOps() throws IOException {
        try (EngineHarness harness =
                job().option(IoUringOptions.NONVECTORED, 0L).iodepth(4).start()) {
            assertEquals("readv/writev", harness.engine().properties().get("rw"));
            harness.write(8192, EngineHarness.pattern(3, 4096));
            assertArrayEquals(EngineHarness.pattern(3, 4096), harness.read(8192, 4096));
        }
        try (EngineHarness harness =
                job().option(IoUringOptions.FIXEDBUFS, true).iodepth(4).start()) {
            assertEquals("fixed", harness.engine().properties().get("rw"));
            harness.write(4096, EngineHarness.pattern(5, 4096));
            assertArrayEquals(EngineHarness.pattern(5, 4096), harness.read(4096, 4096));
        }
    }

    @Test
    void kernelErrorFailsTheUnitWithItsErrnoAndTheEngineGoesOn() throws IOException {
        try (EngineHarness harness = job().direct(true).iodepth(4).start()) {
            // O_DIRECT refuses a length that is not a multiple of the block size: EINVAL from the kernel
            IoUnit unit = harness.submit(IoOp.READ, 0, 1000, null);
            assertEquals(Errno.EINVAL, unit.error());
            assertEquals("io_uring read failed", unit.errorMessage());
            assertEquals(4096, harness.read(0, 4096).length, "the next I/O works");
        }
    }

    @Test
    void readsOfAWriteOnlyJobAndWritesOfAReadOnlyJobFailWithEbadf() throws IOException {
        Files.write(dir.resolve("f"), new byte[MIB]);
        try (EngineHarness harness = job().rw("read").iodepth(2).start()) {
            IoUnit unit = harness.submit(IoOp.WRITE, 0, 4096, EngineHarness.pattern(0, 4096));
            assertEquals(Errno.EBADF, unit.error(), "the file is open O_RDONLY for a read job");
            assertEquals("io_uring write failed", unit.errorMessage());
        }
    }

    @Test
    void hipriIsRefusedWithoutDirectAndOnADeviceWithoutPollQueues() throws IOException {
        IOException buffered = assertThrows(
                IOException.class,
                () -> job().option(IoUringOptions.HIPRI, true).start());
        assertEquals(
                "hipri=1 needs direct=1: polled completions (IORING_SETUP_IOPOLL) are for O_DIRECT I/O only",
                buffered.getMessage());
        HarnessBuilder direct = job().option(IoUringOptions.HIPRI, true).direct(true);
        try {
            direct.start().close();
            // this machine's disk polls: the ring was set up with IOPOLL
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("hipri=1 needs a block device with poll queues"), e.getMessage());
            assertTrue(e.getMessage().contains("io_poll"), e.getMessage());
        }
    }

    @Test
    void optionsThatCannotWorkTogetherAreRefusedNamingTheOption() {
        IOException cpu = assertThrows(
                IOException.class,
                () -> job().option(IoUringOptions.SQTHREAD_POLL_CPU, 1L).start());
        assertEquals("sqthread_poll_cpu=1 needs sqthread_poll=1", cpu.getMessage());
        IOException async = assertThrows(
                IOException.class,
                () -> job().option(IoUringOptions.FORCE_ASYNC, -2L).start());
        assertEquals("force_async=-2 must be 0 (never) or a count of requests", async.getMessage());
    }

    @Test
    void uncachedWithDirectIsANoticeAsInFio() throws IOException {
        try (EngineHarness harness =
                job().option(IoUringOptions.UNCACHED, 1L).direct(true).start()) {
            harness.write(0, EngineHarness.pattern(1, 4096));
            assertTrue(
                    harness.notices()
                            .contains("uncached=1 has no effect with direct=1 (as in fio: O_DIRECT I/O bypasses the"
                                    + " page cache anyway)"),
                    harness.notices().toString());
        }
    }

    @Test
    void uncachedBufferedIoRunsWhereTheKernelHasDontcacheOrIsRefusedWithTheReason() throws IOException {
        try (EngineHarness harness = job().option(IoUringOptions.UNCACHED, 1L).start()) {
            harness.write(0, EngineHarness.pattern(2, 4096));
            assertArrayEquals(EngineHarness.pattern(2, 4096), harness.read(0, 4096));
        } catch (IOException e) {
            assertTrue(e.getMessage().startsWith("uncached=1 needs RWF_DONTCACHE"), e.getMessage());
        }
    }

    @Test
    void cleanupWithIoStillInFlightWaitsForTheKernelAndReturns() throws IOException {
        EngineHarness harness = job().direct(true).iodepth(8).start();
        for (int i = 0; i < 8; i++) {
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, (long) i * 4096, 4096));
        }
        harness.commit();
        long start = System.nanoTime();
        harness.cleanup(); // the runner abandoned them: the engine must not leave the kernel writing into freed buffers
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        harness.close();
    }
}
