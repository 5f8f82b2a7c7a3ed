package dev.jfio.engine.file.aio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.engine.file.PageCacheProbe;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on engine {@code libaio} through the jfio command, in-process. */
class LibaioJobsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void fiosJobFileRunsUnchangedAndReachesDepth32() throws IOException {
        Path job = Files.writeString(
                dir.resolve("libaio.fio"),
                "[global]\nioengine=libaio\ndirect=1\niodepth=32\nrw=randread\nbs=4k\nsize=16m\nfilename="
                        + dir.resolve("data") + "\n\n[job]\n");
        JfioRun run = JfioRun.run(job.toString(), "--output-format=json");
        Object json = run.json();
        assertEquals(16 * MIB, MiniJson.integer(json, "jobs", 0, "read", "io_bytes"), run.toString());
        // fio's buckets: "16" is 16 to 31 in flight, "32" is 32 to 63
        Object levels = MiniJson.at(json, "jobs", 0, "iodepth_level");
        assertTrue(MiniJson.number(levels, "32") > 0, "depth 32 reached: " + levels);
        assertTrue(MiniJson.number(levels, "16") + MiniJson.number(levels, "32") > 50, "mostly deep: " + levels);
        assertEquals("1", MiniJson.at(json, "jobs", 0, "jfio", "engine", "direct"));
    }

    @Test
    void verifyCrc32cRoundTripsAtDepth() {
        JfioRun run = JfioRun.run(
                "--name=v",
                "--ioengine=libaio",
                "--filename=" + dir.resolve("v"),
                "--size=8m",
                "--rw=randwrite",
                "--bs=4k",
                "--direct=1",
                "--iodepth=16",
                "--verify=crc32c",
                "--userspace_reap",
                "--output-format=json");
        Object json = run.json();
        assertEquals(2048, MiniJson.integer(json, "jobs", 0, "write", "total_ios"), run.toString());
        assertEquals(2048, MiniJson.integer(json, "jobs", 0, "read", "total_ios"), run.toString());
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "error"), run.toString());
    }

    @Test
    void withoutContinueOnErrorAKernelErrorFailsTheJobWithItsErrno() throws IOException {
        LibaioEngineTest.writeCold(dir.resolve("cold"), 4 * MIB);
        PageCacheProbe.assumeUncachedReadsWait(dir.resolve("cold"));
        JfioRun run = JfioRun.run(
                "--name=e",
                "--ioengine=libaio",
                "--filename=" + dir.resolve("cold"),
                "--size=4m",
                "--rw=randread",
                "--bs=4k",
                "--nowait=1",
                "--output-format=json");
        // RWF_NOWAIT on buffered reads of pages invalidate=1 dropped: EAGAIN, fatal as in fio
        assertNotEquals(0, run.exit(), run.toString());
        assertTrue(run.err().contains("failed: EAGAIN (read failed)"), run.err());
    }

    @Test
    void directZeroRunsWithFiosAdviceOnStderr() {
        JfioRun run = JfioRun.run(
                "--name=b",
                "--ioengine=libaio",
                "--filename=" + dir.resolve("b"),
                "--size=1m",
                "--rw=randwrite",
                "--iodepth=8",
                "--output-format=json");
        assertEquals(MIB, MiniJson.integer(run.json(), "jobs", 0, "write", "io_bytes"));
        assertTrue(run.err().contains("ioengine=libaio with direct=0: Linux queues only non-buffered I/O"), run.err());
        assertTrue(!run.out().contains("direct=0"), "notices stay off stdout");
    }

    @Test
    void cmdprioPercentageReportsFiosPerPriorityLatencies() {
        JfioRun run = JfioRun.run(
                "--name=p",
                "--ioengine=libaio",
                "--filename=" + dir.resolve("p"),
                "--size=1m",
                "--rw=randread",
                "--direct=1",
                "--cmdprio_percentage=50",
                "--cmdprio_class=2",
                "--cmdprio=0",
                "--output-format=json");
        Object json = run.json();
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "read", "prios", 0, "prioclass"), run.toString());
        assertEquals(2, MiniJson.integer(json, "jobs", 0, "read", "prios", 1, "prioclass"), run.toString());
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "read", "prios", 1, "prio"), run.toString());
        long n0 = MiniJson.integer(json, "jobs", 0, "read", "prios", 0, "clat_ns", "N");
        long n1 = MiniJson.integer(json, "jobs", 0, "read", "prios", 1, "clat_ns", "N");
        assertEquals(256, n0 + n1, run.toString());
        assertTrue(n1 > 64 && n1 < 192, n1 + " of 256 reads had priority 2/0");
    }
}
