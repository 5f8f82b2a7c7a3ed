package dev.jfio.example.ramdisk;

import dev.jfio.spi.IoOp;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.PipelineStats;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What is particular to {@code ramdisk}, beyond the contract. */
class RamdiskEngineTest {

    private static EngineHarness start(int iodepth) throws IOException {
        return EngineHarness.builder(new RamdiskEngineProvider()).size(1 << 20).iodepth(iodepth).start();
    }

    @Test
    void queueAnswersQueuedAndGetEventsCompletesInSubmissionOrder() throws IOException {
        try (EngineHarness harness = start(4)) {
            for (int i = 0; i < 4; i++) {
                assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.WRITE, i * 4096L, 4096));
            }
            assertEquals(4, harness.inFlight());
            assertEquals(4, harness.reap(4, 4, -1));
            harness.pipeline(IoOp.WRITE, 256, 4096, false);
            PipelineStats stats = harness.pipeline(IoOp.READ, 256, 4096, true);
            assertEquals(0, stats.outOfOrder, stats.toString());
            assertEquals(0, stats.mismatches, stats.toString());
        }
    }

    @Test
    void fullSubmissionQueueAnswersBusyUntilAUnitIsReaped() throws IOException {
        try (EngineHarness harness = start(RamdiskEngine.QUEUE_SLOTS + 1)) {
            for (int i = 0; i < RamdiskEngine.QUEUE_SLOTS; i++) {
                assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, i * 4096L, 4096));
            }
            assertEquals(QueueResult.BUSY, harness.queueOne(IoOp.READ, 0, 4096));
            assertEquals(1, harness.reap(1, 1, -1));
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, 0, 4096));
            harness.drain();
        }
    }

    @Test
    void unwrittenBytesReadAsZerosAndWrittenOnesReadBack() throws IOException {
        try (EngineHarness harness = start(2)) {
            assertArrayEquals(new byte[4096], harness.read(8192, 4096));
            harness.write(8192, EngineHarness.pattern(3, 4096));
            assertArrayEquals(EngineHarness.pattern(3, 4096), harness.read(8192, 4096));
        }
    }

    @Test
    void ramdiskSizeOptionSizesTheDiskRegardlessOfTheJob() throws IOException {
        try (EngineHarness harness = EngineHarness.builder(new RamdiskEngineProvider())
                .option(RamdiskEngineProvider.RAMDISK_SIZE, 4L << 20).start()) {
            assertEquals(4L << 20, harness.targets().get(0).size());
            assertTrue(harness.targets().get(0).hasFixedSize());
        }
    }
}
