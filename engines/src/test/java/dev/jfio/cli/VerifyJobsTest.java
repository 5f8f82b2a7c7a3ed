package dev.jfio.cli;

import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify= end to end: what a job writes is read back and checked, and damage is found where it is. */
class VerifyJobsTest {

    private static String[] job(Path file, String... extra) {
        String[] base = {
            "--name=v",
            "--ioengine=file",
            "--filename=" + file,
            "--rw=randwrite",
            "--bs=4k",
            "--size=4m",
            "--output-format=json"
        };
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    private static void damage(Path file, long offset) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.seek(offset);
            f.write(new byte[] {1, 2, 3, 4, 5});
        }
    }

    @Test
    void everyModeWritesThenReadsBackEveryBlockAndPasses(@TempDir Path dir) {
        for (String mode : new String[] {"crc32c", "md5", "sha256", "xxhash", "meta"}) {
            Object doc = JfioRun.run(job(dir.resolve(mode), "--verify=" + mode)).json();
            assertEquals(4L << 20, integer(doc, "jobs", 0, "write", "io_bytes"), mode);
            assertEquals(4L << 20, integer(doc, "jobs", 0, "read", "io_bytes"), mode);
            assertEquals(0L, integer(doc, "jobs", 0, "error"), mode);
        }
    }

    @Test
    void patternModeChecksTheVerifyPattern(@TempDir Path dir) {
        Object doc = JfioRun.run(job(dir.resolve("p"), "--verify=pattern", "--verify_pattern=0xdeadbeef"))
                .json();
        assertEquals(4L << 20, integer(doc, "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void damageBetweenWriteAndVerifyIsReportedAtItsOffset(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        assertEquals(
                0, JfioRun.run(job(file, "--verify=crc32c", "--do_verify=0")).exit());
        damage(file, 3 * 4096 + 100);
        JfioRun r = JfioRun.run(job(file, "--verify=crc32c", "--verify_only"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("mismatch in " + file + " at offset 12288, length 4096"), r.err());
        assertTrue(r.err().contains("5 of 4096 bytes differ"), r.err());
        // the report is still printed, with the error
        assertEquals(84L, integer(r.jsonAllowingFailure(), "jobs", 0, "error"));
    }

    @Test
    void continueOnErrorVerifyCountsEveryMismatchAndSucceeds(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("f");
        assertEquals(0, JfioRun.run(job(file, "--verify=md5", "--do_verify=0")).exit());
        damage(file, 0);
        damage(file, 1000 * 4096);
        JfioRun r = JfioRun.run(job(file, "--verify=md5", "--verify_only", "--continue_on_error=verify"));
        Object doc = r.json();
        assertEquals(2L, integer(doc, "jobs", 0, "total_err"));
        assertEquals(84L, integer(doc, "jobs", 0, "first_error"));
        assertTrue(r.err().contains("at offset 0,") && r.err().contains("at offset 4096000,"), r.err());
    }

    @Test
    void verifyBacklogChecksAsItGoes(@TempDir Path dir) {
        Object doc = JfioRun.run(job(dir.resolve("b"), "--verify=crc32c", "--verify_backlog=64", "--do_verify=0"))
                .json();
        assertEquals(4L << 20, integer(doc, "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void verifiesAgainstTheEmbeddedNbdServerAtDepth() {
        Object doc = JfioRun.run(
                        "--name=n",
                        "--ioengine=nbd",
                        "--rw=randwrite",
                        "--bs=64k",
                        "--size=32m",
                        "--iodepth=16",
                        "--verify=xxhash",
                        "--output-format=json")
                .json();
        assertEquals(32L << 20, integer(doc, "jobs", 0, "read", "io_bytes"));
        assertEquals(0L, integer(doc, "jobs", 0, "error"));
    }

    @Test
    void exitallOnErrorStopsTheOtherJobsWhenOneFails(@TempDir Path dir) throws IOException {
        Path zeros = dir.resolve("zeros");
        java.nio.file.Files.write(zeros, new byte[1 << 20]);
        long start = System.nanoTime();
        JfioRun r = JfioRun.run(
                "--output-format=json",
                "--name=bad",
                "--ioengine=file",
                "--filename=" + zeros,
                "--rw=write",
                "--bs=4k",
                "--size=1m",
                "--verify=crc32c",
                "--verify_only",
                "--verify_fatal=1",
                "--exitall_on_error",
                "--name=long",
                "--ioengine=null",
                "--rw=read",
                "--size=1g",
                "--time_based",
                "--runtime=30");
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(1, r.exit(), r.toString());
        assertTrue(elapsedMs < 10_000, "exitall_on_error took " + elapsedMs + " ms");
        assertTrue(r.err().contains("bad: verify: bad header magic") || r.err().contains("bad: verify:"), r.err());
    }
}
