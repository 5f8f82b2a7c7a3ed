package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.PipelineStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** vsync's batching, as fio's sync.c does it: adjacent units of one batch become one readv/writev. */
class VsyncEngineTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    private EngineHarness start(Path file, int iodepth) throws IOException {
        return EngineHarness.builder(new VsyncEngineProvider())
                .filename(file)
                .iodepth(iodepth)
                .size(64 * BS)
                .start();
    }

    /** The file holds the harness's pattern at each block, so pipelined reads verify. */
    private Path patternFile() throws IOException {
        byte[] content = new byte[64 * BS];
        for (int b = 0; b < 64; b++) {
            System.arraycopy(EngineHarness.pattern((long) b * BS, BS), 0, content, b * BS, BS);
        }
        return Files.write(dir.resolve("v"), content);
    }

    @Test
    void isNotSynchronousSoTheRunnerKeepsTheIodepthBatchesNeed() {
        assertTrue(!new VsyncEngineProvider().flags().contains(EngineFlag.SYNCHRONOUS));
    }

    @Test
    void fourAdjacentReadsOfOneBatchAreOneReadvCall() throws IOException {
        try (EngineHarness h = start(patternFile(), 4)) {
            ThreadSyscalls calls = ThreadSyscalls.start();
            PipelineStats stats = h.pipeline(IoOp.READ, new long[] {0, BS, 2 * BS, 3 * BS}, BS, true);
            assertEquals(1, calls.reads(), "read-family system calls for 4 adjacent units");
            assertEquals(0, stats.mismatches, stats.toString());
            assertEquals(4, stats.reaped, stats.toString());
        }
    }

    @Test
    void unitsWithGapsBetweenThemAreOneCallEach() throws IOException {
        try (EngineHarness h = start(patternFile(), 4)) {
            ThreadSyscalls calls = ThreadSyscalls.start();
            PipelineStats stats = h.pipeline(IoOp.READ, new long[] {0, 2 * BS, 4 * BS, 6 * BS}, BS, true);
            assertEquals(4, calls.reads(), "read-family system calls for 4 separate units");
            assertEquals(0, stats.mismatches, stats.toString());
        }
    }

    @Test
    void aUnitThatDoesNotFollowTheBatchIsBusyUntilTheBatchWentOut() throws IOException {
        try (EngineHarness h = start(patternFile(), 4)) {
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, 0, BS));
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, BS, BS));
            assertEquals(QueueResult.BUSY, h.queueOne(IoOp.READ, 3 * BS, BS), "a gap");
            assertEquals(QueueResult.BUSY, h.queueOne(IoOp.WRITE, 2 * BS, BS), "the other direction");
            assertEquals(QueueResult.BUSY, h.queueOne(IoOp.FLUSH, 0, 0), "a flush behind a batch");
            h.commit();
            assertEquals(2, h.reap(2, 4, -1));
            assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, 3 * BS, BS));
            h.commit();
            h.drain();
        }
    }

    @Test
    void adjacentWritesOfOneBatchAreOneWritevCallAndLandInOrder() throws IOException {
        Path file = dir.resolve("w");
        try (EngineHarness h = start(file, 8)) {
            ThreadSyscalls calls = ThreadSyscalls.start();
            long[] offsets = new long[8];
            for (int i = 0; i < 8; i++) {
                offsets[i] = (8L + i) * BS;
            }
            PipelineStats stats = h.pipeline(IoOp.WRITE, offsets, BS, false);
            assertEquals(1, calls.writes(), "write-family system calls for 8 adjacent units");
            assertEquals(0, stats.errors, stats.toString());
        }
        byte[] content = Files.readAllBytes(file);
        for (int i = 8; i < 16; i++) {
            assertArrayEquals(
                    EngineHarness.pattern((long) i * BS, BS),
                    Arrays.copyOfRange(content, i * BS, (i + 1) * BS),
                    "block " + i);
        }
    }

    @Test
    void aShortReadvIsSpreadOverTheBatchInOrder() throws IOException {
        Path file = Files.write(dir.resolve("s"), EngineHarness.pattern(0, 2 * BS + 1000));
        try (EngineHarness h = EngineHarness.builder(new VsyncEngineProvider())
                .filename(file)
                .iodepth(4)
                .writes(false)
                .start()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(QueueResult.QUEUED, h.queueOne(IoOp.READ, (long) i * BS, BS));
            }
            h.commit();
            h.drain();
            int[] results = new int[4];
            for (IoUnit unit : h.units()) {
                assertEquals(0, unit.error(), String.valueOf(unit.errorMessage()));
                results[(int) (unit.offset() / BS)] = unit.result();
            }
            assertArrayEquals(new int[] {BS, BS, 1000, 0}, results);
        }
    }
}
