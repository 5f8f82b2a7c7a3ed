package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue/reap loop allocates nothing per I/O: a job thread's allocation over a second of
 * steady state, while it does hundreds of thousands of I/Os, stays at what a few sample windows
 * cost.
 */
class HotLoopAllocationTest {
    /** Per second of steady state: bandwidth/IOPS samples and clock noise, nowhere near one object per I/O. */
    private static final long BUDGET_BYTES = 64 * 1024;

    private static long allocatedOverOneSecond(String jobName, String... args) throws Exception {
        CompletableFuture<JfioRun> run = CompletableFuture.supplyAsync(() -> JfioRun.run(args));
        Thread job = null;
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (job == null && System.nanoTime() < deadline) {
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                if (t.getName().equals("jfio-" + jobName)) {
                    job = t;
                }
            }
            Thread.sleep(10);
        }
        assertTrue(job != null, "job thread never started");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Thread.sleep(1500); // warm-up: JIT, first sample windows
        long before = threads.getThreadAllocatedBytes(job.getId());
        Thread.sleep(1000);
        long after = threads.getThreadAllocatedBytes(job.getId());
        JfioRun result = run.get();
        assertEquals(0, result.exit(), result.toString());
        assertTrue(before > 0 && after > 0, "thread ended before it was measured");
        return after - before;
    }

    @Test
    void nullEngineLoopAllocatesNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond(
                "a",
                "--name=a",
                "--ioengine=null",
                "--rw=randrw",
                "--bs=4k",
                "--size=1g",
                "--iodepth=8",
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of null I/O");
    }

    @Test
    void nbdEngineLoopAllocatesNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond(
                "n",
                "--name=n",
                "--ioengine=nbd",
                "--rw=randrw",
                "--bs=4k",
                "--size=256m",
                "--iodepth=16",
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of nbd I/O");
    }

    @Test
    void nbdEngineLoopOverFourConnectionsAllocatesNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond(
                "m",
                "--name=m",
                "--ioengine=nbd",
                "--nbd_connections=4",
                "--rw=randrw",
                "--bs=4k",
                "--size=256m",
                "--iodepth=16",
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of nbd I/O on 4 connections");
    }

    @Test
    void verifyingWritesAllocateNothingPerIo() throws Exception {
        long bytes = allocatedOverOneSecond(
                "v",
                "--name=v",
                "--ioengine=nbd",
                "--rw=randwrite",
                "--bs=4k",
                "--size=64m",
                "--iodepth=8",
                "--verify=crc32c",
                "--verify_backlog=1024",
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of verified I/O");
    }

    @Test
    void fileOperationsAllocateNothingPerTimedOperation(@TempDir Path dir) throws Exception {
        // every I/O of a one-block file is one lookup: the runner closes and opens each file per pass
        long bytes = allocatedOverOneSecond(
                "s",
                "--name=s",
                "--ioengine=filestat",
                "--directory=" + dir,
                "--nrfiles=8",
                "--filesize=4k",
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of filestat operations");
    }

    @Test
    void writeIologAllocatesNothingPerIo(@TempDir Path dir) throws Exception {
        long bytes = allocatedOverOneSecond(
                "w",
                "--name=w",
                "--ioengine=null",
                "--rw=randrw",
                "--bs=4k",
                "--size=1g",
                "--rate_iops=100000",
                "--write_iolog=" + dir.resolve("w.iolog"),
                "--time_based",
                "--runtime=4",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of logged I/O");
    }

    @Test
    void chunkedReplayAllocatesNothingPerIo(@TempDir Path dir) throws Exception {
        // 4 s of I/O, one every 10 us, read as the replay goes
        StringBuilder log = new StringBuilder("fio version 3 iolog\n1 null add\n2 null open\n");
        for (int i = 0; i < 400_000; i++) {
            log.append(10 + i * 10L)
                    .append(i % 3 == 0 ? " null write " : " null read ")
                    .append((i * 4096L) % (1L << 30))
                    .append(" 4096\n");
        }
        Path file = dir.resolve("r.iolog");
        java.nio.file.Files.writeString(file, log);
        long bytes = allocatedOverOneSecond(
                "r",
                "--name=r",
                "--ioengine=null",
                "--read_iolog=" + file,
                "--read_iolog_chunked=1",
                "--output-format=json");
        assertTrue(bytes < BUDGET_BYTES, "allocated " + bytes + " bytes in one second of chunked replay");
    }
}
