package dev.jfio.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Completions;
import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The harness catches engines that break the SPI contract. */
class EngineHarnessTest {

    private static IoEngineProvider provider(Set<EngineFlag> flags, Function<JobView, IoEngine> factory) {
        return new IoEngineProvider() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public Set<EngineFlag> flags() {
                return flags;
            }

            @Override
            public IoEngine create(JobView job) {
                return factory.apply(job);
            }
        };
    }

    /** Queues every unit and completes them in getEvents, with a fault chosen by the subclass. */
    private static class QueueingEngine implements IoEngine {
        final ArrayDeque<IoUnit> queued = new ArrayDeque<>();

        @Override
        public QueueResult queue(IoUnit unit) {
            queued.add(unit);
            return QueueResult.QUEUED;
        }

        @Override
        public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
            int n = 0;
            while (n < max && !queued.isEmpty()) {
                IoUnit unit = queued.poll();
                unit.complete(unit.length());
                sink.completed(unit);
                n++;
            }
            return n;
        }
    }

    private static HarnessBuilder job(IoEngineProvider provider) {
        return EngineHarness.builder(provider).iodepth(4).size(1 << 20);
    }

    @Test
    void wellBehavedQueueingEnginePassesAPipeline() throws IOException {
        try (EngineHarness harness =
                job(provider(Set.of(), job -> new QueueingEngine())).start()) {
            PipelineStats stats = harness.pipeline(IoOp.READ, 100, 4096, false);
            assertEquals(100, stats.reaped);
            assertEquals(4, stats.maxInFlight);
        }
    }

    @Test
    void busyWithNothingInFlightIsCaught() throws IOException {
        EngineHarness harness =
                job(provider(Set.of(), job -> unit -> QueueResult.BUSY)).start();
        AssertionError e = assertThrows(AssertionError.class, () -> harness.queueOne(IoOp.READ, 0, 4096));
        assertTrue(e.getMessage().contains("BUSY with nothing in flight"), e.getMessage());
    }

    @Test
    void unitCompletedTwiceIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(), job -> new QueueingEngine() {
                    @Override
                    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
                        IoUnit unit = queued.poll();
                        unit.complete(unit.length());
                        sink.completed(unit);
                        sink.completed(unit);
                        return 2;
                    }
                }))
                .start();
        harness.queueOne(IoOp.READ, 0, 4096);
        harness.queueOne(IoOp.READ, 4096, 4096);
        AssertionError e = assertThrows(AssertionError.class, () -> harness.reap(1, 2, -1));
        assertTrue(e.getMessage().contains("not in flight"), e.getMessage());
    }

    @Test
    void handingMoreThanMaxIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(), job -> new QueueingEngine() {
                    @Override
                    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
                        return super.getEvents(min, max + 1, timeoutNanos, sink);
                    }
                }))
                .start();
        harness.queueOne(IoOp.READ, 0, 4096);
        harness.queueOne(IoOp.READ, 4096, 4096);
        AssertionError e = assertThrows(AssertionError.class, () -> harness.reap(1, 1, -1));
        assertTrue(e.getMessage().contains("more than max=1"), e.getMessage());
    }

    @Test
    void returningFewerThanMinWithoutTimeoutIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(), job -> new QueueingEngine() {
                    @Override
                    public int getEvents(int min, int max, long timeoutNanos, Completions sink) {
                        return 0;
                    }
                }))
                .start();
        harness.queueOne(IoOp.READ, 0, 4096);
        AssertionError e = assertThrows(AssertionError.class, () -> harness.reap(1, 1, -1));
        assertTrue(e.getMessage().contains("handed only 0"), e.getMessage());
    }

    @Test
    void synchronousEngineReturningQueuedIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(EngineFlag.SYNCHRONOUS), job -> new QueueingEngine()))
                .start();
        assertEquals(1, harness.units().size());
        AssertionError e = assertThrows(AssertionError.class, () -> harness.queueOne(IoOp.READ, 0, 4096));
        assertTrue(e.getMessage().contains("SYNCHRONOUS engine returned QUEUED"), e.getMessage());
    }

    @Test
    void resultLongerThanTheUnitIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(), job -> unit -> {
                    unit.complete(unit.length() + 1);
                    return QueueResult.COMPLETED;
                }))
                .start();
        AssertionError e = assertThrows(AssertionError.class, () -> harness.read(0, 4096));
        assertTrue(e.getMessage().contains("result 4097"), e.getMessage());
    }

    @Test
    void cleanupThatThrowsIsCaught() throws IOException {
        EngineHarness harness = job(provider(Set.of(), job -> new QueueingEngine() {
                    @Override
                    public void cleanup() {
                        throw new IllegalStateException("oops");
                    }
                }))
                .build();
        harness.setup();
        AssertionError e = assertThrows(AssertionError.class, harness::cleanup);
        assertTrue(e.getMessage().startsWith("cleanup() must not throw"), e.getMessage());
    }

    @Test
    void allocatingEngineIsCaughtByTheAllocationProbe() throws IOException {
        try (EngineHarness harness = job(provider(Set.of(EngineFlag.SYNCHRONOUS), job -> unit -> {
                    unit.setEngineData(new long[4]);
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }))
                .start()) {
            long bytes = harness.allocatedBytes(IoOp.READ, 1000, 4096);
            assertTrue(bytes == -1 || bytes >= 1000 * 16, "allocated " + bytes);
        }
    }

    @Test
    void writeHelpersPutTheDataAtBufferIndexZeroAndReadReturnsTheResultBytes() throws IOException {
        byte[][] seen = new byte[1][];
        try (EngineHarness harness = job(provider(Set.of(EngineFlag.SYNCHRONOUS), job -> unit -> {
                    byte[] data = new byte[unit.length()];
                    unit.buffer().get(0, data);
                    if (unit.op() == IoOp.WRITE) {
                        seen[0] = data;
                    } else {
                        unit.buffer().put(0, seen[0], 0, 100);
                    }
                    unit.complete(unit.op() == IoOp.WRITE ? unit.length() : 100);
                    return QueueResult.COMPLETED;
                }))
                .start()) {
            byte[] pattern = EngineHarness.pattern(7, 4096);
            assertEquals(4096, harness.write(0, pattern));
            assertTrue(java.util.Arrays.equals(pattern, seen[0]));
            assertTrue(java.util.Arrays.equals(java.util.Arrays.copyOf(pattern, 100), harness.read(0, 4096)));
        }
    }

    @Test
    void setupContextKeptForLaterIsCaught() throws IOException {
        SetupContext[] kept = new SetupContext[1];
        EngineHarness harness = job(provider(Set.of(), job -> new QueueingEngine() {
                    @Override
                    public void setup(SetupContext setup) {
                        kept[0] = setup;
                    }
                }))
                .build();
        harness.setup();
        AssertionError e = assertThrows(AssertionError.class, () -> kept[0].targets());
        assertTrue(e.getMessage().contains("only during setup()"), e.getMessage());
        harness.cleanup();
    }
}
