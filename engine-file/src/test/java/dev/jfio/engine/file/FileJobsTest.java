package dev.jfio.engine.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.testing.JfioRun;
import dev.jfio.testing.MiniJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole jobs on engine {@code file} through the jfio command, in-process: layout, files, sync counts, bad input. */
class FileJobsTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private static JfioRun jfio(String... args) {
        return JfioRun.run(args);
    }

    private static String[] args(String... a) {
        List<String> l = new ArrayList<>(List.of(a));
        l.add("--output-format=json");
        return l.toArray(new String[0]);
    }

    @Test
    void directRandreadLaysOutTheFileAndReadsAllOfIt() throws IOException {
        Path file = dir.resolve("x");
        JfioRun run = jfio(args(
                "--name=f",
                "--ioengine=file",
                "--filename=" + file,
                "--size=4m",
                "--rw=randread",
                "--bs=4k",
                "--direct=1"));
        Object json = run.json();
        assertEquals(4 * MIB, MiniJson.integer(json, "jobs", 0, "read", "io_bytes"));
        assertEquals(1024, MiniJson.integer(json, "jobs", 0, "read", "total_ios"));
        assertTrue(run.err().contains("Laying out IO file " + file + " (4 MiB)"), run.err());
        assertEquals(4 * MIB, Files.size(file));
        assertEquals("1", MiniJson.at(json, "jobs", 0, "jfio", "engine", "direct"));
    }

    @Test
    void theFileEngineIsSynchronousAndIodepthIsCappedWithANotice() {
        JfioRun run = jfio(args(
                "--name=f",
                "--ioengine=file",
                "--filename=" + dir.resolve("x"),
                "--size=1m",
                "--rw=read",
                "--iodepth=8"));
        assertEquals(MIB, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
        assertTrue(run.err().contains("is synchronous, so iodepth=8 is capped at 1"), run.err());
    }

    @Test
    void nrfilesNamesFilesJobnameCloneFileAndSplitsTheSize() throws IOException {
        JfioRun run = jfio(args("--name=many", "--directory=" + dir, "--nrfiles=4", "--size=4m", "--rw=read"));
        assertEquals(4 * MIB, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
        for (int i = 0; i < 4; i++) {
            assertEquals(MIB, Files.size(dir.resolve("many.0." + i)), "many.0." + i);
        }
        assertFalse(Files.exists(dir.resolve("many.0.4")));
    }

    @Test
    void verifiedWritesAcrossSeveralFilesAreReadBackFromTheFileEachWentTo() {
        // after the writes (backlog 0) and every 16 writes: each check must go to the right file
        for (String backlog : new String[] {"0", "16"}) {
            JfioRun run = jfio(args(
                    "--name=vf" + backlog,
                    "--directory=" + dir,
                    "--nrfiles=3",
                    "--size=3m",
                    "--rw=randwrite",
                    "--file_service_type=random",
                    "--verify=crc32c",
                    "--verify_backlog=" + backlog));
            assertEquals(0, run.exit(), run.toString());
            assertEquals(768, MiniJson.integer(run.json(), "jobs", 0, "write", "total_ios"), run.toString());
            assertEquals(768, MiniJson.integer(run.json(), "jobs", 0, "read", "total_ios"), run.toString());
        }
    }

    @Test
    void numjobsClonesGetTheirOwnFiles() {
        JfioRun run = jfio(args(
                "--name=c",
                "--directory=" + dir,
                "--nrfiles=2",
                "--numjobs=2",
                "--size=2m",
                "--rw=write",
                "--group_reporting"));
        assertEquals(4 * MIB, MiniJson.integer(run.json(), "jobs", 0, "write", "io_bytes"));
        for (String name : new String[] {"c.0.0", "c.0.1", "c.1.0", "c.1.1"}) {
            assertTrue(Files.exists(dir.resolve(name)), name);
        }
    }

    @Test
    void everyFileServiceTypeCoversEveryFileExactlyOnce() throws IOException {
        for (String service : new String[] {"roundrobin", "sequential", "random", "roundrobin:3", "random:5"}) {
            Path sub = Files.createDirectory(dir.resolve(service.replace(':', '_')));
            JfioRun run = jfio(args(
                    "--name=s",
                    "--directory=" + sub,
                    "--nrfiles=3",
                    "--size=3m",
                    "--rw=randwrite",
                    "--file_service_type=" + service,
                    "--fallocate=none"));
            assertEquals(3 * MIB, MiniJson.integer(run.json(), "jobs", 0, "write", "io_bytes"), service);
            for (int i = 0; i < 3; i++) {
                // the random map visits each block once, so a fully written file holds no hole
                assertEquals(MIB, Files.size(sub.resolve("s.0." + i)), service + " file " + i);
            }
        }
    }

    @Test
    void openfilesBelowNrfilesWorksThroughTheFilesClosingEachWhenDone() throws IOException {
        for (String service : new String[] {"roundrobin", "sequential", "random"}) {
            Path sub = Files.createDirectory(dir.resolve(service));
            JfioRun run = jfio(args(
                    "--name=o",
                    "--directory=" + sub,
                    "--nrfiles=4",
                    "--openfiles=2",
                    "--size=4m",
                    "--rw=randwrite",
                    "--file_service_type=" + service,
                    "--fallocate=none",
                    "--fsync_on_close=1"));
            Object json = run.json();
            assertEquals(4 * MIB, MiniJson.integer(json, "jobs", 0, "write", "io_bytes"), service);
            // each file is flushed once, when it is closed
            assertEquals(4, MiniJson.integer(json, "jobs", 0, "sync", "total_ios"), service);
            for (int i = 0; i < 4; i++) {
                assertEquals(MIB, Files.size(sub.resolve("o.0." + i)), service + " file " + i);
            }
        }
    }

    @Test
    void openfilesOneWithLoopsReopensTheFirstFileForEachPass() {
        JfioRun run = jfio(args(
                "--name=l",
                "--directory=" + dir,
                "--nrfiles=3",
                "--openfiles=1",
                "--size=3m",
                "--rw=read",
                "--loops=2"));
        assertEquals(6 * MIB, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void filesizeRangeGivesEachFileARandomBlockAlignedSizeAndIoCoversThemAll() throws IOException {
        JfioRun run = jfio(args("--name=r", "--directory=" + dir, "--nrfiles=4", "--filesize=64k-1m", "--rw=read"));
        long total = 0;
        boolean differ = false;
        long first = -1;
        for (int i = 0; i < 4; i++) {
            long size = Files.size(dir.resolve("r.0." + i));
            assertTrue(size >= 64 * 1024 && size <= MIB, "size " + size);
            assertEquals(0, size % 4096, "size " + size);
            differ |= first >= 0 && size != first;
            first = first < 0 ? size : first;
            total += size;
        }
        assertTrue(differ, "a range should not give four equal sizes");
        assertEquals(total, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void ioSizeBeyondTheFilesWrapsOverEveryFileWithSequentialService() throws IOException {
        JfioRun run = jfio(args(
                "--name=wrap",
                "--directory=" + dir,
                "--nrfiles=2",
                "--size=2m",
                "--io_size=5m",
                "--rw=write",
                "--file_service_type=sequential",
                "--fallocate=none"));
        assertEquals(5 * MIB, MiniJson.integer(run.json(), "jobs", 0, "write", "io_bytes"));
        assertEquals(MIB, Files.size(dir.resolve("wrap.0.0")));
        assertEquals(MIB, Files.size(dir.resolve("wrap.0.1")));
    }

    @Test
    void writesCoverFilesOfDifferentSizesToTheirEnds() throws IOException {
        JfioRun run = jfio(args(
                "--name=ws",
                "--directory=" + dir,
                "--nrfiles=3",
                "--filesize=64k-1m",
                "--rw=write",
                "--fallocate=none"));
        long total = 0;
        for (int i = 0; i < 3; i++) {
            long size = Files.size(dir.resolve("ws.0." + i));
            assertTrue(size >= 64 * 1024 && size <= MIB && size % 4096 == 0, "size " + size);
            total += size;
        }
        assertEquals(total, MiniJson.integer(run.json(), "jobs", 0, "write", "io_bytes"));
    }

    @Test
    void filesizeWithSizeMakesSizeTheAmountOfIo() throws IOException {
        JfioRun run = jfio(
                args("--name=fs", "--directory=" + dir, "--nrfiles=2", "--filesize=256k", "--size=2m", "--rw=read"));
        assertEquals(2 * MIB, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
        assertEquals(256 * 1024, Files.size(dir.resolve("fs.0.0")));
    }

    @Test
    void fsyncFdatasyncEndFsyncAndFsyncOnCloseAreCountedUnderSync() {
        Path file = dir.resolve("w");
        JfioRun fsync = jfio(args(
                "--name=w",
                "--filename=" + file,
                "--size=1m",
                "--rw=write",
                "--fsync=16",
                "--end_fsync=1",
                "--fsync_on_close=1"));
        // 256 writes: 15 fsyncs (as fio: none after the last write), one at the end, one on close
        assertEquals(17, MiniJson.integer(fsync.json(), "jobs", 0, "sync", "total_ios"));
        JfioRun fdatasync = jfio(args("--name=w", "--filename=" + file, "--size=1m", "--rw=write", "--fdatasync=64"));
        assertEquals(3, MiniJson.integer(fdatasync.json(), "jobs", 0, "sync", "total_ios"));
        JfioRun none = jfio(args("--name=w", "--filename=" + file, "--size=1m", "--rw=write", "--sync=1"));
        assertEquals(0, MiniJson.integer(none.json(), "jobs", 0, "sync", "total_ios"));
        assertEquals("sync", MiniJson.at(none.json(), "jobs", 0, "jfio", "engine", "sync"));
    }

    @Test
    void unlinkRemovesTheFilesAfterTheJob() {
        JfioRun run =
                jfio(args("--name=u", "--directory=" + dir, "--nrfiles=2", "--size=1m", "--rw=read", "--unlink=1"));
        run.json();
        assertFalse(Files.exists(dir.resolve("u.0.0")));
        assertFalse(Files.exists(dir.resolve("u.0.1")));
    }

    @Test
    void sizeAsAPercentageOfAnExistingFile() throws IOException {
        Path file = Files.write(dir.resolve("p"), new byte[4 * MIB]);
        JfioRun run = jfio(args("--name=p", "--filename=" + file, "--size=25%", "--rw=read"));
        assertEquals(MIB, MiniJson.integer(run.json(), "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void blockDeviceTakesItsSizeFromTheDeviceAndSizePercentIsAShareOfIt() throws IOException, InterruptedException {
        Path image = dir.resolve("loop.img");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16 * MIB);
        }
        String device = command("losetup", "-f", "--show", image.toString());
        assumeTrue(device != null && device.startsWith("/dev/loop"), "cannot attach a loop device here");
        try {
            JfioRun half = jfio(args("--name=bd", "--filename=" + device, "--size=50%", "--rw=randread", "--direct=1"));
            assertEquals(8 * MIB, MiniJson.integer(half.json(), "jobs", 0, "read", "io_bytes"));
            JfioRun whole = jfio(args("--name=bd", "--filename=" + device, "--rw=read", "--bs=64k"));
            assertEquals(16 * MIB, MiniJson.integer(whole.json(), "jobs", 0, "read", "io_bytes"));
            assertEquals(
                    "jfio: bd: offset 0 + size 33554432 = 33554432 is beyond the end of " + device
                            + " (16777216 bytes)",
                    jfio(args("--name=bd", "--filename=" + device, "--size=32m"))
                            .errorLine());
        } finally {
            command("losetup", "-d", device);
        }
    }

    /** Runs a command; its trimmed stdout, or null when it fails or is missing. */
    private static String command(String... argv) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(argv)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void trimJobPunchesHoles() {
        Path file = dir.resolve("t");
        JfioRun run = jfio(args("--name=t", "--filename=" + file, "--size=1m", "--rw=trim", "--bs=64k"));
        Object json = run.json();
        assertEquals(MIB, MiniJson.integer(json, "jobs", 0, "trim", "io_bytes"));
        assertEquals(0, MiniJson.integer(json, "jobs", 0, "error"));
    }

    @Test
    void badInputFailsWithOneClearLine() throws IOException {
        Path missing = dir.resolve("nowhere");
        assertTrue(jfio(args("--name=b", "--directory=" + missing, "--size=1m", "--rw=write"))
                .errorLine()
                .contains("directory " + missing + " does not exist"));
        assertTrue(jfio(args(
                        "--name=b",
                        "--filename=" + dir.resolve("d"),
                        "--size=1m",
                        "--rw=read",
                        "--direct=1",
                        "--bs=1000"))
                .errorLine()
                .contains("direct=1 needs bs and offset in multiples of"));
        assertTrue(jfio(args(
                        "--name=b",
                        "--filename=" + dir.resolve("d"),
                        "--size=1m",
                        "--rw=read",
                        "--direct=1",
                        "--offset=100"))
                .errorLine()
                .contains("offset=100"));
        assertEquals(
                "jfio: command line:4: openfiles must be at least 1, got 0",
                jfio(args("--name=b", "--directory=" + dir, "--nrfiles=2", "--openfiles=0", "--size=1m"))
                        .errorLine());
        assertTrue(jfio(args("--name=b", "--directory=" + dir, "--nrfiles=2", "--size=1m", "--file_service_type=bogus"))
                .errorLine()
                .contains("file_service_type=bogus is not valid"));
        assertTrue(jfio(args("--name=b", "--directory=" + dir, "--size=1m", "--fallocate=sometimes"))
                .errorLine()
                .contains("fallocate"));
        Path small = Files.write(dir.resolve("small"), new byte[8192]);
        assertNotEquals(
                0,
                jfio(args(
                                "--name=b",
                                "--filename=" + small,
                                "--size=64k",
                                "--rw=read",
                                "--allow_file_create=0",
                                "--filesize=1k"))
                        .exit());
    }

    @Test
    void compareShowsBothRunsAndTheRatio() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        Files.writeString(
                a,
                jfio(args("--name=one", "--filename=" + dir.resolve("c"), "--size=1m", "--rw=read"))
                        .out());
        Files.writeString(
                b,
                jfio(args("--name=two", "--filename=" + dir.resolve("c"), "--size=1m", "--rw=read", "--bs=64k"))
                        .out());
        JfioRun run = jfio("compare", a.toString(), b.toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().startsWith("A: one (a.json)\nB: two (b.json)\n"), run.out());
        assertTrue(run.out().contains("\n  IOPS "), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.startsWith("  bandwidth") && l.endsWith("x")), run.out());
    }

    /** fio 3.33 refuses a FIFO before opening it: "t: failed to get file size of PATH", exit 1. */
    private Path fifo() throws Exception {
        Path fifo = dir.resolve("pipe");
        Process mkfifo =
                new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertEquals(0, mkfifo.waitFor());
        return fifo;
    }

    @Test
    void readJobOnAFifoEndsAtOnceWithFiosErrorInOneLine() throws Exception {
        Path fifo = fifo();
        long start = System.nanoTime();
        JfioRun run = assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20),
                () -> jfio("--name=t", "--filename=" + fifo, "--size=4m", "--rw=read"));
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(
                "jfio: t: failed to get file size of " + fifo + ": it is a FIFO (named pipe), which has no size"
                        + " or offsets; ioengine=file needs a regular file or a device",
                run.errorLine());
        assertTrue(ms < 5000, "took " + ms + " ms");
    }

    @Test
    void writeJobOnAFifoEndsAtOnceWithFiosErrorInOneLine() throws Exception {
        Path fifo = fifo();
        JfioRun run = assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(20),
                () -> jfio("--name=t", "--filename=" + fifo, "--size=4m", "--rw=write", "--runtime=1"));
        assertTrue(
                run.errorLine().startsWith("jfio: t: failed to get file size of " + fifo + ": it is a FIFO"),
                run.err());
        assertTrue(Files.exists(fifo), "the FIFO is left as it was");
    }
}
