package dev.jfio.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.engine.nbd.ServerFixture;
import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fio's error semantics against real failures: a full tmpfs, nbdkit's error filter, /dev/null and
 * a FIFO. Each case states what fio 3.33 printed for the same job on this machine.
 */
class FioErrorSemanticsTest {
    @TempDir
    Path dir;

    /*
     * fio 3.33, on a tmpfs mounted with size=1m:
     *   fio --name=t --filename=mnt/f --size=4m --rw=write --bs=4k --continue_on_error=all
     *   fio: io_u error on file mnt/f: No space left on device: write offset=1048576, buflen=4096
     *   err=28, exit 1; JSON: error 28, write io_bytes 1048576, total_ios 257, total_err 1, first_error 28
     * (ENOSPC is not one of the errors continue_on_error goes on after: only EIO and EILSEQ are.)
     */
    @Test
    void continueOnErrorAllStopsAtEnospcOnAFullTmpfsAsFioDoes() throws Exception {
        Path mnt = Files.createDirectory(dir.resolve("mnt"));
        assumeTrue(
                run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mnt.toString()) == 0,
                "mounting a tmpfs needs root");
        try {
            JfioRun r = JfioRun.run(
                    "--name=t",
                    "--filename=" + mnt.resolve("f"),
                    "--size=4m",
                    "--rw=write",
                    "--bs=4k",
                    "--continue_on_error=all",
                    "--output-format=json");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(
                    r.err()
                            .contains("write of 4096 bytes at offset 1048576 on " + mnt.resolve("f")
                                    + " failed: ENOSPC (No space left on device)"),
                    r.err());
            Object json = r.jsonAllowingFailure();
            assertEquals(28, MiniJson.integer(json, "jobs", 0, "error"));
            assertEquals(1048576, MiniJson.integer(json, "jobs", 0, "write", "io_bytes"));
            assertEquals(257, MiniJson.integer(json, "jobs", 0, "write", "total_ios"));
            assertEquals(1, MiniJson.integer(json, "jobs", 0, "total_err"));
            assertEquals(28, MiniJson.integer(json, "jobs", 0, "first_error"));
        } finally {
            run("umount", mnt.toString());
        }
    }

    /*
     * fio 3.33 through its nbd engine:
     *   nbdkit -U - --filter=error memory size=16M error=EIO error-pread-rate=10% --run \
     *     'fio --name=t --ioengine=nbd --uri="$uri" --size=4m --rw=randread --bs=4k --continue_on_error=all'
     *   t: (groupid=0, jobs=1): err= 5 (): ...   errors: total=109, first_error=5/<Input/output error>
     *   exit 0; JSON: error 5 (the first error, although the job went on), read total_ios 1024,
     *   io_bytes (1024 - total_err) * 4096
     */
    @Test
    void eioFromNbdkitsErrorFilterGoesOnAndTheJsonErrorIsTheFirstErrnoAsFios() throws Exception {
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "16M", "--filter=error", "error=EIO", "error-pread-rate=10%")) {
            JfioRun r = JfioRun.run(
                    "--name=t",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--size=4m",
                    "--rw=randread",
                    "--bs=4k",
                    "--continue_on_error=all",
                    "--output-format=json");
            assertEquals(0, r.exit(), r.toString());
            Object json = r.json();
            long totalErr = MiniJson.integer(json, "jobs", 0, "total_err");
            assertTrue(totalErr > 0, r.out());
            assertEquals(5, MiniJson.integer(json, "jobs", 0, "error"));
            assertEquals(5, MiniJson.integer(json, "jobs", 0, "first_error"));
            assertEquals(1024, MiniJson.integer(json, "jobs", 0, "read", "total_ios"));
            assertEquals((1024 - totalErr) * 4096, MiniJson.integer(json, "jobs", 0, "read", "io_bytes"));
        }
    }

    /*
     * fio 3.33: fio --name=t --ioengine=nbd ... --continue_on_error=write against the same filter:
     * a read error is not a write error, so the job stops at the first one (err=5, exit 1).
     */
    @Test
    void continueOnErrorWriteDoesNotGoOnAfterAReadError() throws Exception {
        try (ServerFixture s =
                ServerFixture.nbdkitUnix(dir, "16M", "--filter=error", "error=EIO", "error-pread-rate=10%")) {
            JfioRun r = JfioRun.run(
                    "--name=t",
                    "--ioengine=nbd",
                    "--uri=" + s.uri(),
                    "--size=4m",
                    "--rw=randread",
                    "--bs=4k",
                    "--continue_on_error=write",
                    "--output-format=json");
            assertEquals(1, r.exit(), r.toString());
            Object json = r.jsonAllowingFailure();
            assertEquals(5, MiniJson.integer(json, "jobs", 0, "error"));
            assertEquals(0, MiniJson.integer(json, "jobs", 0, "total_err"), "fio counts only covered errors");
            assertTrue(MiniJson.integer(json, "jobs", 0, "read", "total_ios") < 1024, r.out());
        }
    }

    /*
     * fio 3.33: fio --name=t --filename=/dev/null --size=4m --rw=read
     *   fio: pid=..., err=5/file:backend.c:471, func=full resid, error=Input/output error
     *   exit 1; JSON: error 5, read io_bytes 0, total_ios 1
     */
    @Test
    void readingDevNullFailsWithEioAndExit1AsFioDoes() {
        JfioRun r = JfioRun.run("--name=t", "--filename=/dev/null", "--size=4m", "--rw=read", "--output-format=json");
        assertEquals(
                "jfio: t: read of 4096 bytes at offset 0 on /dev/null failed: EIO (full resid: the I/O"
                        + " transferred 0 bytes)",
                r.errorLine());
        Object json = r.jsonAllowingFailure();
        assertEquals(5, MiniJson.integer(json, "jobs", 0, "error"));
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "read", "io_bytes"));
        assertEquals(1, MiniJson.integer(json, "jobs", 0, "read", "total_ios"));
    }

    /*
     * fio 3.33 with continue_on_error=all on /dev/null aborts ("td_io_queue: Assertion `(io_u->flags &
     * IO_U_F_FLIGHT) == 0' failed", signal 6); jfio goes on as the option says: every read is an
     * EIO, counted, and the job succeeds with error 5 in its report.
     */
    @Test
    void readingDevNullUnderContinueOnErrorCountsEveryReadAsAnEio() {
        JfioRun r = JfioRun.run(
                "--name=t",
                "--filename=/dev/null",
                "--size=4m",
                "--rw=read",
                "--continue_on_error=all",
                "--output-format=json");
        Object json = r.json();
        assertEquals(5, MiniJson.integer(json, "jobs", 0, "error"));
        assertEquals(1024, MiniJson.integer(json, "jobs", 0, "total_err"));
        assertEquals(5, MiniJson.integer(json, "jobs", 0, "first_error"));
    }

    /*
     * A positional write to a FIFO is pwrite(2) on a pipe: ESPIPE, "Illegal seek" (jfio said
     * "EIO (Illegal seek)" before). fio 3.33 refuses the FIFO earlier ("t: failed to get file size
     * of ff", exit 1).
     */
    @Test
    void writingToAFifoIsRefusedAsFioDoesNeverAsEio() throws Exception {
        Path fifo = dir.resolve("ff");
        assertEquals(0, run("mkfifo", fifo.toString()));
        Process reader = new ProcessBuilder("cat", fifo.toString())
                .redirectOutput(new File("/dev/null"))
                .start();
        try {
            // fio 3.33: "t: failed to get file size of ff", exit 1, whether or not a reader is there;
            // the errno a write would get (ESPIPE, not EIO) is pinned by ErrnoTest
            JfioRun r = JfioRun.run("--name=t", "--filename=" + fifo, "--size=64k", "--rw=write", "--bs=4k");
            assertEquals(1, r.exit(), r.toString());
            assertTrue(
                    r.errorLine().startsWith("jfio: t: failed to get file size of " + fifo + ": it is a FIFO"),
                    r.errorLine());
            assertFalse(r.err().contains("EIO"), r.err());
        } finally {
            reader.destroy();
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(new File("/dev/null"))
                .start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
