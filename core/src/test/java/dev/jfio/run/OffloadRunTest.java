package dev.jfio.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.JobView;
import dev.jfio.spi.QueueResult;
import dev.jfio.spi.SetupContext;
import dev.jfio.stats.JobResult;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** io_submit_mode=offload: a submitter thread drives the engine; latency counts the wait behind it. */
class OffloadRunTest {
    /** Threads that called the engine after setup, and the job threads' names seen in queue. */
    static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();

    /** A synchronous engine that takes 5 ms per I/O and records which threads call it. */
    public static final class Slow implements IoEngineProvider {
        @Override
        public String name() {
            return "slow";
        }

        @Override
        public String description() {
            return "5 ms per I/O, synchronous";
        }

        @Override
        public Set<EngineFlag> flags() {
            return Set.of(EngineFlag.SYNCHRONOUS);
        }

        @Override
        public IoEngine create(JobView job) {
            return new IoEngine() {
                @Override
                public void setup(SetupContext setup) {
                    for (IoTarget target : setup.targets()) {
                        target.setSize(1 << 20);
                    }
                }

                @Override
                public void init() {
                    CALLERS.add(Thread.currentThread().getName());
                }

                @Override
                public void open(IoTarget target) {
                    CALLERS.add(Thread.currentThread().getName());
                }

                @Override
                public QueueResult queue(IoUnit unit) {
                    CALLERS.add(Thread.currentThread().getName());
                    long end = System.nanoTime() + 5_000_000L;
                    while (System.nanoTime() < end) {
                        java.util.concurrent.locks.LockSupport.parkNanos(end - System.nanoTime());
                    }
                    unit.complete(unit.length());
                    return QueueResult.COMPLETED;
                }

                @Override
                public void close(IoTarget target) {
                    CALLERS.add(Thread.currentThread().getName());
                }

                @Override
                public void cleanup() {
                    CALLERS.add(Thread.currentThread().getName());
                }
            };
        }
    }

    @TempDir
    Path dir;

    private JobResult run(String mode) throws Exception {
        CALLERS.clear();
        return new OneEngineRun(dir, Slow.class)
                .run(
                        "--name=t",
                        "--ioengine=slow",
                        "--filename=t0",
                        "--size=160k",
                        "--bs=4k",
                        "--iodepth=4",
                        "--io_submit_mode=" + mode)
                .result()
                .jobs()
                .get(0);
    }

    @Test
    void everyEngineCallComesFromTheSubmitterThreadAndLatencyCountsTheWaitBehindIt() throws Exception {
        JobResult inline = run("inline");
        assertEquals(1, inline.iodepth(), "inline, a synchronous engine runs at depth 1");
        double inlineLat = inline.dirs()[0].lat().mean();

        JobResult offload = run("offload");
        assertEquals(0, offload.error(), offload.errorMessage());
        assertEquals(40, offload.issued()[0]);
        assertEquals(Set.of("jfio-submit-t"), CALLERS, "init, open, queue, close, cleanup all on the submitter");
        assertFalse(CALLERS.contains(Thread.currentThread().getName()));
        double offloadLat = offload.dirs()[0].lat().mean();
        // 4 I/Os out, done one at a time: each waits behind about 3 others, so about 4 times inline's
        assertTrue(
                offloadLat > 2 * inlineLat,
                "offload counts the wait behind the queue: " + offloadLat + " ns against inline's " + inlineLat);
    }
}
