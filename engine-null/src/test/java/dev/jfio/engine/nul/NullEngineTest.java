package dev.jfio.engine.nul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import dev.jfio.testkit.HarnessUnit;
import dev.jfio.testkit.PipelineStats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NullEngineTest {
    private static HarnessBuilder job(int iodepth) {
        return EngineHarness.builder(new NullEngineProvider()).iodepth(iodepth).size(1 << 20);
    }

    @Test
    void providerIsDisklessWithNullModeChoices() {
        NullEngineProvider provider = new NullEngineProvider();
        assertEquals("null", provider.name());
        assertEquals(Set.of(EngineFlag.DISKLESS), provider.flags());
        assertEquals(List.of("sync", "async", "auto"), NullEngineProvider.NULL_MODE.choices());
        assertEquals("auto", NullEngineProvider.NULL_MODE.defaultValue());
    }

    @Test
    void autoModeCompletesInQueueAtIodepthOne() throws IOException {
        try (EngineHarness harness = job(1).start()) {
            assertEquals(QueueResult.COMPLETED, harness.queueOne(IoOp.READ, 0, 4096));
            assertEquals(0, harness.inFlight());
        }
    }

    @Test
    void autoModeQueuesAndCompletesInGetEventsAboveIodepthOne() throws IOException {
        try (EngineHarness harness = job(4).start()) {
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, 0, 4096));
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.WRITE, 4096, 4096));
            assertEquals(2, harness.inFlight());
            assertEquals(2, harness.reap(1, 4, -1));
            assertEquals(0, harness.inFlight());
        }
    }

    @Test
    void syncModeCompletesInQueueEvenAtIodepth32() throws IOException {
        try (EngineHarness harness =
                job(32).option(NullEngineProvider.NULL_MODE, "sync").start()) {
            PipelineStats stats = harness.pipeline(IoOp.READ, 1000, 4096, false);
            assertEquals(1000, stats.completedInQueue);
            assertEquals(0, stats.reaped);
        }
    }

    @Test
    void asyncModeQueuesEvenAtIodepthOne() throws IOException {
        try (EngineHarness harness =
                job(1).option(NullEngineProvider.NULL_MODE, "async").start()) {
            assertEquals(QueueResult.QUEUED, harness.queueOne(IoOp.READ, 0, 4096));
            assertEquals(1, harness.reap(1, 1, -1));
        }
    }

    @Test
    void getEventsHandsAtMostMaxAndKeepsTheRestInFlight() throws IOException {
        try (EngineHarness harness = job(4).start()) {
            for (int i = 0; i < 4; i++) {
                harness.queueOne(IoOp.READ, i * 4096L, 4096);
            }
            assertEquals(3, harness.reap(0, 3, 0));
            assertEquals(1, harness.inFlight());
            assertEquals(1, harness.reap(1, 8, -1));
        }
    }

    @Test
    void completedUnitsCarryTheirFullLength() throws IOException {
        try (EngineHarness harness = job(8).start()) {
            PipelineStats stats = harness.pipeline(IoOp.WRITE, 100, 512, false);
            assertEquals(100, stats.completed);
            assertEquals(0, stats.shortIos);
        }
    }

    @Test
    void setupReplacesTargetsWithOneTargetNamedNullCoveringOffsetPlusSize() throws IOException {
        try (EngineHarness harness = job(1).filenames("a", "b").offset(8192).build()) {
            harness.setup();
            assertEquals(1, harness.targets().size());
            IoTarget target = harness.targets().get(0);
            assertEquals("null", target.name());
            assertEquals(8192 + (1 << 20), target.size());
        }
    }

    @Test
    void setupWithoutSizeNamesOneTargetOfUnknownSizeForTheRunnerToRefuse() throws IOException {
        EngineHarness harness = job(1).size(IoTarget.UNKNOWN_SIZE).build();
        harness.setup();
        assertEquals(1, harness.targets().size());
        assertEquals(IoTarget.UNKNOWN_SIZE, harness.targets().get(0).size());
        assertFalse(harness.targets().get(0).hasFixedSize());
        harness.cleanup();
    }

    @Test
    void queueAnswersBusyWhenEveryRingSlotIsTaken() throws IOException {
        EngineHarness harness = job(2).build();
        IoEngine engine = new NullEngineProvider().create(harness.job());
        IoTarget target = new IoTarget("null", 1 << 20);
        QueueResult[] results = new QueueResult[3];
        for (int i = 0; i < 3; i++) {
            IoUnit unit = new HarnessUnit(i, ByteBuffer.allocateDirect(4096)).set(IoOp.READ, target, 0, 4096, 0);
            results[i] = engine.queue(unit);
        }
        assertEquals(List.of(QueueResult.QUEUED, QueueResult.QUEUED, QueueResult.BUSY), List.of(results));
        assertEquals(2, engine.getEvents(0, 8, 0, unit -> {}));
        engine.cleanup();
    }
}
