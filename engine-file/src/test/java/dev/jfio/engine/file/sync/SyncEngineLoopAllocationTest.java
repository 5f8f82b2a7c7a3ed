package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole queue/reap loop on psync (the default engine) and posixaio (the asynchronous one)
 * allocates nothing per I/O: a job thread's allocation over one second of steady state, while
 * it does tens of thousands of I/Os on a cached file, stays at what a few sample windows cost.
 */
class SyncEngineLoopAllocationTest {
    /** Per second of steady state: bandwidth/IOPS samples and clock noise, nowhere near one object per I/O. */
    private static final long BUDGET_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private long allocatedOverOneSecond(String engine, int iodepth) throws Exception {
        String name = "alloc-" + engine;
        CompletableFuture<JfioRun> run = CompletableFuture.supplyAsync(() -> JfioRun.run(
                "--name=" + name,
                "--ioengine=" + engine,
                "--filename=" + dir.resolve(engine),
                "--rw=randrw",
                "--bs=4k",
                "--size=16m",
                "--iodepth=" + iodepth,
                "--invalidate=0",
                "--time_based",
                "--runtime=3",
                "--output-format=json"));
        Thread job = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (job == null && System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("jfio-" + name)) {
                    job = t;
                }
            }
            Thread.sleep(10);
        }
        assertTrue(job != null, "job thread never started");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread.sleep(1200); // warm-up: JIT, first sample windows
        long before = threads.getThreadAllocatedBytes(job.getId());
        Thread.sleep(1000);
        long after = threads.getThreadAllocatedBytes(job.getId());
        JfioRun result = run.get();
        assertEquals(0, result.exit(), result.toString());
        assertTrue(before > 0 && after > 0, "thread ended before it was measured");
        return after - before;
    }

    @Test
    void psyncLoopAllocatesNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond("psync", 1);
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of psync I/O");
    }

    @Test
    void posixaioLoopAllocatesNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond("posixaio", 16);
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of posixaio I/O");
    }
}
