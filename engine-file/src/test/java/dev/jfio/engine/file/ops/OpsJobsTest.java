package dev.jfio.engine.file.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole jobs on fio's file-operation engines through the jfio command, each pinned to what fio
 * 3.33 (3.37 for the directory engines) reports for the same job: how many I/Os are counted, how
 * many operations are timed and in which direction, what is left on disk, and the errno a failed
 * operation ends the job with.
 */
class OpsJobsTest {
    @TempDir
    Path dir;

    private JfioRun jfio(String... options) {
        List<String> args = new ArrayList<>(List.of("--name=t", "--directory=" + dir));
        args.addAll(List.of(options));
        args.add("--output-format=json");
        return JfioRun.run(args.toArray(new String[0]));
    }

    private static long at(Object json, String dir, String... path) {
        Object[] full = new Object[path.length + 3];
        full[0] = "jobs";
        full[1] = 0;
        full[2] = dir;
        System.arraycopy(path, 0, full, 3, path.length);
        return MiniJson.integer(json, full);
    }

    private long entries() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void filecreateCountsFilesizeBlocksAsIosAndTimesOneCreatePerFileInTheJobsDirection() throws IOException {
        Object json = jfio(
                        "--ioengine=filecreate",
                        "--create_on_open=1",
                        "--nrfiles=10",
                        "--filesize=16k",
                        "--openfiles=1",
                        "--fallocate=none",
                        "--rw=write")
                .json();
        // fio 3.33: write total_ios 40, io_bytes 163840, clat_ns N 10, lat_ns N 0
        assertEquals(40, at(json, "write", "total_ios"));
        assertEquals(163840, at(json, "write", "io_bytes"));
        assertEquals(10, at(json, "write", "clat_ns", "N"));
        assertEquals(0, at(json, "write", "lat_ns", "N"));
        assertTrue(at(json, "write", "clat_ns", "min") > 0);
        assertEquals(10, entries());
        assertEquals(0, Files.size(dir.resolve("t.0.3")));
    }

    @Test
    void eachLoopOpensEveryFileAgainWhetherOrNotTheyAllFitOpen() {
        for (String openfiles : new String[] {"5", "2"}) {
            Object json = jfio("--ioengine=filecreate", "--nrfiles=5", "--loops=3", "--openfiles=" + openfiles)
                    .json();
            // fio 3.33: read total_ios 15, clat_ns N 15 either way
            assertEquals(15, at(json, "read", "total_ios"), "openfiles=" + openfiles);
            assertEquals(15, at(json, "read", "clat_ns", "N"), "openfiles=" + openfiles);
        }
    }

    @Test
    void aTrimJobsOperationsLandInReadAsFiosDo() {
        Object json = jfio("--ioengine=filecreate", "--nrfiles=5", "--rw=trim").json();
        assertEquals(5, at(json, "trim", "total_ios"));
        assertEquals(0, at(json, "trim", "clat_ns", "N"));
        assertEquals(5, at(json, "read", "clat_ns", "N"));
        assertEquals(0, at(json, "read", "total_ios"));
    }

    @Test
    void aTimeBasedJobTimesExactlyTheFilesItReached() {
        Object json = jfio(
                        "--ioengine=filestat",
                        "--nrfiles=5",
                        "--filesize=4k",
                        "--time_based",
                        "--runtime=200ms",
                        "--stat_type=lstat")
                .json();
        long ios = at(json, "read", "total_ios");
        assertTrue(ios > 5, "ran several passes: " + ios);
        assertEquals(ios, at(json, "read", "clat_ns", "N"), "one lookup per one-block file per pass");
    }

    @Test
    void filestatLaysOutAndKeepsItsFilesFiledeleteRemovesThem() throws IOException {
        Object stat =
                jfio("--ioengine=filestat", "--nrfiles=4", "--filesize=8k").json();
        assertEquals(8, at(stat, "read", "total_ios"));
        assertEquals(4, at(stat, "read", "clat_ns", "N"));
        assertEquals(4, entries());
        assertEquals(8192, Files.size(dir.resolve("t.0.2")));
        Object delete = jfio("--ioengine=filedelete", "--nrfiles=4", "--filesize=8k", "--rw=write")
                .json();
        assertEquals(4, at(delete, "write", "clat_ns", "N"));
        assertEquals(0, entries());
    }

    @Test
    void aSecondPassOfFiledeleteFailsWithEnoentAfterCountingTheFirst() {
        JfioRun run = jfio("--ioengine=filedelete", "--nrfiles=5", "--filesize=4k", "--loops=2");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(
                run.err()
                        .contains("ioengine=filedelete: unlink " + dir.resolve("t.0.0")
                                + ": ENOENT (No such file or directory)"),
                run.err());
        Object json = run.jsonAllowingFailure();
        // fio 3.33: error 2, read total_ios 5, clat_ns N 5, a runtime
        assertEquals(2, MiniJson.integer(json, "jobs", 0, "error"));
        assertEquals(5, at(json, "read", "total_ios"));
        assertEquals(5, at(json, "read", "clat_ns", "N"));
        assertTrue(at(json, "read", "runtime") > 0);
    }

    @Test
    void dircreateMakesDirectoriesAndASecondPassFailsWithEexist() throws IOException {
        Object json = jfio("--ioengine=dircreate", "--nrfiles=3").json();
        assertEquals(3, at(json, "read", "clat_ns", "N"));
        assertTrue(Files.isDirectory(dir.resolve("t.0.2")));
        JfioRun again = jfio("--ioengine=dircreate", "--nrfiles=3");
        assertEquals(17, MiniJson.integer(again.jsonAllowingFailure(), "jobs", 0, "error"), again.toString());
        assertTrue(again.err().contains("EEXIST (File exists)"), again.err());
    }

    @Test
    void dirstatThenDirdeleteWithUnlinkLeaveNothing() throws IOException {
        Object stat = jfio("--ioengine=dirstat", "--nrfiles=3", "--filesize=4k", "--stat_type=statx")
                .json();
        assertEquals(3, at(stat, "read", "clat_ns", "N"));
        assertEquals(3, entries());
        Object delete =
                jfio("--ioengine=dirdelete", "--nrfiles=3", "--filesize=4k").json();
        assertEquals(3, at(delete, "read", "clat_ns", "N"));
        assertEquals(0, entries());
        jfio("--ioengine=dirstat", "--nrfiles=3", "--filesize=4k", "--unlink=1").json();
        assertEquals(0, entries());
    }

    @Test
    void ftruncateTimesEachTruncateAsAWriteAndLeavesTheLastOffset() throws IOException {
        Object json = jfio("--ioengine=ftruncate", "--filename=trunc", "--size=100k", "--rw=write")
                .json();
        // fio 3.33: write total_ios 25, clat and lat N 25, file 98304 bytes
        assertEquals(25, at(json, "write", "total_ios"));
        assertEquals(25, at(json, "write", "lat_ns", "N"));
        assertEquals(98304, Files.size(dir.resolve("trunc")));
    }

    @Test
    void fallocTimesEachFallocateAndTrimsPunchHoles() throws IOException {
        Object json = jfio("--ioengine=falloc", "--filename=fa", "--size=1m", "--offset=512k", "--rw=write")
                .json();
        assertEquals(256, at(json, "write", "total_ios"));
        assertEquals(256, at(json, "write", "lat_ns", "N"));
        assertEquals(1536 * 1024, Files.size(dir.resolve("fa")));
        Object trim = jfio("--ioengine=falloc", "--filename=fa", "--size=1m", "--rw=randtrim")
                .json();
        assertEquals(256, at(trim, "trim", "total_ios"));
        assertEquals(1536 * 1024, Files.size(dir.resolve("fa")), "punching holes keeps the size");
    }

    @Test
    void verifyOnAnEngineThatMovesNoDataIsRefusedAtItsLine() throws IOException {
        Path job = Files.writeString(
                dir.resolve("t.fio"),
                "[global]\nioengine=ftruncate\nsize=1m\n[t]\nrw=write\nverify=crc32c\nfilename=" + dir.resolve("f")
                        + "\n");
        JfioRun run = JfioRun.run(job.toString());
        assertEquals(
                "jfio: " + job
                        + ":6: job 't': verify=crc32c cannot check ioengine=ftruncate: its I/O moves no data, so nothing"
                        + " written reads back",
                run.errorLine());
        assertFalse(Files.exists(dir.resolve("f")), "refused before anything was set up");
    }
}
