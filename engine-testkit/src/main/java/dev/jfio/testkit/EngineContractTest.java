package dev.jfio.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.QueueResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

/**
 * What every engine must do, as JUnit 5 tests. An engine's test extends this class, names the
 * provider, adds what its jobs need (options, file names in a temporary directory, a server
 * address) in {@link #configure} and, where its engine differs from the defaults, answers
 * {@link #hasBehaviour}; {@link EngineHarness} checks the SPI rules on every call.
 *
 * <pre>{@code
 * class MyEngineContractTest extends EngineContractTest {
 *     protected IoEngineProvider provider() { return new MyEngineProvider(); }
 *
 *     protected boolean hasBehaviour(EngineBehaviour behaviour) {
 *         switch (behaviour) {
 *             case STORES_DATA: return false;           // it discards what it is given
 *             default: return super.hasBehaviour(behaviour);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>The default job reads and writes {@link #size()} bytes in {@link #blockSize()} blocks at
 * iodepth {@link #iodepth()}.
 */
@Timeout(60)
public abstract class EngineContractTest {

    /** The engine under test. */
    protected abstract IoEngineProvider provider();

    /** Adds what the engine needs to the preset job (options, filenames, direct). */
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job;
    }

    /**
     * A job for which setup, init or open fails with an IOException (a missing directory, an
     * unset size, an unreachable server), or null when the engine cannot be made to fail.
     */
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return null;
    }

    /**
     * Whether the engine, as {@link #configure}d, has {@code behaviour}; selects the tests that
     * apply. The default derives it from the provider's flags (see {@link EngineBehaviour}):
     * override with a switch for what differs and delegate the rest here.
     */
    protected boolean hasBehaviour(EngineBehaviour behaviour) {
        return behaviour.byDefault(provider().flags(), this::hasBehaviour);
    }

    protected int iodepth() {
        return 8;
    }

    protected int blockSize() {
        return 4096;
    }

    protected long size() {
        return 1 << 20;
    }

    /** The preset job with {@link #configure} applied. */
    protected final HarnessBuilder job() {
        return configure(EngineHarness.builder(provider())
                .name("contract")
                .rw("randrw")
                .bs(blockSize())
                .size(size())
                .iodepth(iodepth()));
    }

    @Test
    public void providerDescribesItselfWithValidNamesAndOneLineDescription() {
        IoEngineProvider provider = provider();
        assertTrue(provider.name().matches("[a-z0-9][a-z0-9_.+-]*"), "name: " + provider.name());
        for (String alias : provider.aliases()) {
            assertTrue(alias.matches("[a-z0-9][a-z0-9_.+-]*"), "alias: " + alias);
        }
        assertFalse(provider.description().isBlank());
        assertFalse(provider.description().contains("\n"), "description must be one line");
        Set<String> names = new HashSet<>();
        for (EngineOption<?> option : provider.options()) {
            assertTrue(names.add(option.name()), "option declared twice: " + option.name());
            assertFalse(option.help().isBlank(), "option without help: " + option.name());
        }
        assertNotNull(provider.flags());
    }

    @Test
    public void fullLifecycleWritesReadsFlushesAndCloses() throws IOException {
        EngineHarness harness = job().build();
        harness.setup();
        harness.init();
        harness.openAll();
        assertEquals(blockSize(), harness.write(0, EngineHarness.pattern(0, blockSize())));
        if (hasBehaviour(EngineBehaviour.READS)) {
            assertEquals(blockSize(), harness.read(0, blockSize()).length);
        }
        harness.flush();
        harness.closeAll();
        harness.cleanup();
    }

    @Test
    public void setupGivesEveryTargetAKnownSizeCoveringTheJob() throws IOException {
        try (EngineHarness harness = job().build()) {
            harness.setup();
            assertFalse(harness.targets().isEmpty());
            for (IoTarget target : harness.targets()) {
                assertNotEquals(IoTarget.UNKNOWN_SIZE, target.size(), "size of " + target);
                assertTrue(
                        target.size()
                                >= harness.job().offset()
                                        + size() / harness.targets().size(),
                        target + " has " + target.size() + " bytes, less than the job's " + size());
            }
        }
    }

    @Test
    public void cleanupAfterSetupAloneDoesNotThrow() throws IOException {
        EngineHarness harness = job().build();
        harness.setup();
        harness.cleanup();
    }

    @Test
    public void cleanupAfterInitWithoutOpenDoesNotThrow() throws IOException {
        EngineHarness harness = job().build();
        harness.setup();
        harness.init();
        harness.cleanup();
    }

    @Test
    public void failedStartIsOneLineIOExceptionAndCleanupStillWorks() {
        HarnessBuilder failing = failingConfiguration(job());
        assumeTrue(failing != null, "the engine offers no failing configuration");
        EngineHarness harness = failing.build();
        IOException e = assertThrows(IOException.class, harness::start);
        assertNotNull(e.getMessage());
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), "message must be one line: " + e.getMessage());
        harness.cleanup();
    }

    /**
     * The tests that depend on what the engine is ({@link #hasBehaviour}), registered only where
     * they apply, so that none is skipped: data round trips for engines that store data, complete
     * transfers for those that discard it; completion in queue, getEvents' rules; flush, trim and
     * fixed-size targets.
     */
    @TestFactory
    public Stream<DynamicTest> testsForWhatTheEngineIs() {
        List<DynamicTest> tests = new ArrayList<>();
        if (hasBehaviour(EngineBehaviour.STORES_DATA)) {
            tests.add(dynamicTest("writtenDataReadsBackAtSeveralOffsets", this::writtenDataReadsBackAtSeveralOffsets));
            tests.add(dynamicTest("pipelinedWritesReadBackIntact", this::pipelinedWritesReadBackIntact));
        } else {
            tests.add(dynamicTest(
                    "discardedWritesAndReadsStillTransferEveryByte",
                    this::discardedWritesAndReadsStillTransferEveryByte));
        }
        if (!hasBehaviour(EngineBehaviour.READS)) {
            tests.add(dynamicTest(
                    "refusedReadIsAnErrorCodeNotAnException", this::refusedReadIsAnErrorCodeNotAnException));
        }
        if (hasBehaviour(EngineBehaviour.COMPLETES_IN_QUEUE)) {
            tests.add(dynamicTest(
                    "synchronousEngineCompletesEveryUnitInQueue", this::synchronousEngineCompletesEveryUnitInQueue));
        }
        if (hasBehaviour(EngineBehaviour.ASYNCHRONOUS)) {
            tests.add(dynamicTest("getEventsHonoursMinMaxAndZeroTimeout", this::getEventsHonoursMinMaxAndZeroTimeout));
        }
        if (hasBehaviour(EngineBehaviour.FLUSHES)) {
            tests.add(dynamicTest("flushCompletesWithoutError", this::flushCompletesWithoutError));
        }
        if (hasBehaviour(EngineBehaviour.TRIMS)) {
            tests.add(dynamicTest("trimCompletesWithoutError", this::trimCompletesWithoutError));
        } else {
            tests.add(dynamicTest(
                    "refusedTrimIsAnErrorCodeNotAnException", this::refusedTrimIsAnErrorCodeNotAnException));
        }
        if (hasBehaviour(EngineBehaviour.TRIMMED_BLOCKS_READ_AS_ZEROS)) {
            tests.add(dynamicTest("trimmedBlockReadsBackAsZeros", this::trimmedBlockReadsBackAsZeros));
        }
        if (hasBehaviour(EngineBehaviour.FIXED_SIZE)) {
            tests.add(dynamicTest("setupFixesEveryTargetsSize", this::setupFixesEveryTargetsSize));
            tests.add(
                    dynamicTest("ioPastTheFixedEndCompletesWithAnError", this::ioPastTheFixedEndCompletesWithAnError));
        }
        return tests.stream();
    }

    private void writtenDataReadsBackAtSeveralOffsets() throws IOException {
        int bs = blockSize();
        long[] offsets = {0, 3L * bs, size() / 2, size() - bs};
        try (EngineHarness harness = job().start()) {
            for (long offset : offsets) {
                assertEquals(bs, harness.write(offset, EngineHarness.pattern(offset * 7 + 1, bs)));
            }
            for (long offset : offsets) {
                assertArrayEquals(
                        EngineHarness.pattern(offset * 7 + 1, bs),
                        harness.read(offset, bs),
                        "data at offset " + offset);
            }
        }
    }

    @Test
    public void pipelinedIoCompletesEveryUnitExactlyOnce() throws IOException {
        int count = 64 * iodepth();
        try (EngineHarness harness = job().start()) {
            for (IoOp op : dataOps()) {
                PipelineStats stats = harness.pipeline(op, count, blockSize(), false);
                assertEquals(count, stats.completed, op + ": " + stats);
                assertEquals(0, stats.errors, op + ": " + stats);
                assertEquals(0, stats.shortIos, op + ": " + stats);
                assertEquals(count, stats.completedInQueueOrReaped(), op + ": " + stats);
                assertTrue(stats.maxInFlight <= harness.units().size(), op + ": " + stats);
                assertEquals(0, harness.inFlight());
            }
        }
    }

    private void discardedWritesAndReadsStillTransferEveryByte() throws IOException {
        int bs = blockSize();
        long[] offsets = {0, 3L * bs, size() / 2, size() - bs};
        try (EngineHarness harness = job().start()) {
            for (long offset : offsets) {
                assertEquals(
                        bs,
                        harness.write(offset, EngineHarness.pattern(offset * 7 + 1, bs)),
                        "bytes written at offset " + offset);
                if (hasBehaviour(EngineBehaviour.READS)) {
                    assertEquals(bs, harness.read(offset, bs).length, "bytes read at offset " + offset);
                }
            }
            assertEquals(0, harness.inFlight());
        }
    }

    private void pipelinedWritesReadBackIntact() throws IOException {
        int count = (int) (size() / blockSize());
        try (EngineHarness harness = job().start()) {
            PipelineStats written = harness.pipeline(IoOp.WRITE, count, blockSize(), false);
            assertEquals(0, written.errors, written.toString());
            PipelineStats read = harness.pipeline(IoOp.READ, count, blockSize(), true);
            assertEquals(0, read.errors, read.toString());
            assertEquals(0, read.mismatches, read.toString());
        }
    }

    private void synchronousEngineCompletesEveryUnitInQueue() throws IOException {
        try (EngineHarness harness = job().start()) {
            int bs = blockSize();
            for (int i = 0; i < 4 * harness.units().size(); i++) {
                IoOp op = i % 2 == 0 || !hasBehaviour(EngineBehaviour.READS) ? IoOp.WRITE : IoOp.READ;
                long offset = (long) (i % harness.units().size()) * bs;
                assertEquals(QueueResult.COMPLETED, harness.queueOne(op, offset, bs), op + " at " + offset);
                assertEquals(0, harness.inFlight());
            }
        }
    }

    private void getEventsHonoursMinMaxAndZeroTimeout() throws IOException {
        try (EngineHarness harness = job().start()) {
            int bs = blockSize();
            for (int i = 0; i < harness.units().size(); i++) {
                if (harness.queueOne(IoOp.WRITE, (long) i * bs, bs) == QueueResult.BUSY) {
                    break;
                }
            }
            harness.commit();
            if (harness.inFlight() == 0) {
                // everything completed in queue: nothing to reap, and a zero wait must not block
                assertEquals(0, harness.reap(0, 1, 0));
                return;
            }
            assertTrue(harness.reap(0, 1, 0) <= 1);
            while (harness.inFlight() > 1) {
                int n = harness.reap(1, 2, -1);
                assertTrue(n >= 1 && n <= 2, "reap(1, 2) gave " + n);
            }
            int last = harness.inFlight();
            if (last > 0) {
                assertEquals(last, harness.reap(last, last, -1));
            }
            assertEquals(0, harness.inFlight());
        }
    }

    @Test
    public void busyOnlyWhileUnitsAreInFlightAndRetryIsAccepted() throws IOException {
        try (EngineHarness harness = job().start()) {
            int bs = blockSize();
            int depth = harness.units().size();
            IoOp op = dataOps()[dataOps().length - 1];
            for (int i = 0; i < depth; i++) {
                long offset = (long) i * bs;
                QueueResult result = harness.queueOne(op, offset, bs);
                int reaps = 0;
                while (result == QueueResult.BUSY) {
                    harness.commit();
                    assertTrue(harness.reap(1, harness.inFlight(), -1) >= 1);
                    assertTrue(++reaps <= depth, "queue stayed BUSY after " + depth + " reaps");
                    result = harness.queueOne(op, offset, bs);
                }
            }
            harness.commit();
            harness.drain();
            assertEquals(0, harness.inFlight());
        }
    }

    private void flushCompletesWithoutError() throws IOException {
        try (EngineHarness harness = job().start()) {
            harness.write(0, EngineHarness.pattern(0, blockSize()));
            IoUnit unit = harness.submit(IoOp.FLUSH, 0, 0, null);
            assertEquals(0, unit.error(), "FLUSH failed: " + unit.errorMessage());
        }
    }

    private void trimCompletesWithoutError() throws IOException {
        try (EngineHarness harness = job().start()) {
            harness.write(0, EngineHarness.pattern(0, blockSize()));
            IoUnit unit = harness.trim(0, blockSize());
            assertEquals(0, unit.error(), "TRIM failed: " + unit.errorMessage());
        }
    }

    private void refusedReadIsAnErrorCodeNotAnException() throws IOException {
        try (EngineHarness harness = job().start()) {
            IoUnit unit = harness.submit(IoOp.READ, 0, blockSize(), null);
            assertNotEquals(0, unit.error(), "an engine without READ completed one");
            assertNotNull(unit.errorMessage());
        }
    }

    /** The directions whose I/O the engine completes: WRITE, and READ unless it does not read. */
    private IoOp[] dataOps() {
        return hasBehaviour(EngineBehaviour.READS) ? new IoOp[] {IoOp.WRITE, IoOp.READ} : new IoOp[] {IoOp.WRITE};
    }

    private void refusedTrimIsAnErrorCodeNotAnException() throws IOException {
        try (EngineHarness harness = job().start()) {
            IoUnit unit = harness.trim(0, blockSize());
            assertNotEquals(0, unit.error(), "an engine without TRIM completed one");
            assertNotNull(unit.errorMessage());
        }
    }

    private void trimmedBlockReadsBackAsZeros() throws IOException {
        int bs = blockSize();
        try (EngineHarness harness = job().start()) {
            harness.write(bs, EngineHarness.pattern(5, bs));
            IoUnit unit = harness.trim(bs, bs);
            assertEquals(0, unit.error(), "TRIM failed: " + unit.errorMessage());
            assertArrayEquals(new byte[bs], harness.read(bs, bs));
        }
    }

    private void setupFixesEveryTargetsSize() throws IOException {
        try (EngineHarness harness = job().build()) {
            harness.setup();
            for (IoTarget target : harness.targets()) {
                assertTrue(target.hasFixedSize(), target + " has no fixed size after setup");
            }
        }
    }

    private void ioPastTheFixedEndCompletesWithAnError() throws IOException {
        int bs = blockSize();
        try (EngineHarness harness = job().start()) {
            long end = harness.targets().get(0).size();
            for (IoOp op : new IoOp[] {IoOp.READ, IoOp.WRITE}) {
                IoUnit unit = harness.submit(op, end, bs, op == IoOp.WRITE ? EngineHarness.pattern(end, bs) : null);
                assertNotEquals(0, unit.error(), op + " at the end of a fixed size of " + end + " did not fail");
            }
        }
    }

    @Test
    public void steadyStateIoAllocatesNothing() throws IOException {
        int count = 10_000;
        try (EngineHarness harness = job().start()) {
            for (IoOp op : dataOps()) {
                long bytes = harness.allocatedBytes(op, count, blockSize());
                assumeTrue(bytes >= 0, "this JVM cannot count allocations");
                // a few hundred bytes once (class initialisation, JIT transitions) are not per-I/O allocation;
                // one 16-byte object in every 16th I/O already reaches count bytes
                if (bytes >= count) {
                    fail(op + ": " + bytes + " bytes allocated over " + count + " I/Os in steady state");
                }
            }
        }
    }
}
