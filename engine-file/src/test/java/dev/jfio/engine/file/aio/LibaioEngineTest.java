package dev.jfio.engine.file.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jfio.engine.file.PageCacheProbe;
import dev.jfio.spi.EngineOption;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code libaio} through the test harness: what differs from the contract, against this kernel. */
class LibaioEngineTest {
    private static final int BS = 4096;
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private HarnessBuilder job() {
        return EngineHarness.builder(new LibaioEngineProvider())
                .filename(dir.resolve("f"))
                .size(MIB)
                .bs(BS)
                .iodepth(8);
    }

    @Test
    void providerIsAsynchronousLibaioWithFio333sOptions() {
        LibaioEngineProvider provider = new LibaioEngineProvider();
        assertEquals("libaio", provider.name());
        assertEquals(Set.of(), provider.flags());
        assertEquals(
                List.of(
                        "userspace_reap",
                        "cmdprio_percentage",
                        "cmdprio_class",
                        "cmdprio",
                        "cmdprio_bssplit",
                        "nowait"),
                provider.options().stream().map(EngineOption::name).collect(Collectors.toList()));
    }

    @Test
    void queuedUnitsAreHeldUntilCommitAndAllComeBackAtDepth() throws IOException {
        try (EngineHarness harness = job().rw("randrw").direct(true).start()) {
            for (int i = 0; i < 8; i++) {
                assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.WRITE, (long) i * BS, BS));
            }
            harness.commit();
            assertEquals(8, harness.reap(8, 8, -1));
            assertEquals(0, harness.inFlight());
        }
    }

    @Test
    void aKernelIoErrorFailsThatUnitWithItsErrno() throws IOException {
        try (EngineHarness harness = job().rw("randread").direct(true).start()) {
            IoUnit misaligned = harness.submit(IoOp.READ, 100, BS, null);
            assertEquals(Errno.EINVAL, misaligned.error(), "an O_DIRECT read at offset 100");
            assertEquals("read failed", misaligned.errorMessage());
            assertEquals(BS, harness.read(BS, BS).length, "the next I/O is unaffected");
        }
    }

    @Test
    void aRequestTheKernelRefusesAtSubmitFailsAloneAndTheRestOfTheBatchGoesOn() throws IOException {
        // a read job opens its file read-only: io_submit refuses a write to it with EBADF
        try (EngineHarness harness = job().rw("randread").start()) {
            List<IoUnit> units = harness.units();
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, 0, BS));
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.WRITE, BS, BS));
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, 2 * BS, BS));
            harness.commit();
            assertEquals(3, harness.reap(3, 3, -1));
            assertEquals(0, units.get(0).error());
            assertEquals(BS, units.get(0).result());
            assertEquals(Errno.EBADF, units.get(1).error());
            assertEquals("io_submit refused the request", units.get(1).errorMessage());
            assertEquals(0, units.get(2).error());
            assertEquals(BS, units.get(2).result());
        }
    }

    /** A file whose pages are on disk (fsync'd), so invalidate=1 can drop them from the cache. */
    static void writeCold(Path file, int bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[bytes]));
            channel.force(true);
        }
    }

    @Test
    void nowaitMakesAReadOfUncachedPagesFailWithEagainInsteadOfBlocking() throws IOException {
        writeCold(dir.resolve("f"), MIB);
        PageCacheProbe.assumeUncachedReadsWait(dir.resolve("f"));
        // invalidate=1 (the default) drops the file's cached pages at open
        try (EngineHarness harness =
                job().rw("randread").option(LibaioOptions.NOWAIT, true).start()) {
            IoUnit unit = harness.submit(IoOp.READ, MIB / 2, BS, null);
            assertEquals(Errno.EAGAIN, unit.error(), "RWF_NOWAIT read of an uncached page");
            assertEquals(
                    Map.of("direct", "0", "sync", "none", "nowait", "1"),
                    harness.engine().properties());
        }
        try (EngineHarness harness = job().rw("randread").start()) {
            assertEquals(BS, harness.read(MIB / 2, BS).length, "without nowait the same read waits for the disk");
        }
    }

    @Test
    void flushOnAFileWithoutFsyncFallsBackToFsyncAndReportsItsErrno() throws IOException {
        try (EngineHarness harness = EngineHarness.builder(new LibaioEngineProvider())
                .filenames("/dev/null")
                .rw("write")
                .size(MIB)
                .iodepth(2)
                .start()) {
            for (int i = 0; i < 2; i++) {
                IoUnit flush = harness.submit(IoOp.FLUSH, 0, 0, null);
                assertEquals(Errno.EINVAL, flush.error(), "flush " + i);
                assertEquals("fsync failed", flush.errorMessage(), "flush " + i);
            }
        }
    }

    @Test
    void trimPunchesAHoleAtOnceAfterSubmittingWhatWasQueuedBeforeIt() throws IOException {
        try (EngineHarness harness = job().rw("randrw").direct(true).trims(true).start()) {
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.WRITE, 0, BS));
            assertEquals(QueueResult.COMPLETED, harness.queueOne(IoOp.TRIM, 0, BS));
            assertEquals(1, harness.inFlight());
            assertEquals(1, harness.reap(1, 1, -1));
        }
    }

    @Test
    void cmdprioPercentagePerDirectionGivesReadsTheRealTimeClassAndWritesNone() throws IOException {
        try (EngineHarness harness = job().rw("randrw")
                .direct(true)
                .option("cmdprio_percentage", "100,0")
                .start()) {
            for (int i = 0; i < 20; i++) {
                IoUnit read = harness.submit(IoOp.READ, i * (long) BS, BS, null);
                assertEquals(0, read.error(), read.errorMessage());
                assertEquals(1 << 13, read.priority(), "class RT, level 0 by default");
                IoUnit write = harness.submit(IoOp.WRITE, i * (long) BS, BS, new byte[BS]);
                assertEquals(0, write.priority());
            }
        }
    }

    @Test
    void cmdprioPercentageAndBssplitTogetherFailSetup() {
        EngineHarness harness = job().rw("randread")
                .option("cmdprio_percentage", "10")
                .option("cmdprio_bssplit", "4k/50")
                .build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertEquals(
                "ioengine=libaio: cmdprio_percentage and cmdprio_bssplit options are mutually exclusive",
                e.getMessage());
        harness.cleanup();
    }

    @Test
    void bufferedJobGetsOneNoticeFromItsFirstCloneAndDirectJobNone() throws IOException {
        try (EngineHarness harness = job().rw("randread").build()) {
            harness.setup();
            List<String> notices = harness.notices().stream()
                    .filter(n -> n.startsWith("ioengine=libaio with direct=0: Linux queues only non-buffered I/O"))
                    .collect(Collectors.toList());
            assertEquals(1, notices.size(), harness.notices().toString());
        }
        try (EngineHarness harness = job().rw("randread").cloneIndex(1).build()) {
            harness.setup();
            assertFalse(
                    harness.notices().stream().anyMatch(n -> n.contains("direct=0")),
                    harness.notices().toString());
        }
        try (EngineHarness harness = job().rw("randread").direct(true).build()) {
            harness.setup();
            assertFalse(
                    harness.notices().stream().anyMatch(n -> n.contains("direct=0")),
                    harness.notices().toString());
        }
    }

    @Test
    void userspaceReapTakesCompletionsFromTheRingWhenMinIsZero() throws IOException {
        try (EngineHarness harness = job().rw("randread")
                .direct(true)
                .option(LibaioOptions.USERSPACE_REAP, true)
                .start()) {
            for (int i = 0; i < 8; i++) {
                harness.queueOne(IoOp.READ, (long) i * BS, BS);
            }
            harness.commit();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (harness.inFlight() > 0 && System.nanoTime() < deadline) {
                harness.reap(0, 8, 0);
            }
            assertEquals(0, harness.inFlight());
            assertEquals("1", harness.engine().properties().get("userspace_reap"));
        }
    }
}
