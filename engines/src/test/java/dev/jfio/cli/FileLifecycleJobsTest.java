package dev.jfio.cli;

import static dev.jfio.testing.MiniJson.integer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.testing.JfioRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fio's file options end to end on files: naming, opendir, create_only, file_append, pre_read, unlink_each_loop. */
class FileLifecycleJobsTest {
    @TempDir
    Path dir;

    private JfioRun run(String... args) {
        String[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = "--output-format=json";
        JfioRun r = JfioRun.run(all);
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    @Test
    void filenameFormatNamesEachGeneratedFile() {
        run(
                "--name=t",
                "--directory=" + dir,
                "--nrfiles=2",
                "--filename_format=f.$jobname.$jobnum.$filenum.dat",
                "--rw=write",
                "--bs=4k",
                "--size=16k");
        assertTrue(Files.isRegularFile(dir.resolve("f.t.0.0.dat")));
        assertTrue(Files.isRegularFile(dir.resolve("f.t.0.1.dat")));
        assertFalse(Files.exists(dir.resolve("t.0.0")));
    }

    @Test
    void opendirRunsOverEveryFileBelowTheDirectory() throws IOException {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("b/c"));
        Files.write(tree.resolve("a"), new byte[8192]);
        Files.write(tree.resolve("b/c/d"), new byte[8192]);
        Object doc =
                run("--name=t", "--opendir=" + tree, "--rw=read", "--bs=4k").json();
        assertEquals(16384L, integer(doc, "jobs", 0, "read", "io_bytes"));
    }

    @Test
    void createOnlyLaysTheFileOutAndDoesNoIo() throws IOException {
        Path f = dir.resolve("f");
        Object doc = run("--name=t", "--filename=" + f, "--rw=read", "--size=1m", "--create_only=1")
                .json();
        assertEquals(1L << 20, Files.size(f));
        assertEquals(0L, integer(doc, "jobs", 0, "read", "total_ios"));
    }

    @Test
    void fileAppendWritesAfterTheEndOfTheFileKeepingWhatItHeld() throws IOException {
        Path f = dir.resolve("f");
        byte[] old = new byte[1 << 20];
        Arrays.fill(old, (byte) 'A');
        Files.write(f, old);
        run("--name=t", "--filename=" + f, "--rw=write", "--bs=4k", "--size=64k", "--file_append=1");
        assertEquals((1L << 20) + (64 << 10), Files.size(f));
        byte[] now = Files.readAllBytes(f);
        assertArrayEquals(old, Arrays.copyOf(now, old.length));
    }

    @Test
    void unlinkEachLoopDeletesTheFilesBeforeEachLoopAfterTheFirstSoTheyAreWrittenAnew() throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, new byte[1 << 20]);
        Object doc = run(
                        "--name=t",
                        "--filename=" + f,
                        "--rw=write",
                        "--bs=4k",
                        "--size=64k",
                        "--loops=3",
                        "--unlink_each_loop=1")
                .json();
        assertEquals(3L * (64 << 10), integer(doc, "jobs", 0, "write", "io_bytes"));
        assertEquals(64 << 10, Files.size(f), "the last loop wrote a new file; as fio, it stays");
        Files.write(f, new byte[1 << 20]);
        run("--name=t", "--filename=" + f, "--rw=write", "--bs=4k", "--size=64k", "--loops=3");
        assertEquals(1 << 20, Files.size(f), "without it the file is written in place");
    }

    @Test
    void preReadLeavesTheWholeFileInThePageCacheWhereInvalidateWouldDropIt() throws Exception {
        Path f = dir.resolve("f");
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(
                f, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE)) {
            c.write(java.nio.ByteBuffer.allocate(8 << 20));
            c.force(true); // clean pages: invalidate cannot drop dirty ones
        }
        run("--name=t", "--filename=" + f, "--rw=read", "--bs=4k", "--size=8m", "--io_size=4k");
        long cold = residentBytes(f);
        run("--name=t", "--filename=" + f, "--rw=read", "--bs=4k", "--size=8m", "--io_size=4k", "--pre_read=1");
        long warm = residentBytes(f);
        assertTrue(cold < (4 << 20), "without pre_read invalidate dropped the cache: " + cold + " bytes resident");
        assertTrue(warm >= (7 << 20), "pre_read cached the file: " + warm + " bytes resident");
    }

    @Test
    void createFsyncZeroLeavesTheLaidOutPagesDirtySoInvalidateCannotDropThem() throws Exception {
        Path synced = dir.resolve("synced");
        run("--name=t", "--filename=" + synced, "--rw=read", "--bs=4k", "--size=8m", "--io_size=4k");
        Path unsynced = dir.resolve("unsynced");
        run(
                "--name=t",
                "--filename=" + unsynced,
                "--rw=read",
                "--bs=4k",
                "--size=8m",
                "--io_size=4k",
                "--create_fsync=0");
        long clean = residentBytes(synced);
        long dirty = residentBytes(unsynced);
        assertTrue(clean < (4 << 20), "create_fsync=1 flushed the layout, invalidate dropped it: " + clean);
        assertTrue(dirty >= (7 << 20), "create_fsync=0 left dirty pages that invalidate keeps: " + dirty);
    }

    @Test
    void writeHintSetsTheFilesWriteLifeTimeWithEveryFileEngine() throws IOException {
        for (String engine : new String[] {"psync", "file"}) {
            Path f = dir.resolve(engine);
            run(
                    "--name=t",
                    "--ioengine=" + engine,
                    "--filename=" + f,
                    "--rw=write",
                    "--bs=4k",
                    "--size=64k",
                    "--write_hint=short");
            assertEquals(2L, hintOf(f), engine + ": RWH_WRITE_LIFE_SHORT");
            run(
                    "--name=t",
                    "--ioengine=" + engine,
                    "--filename=" + f,
                    "--rw=randread",
                    "--bs=4k",
                    "--size=64k",
                    "--write_hint=extreme");
            assertEquals(5L, hintOf(f), engine + ": RWH_WRITE_LIFE_EXTREME, set by a read job too (fio)");
        }
        JfioRun bad = JfioRun.run("--name=t", "--filename=" + dir.resolve("x"), "--size=64k", "--write_hint=soon");
        assertNotEquals(0, bad.exit());
        assertTrue(bad.err().contains("write_hint=soon is not valid (accepted: none, short"), bad.err());
    }

    private static long hintOf(Path f) {
        int fd = dev.jfio.posix.Posix.open(f.toString(), dev.jfio.posix.Posix.O_RDONLY);
        assertTrue(fd >= 0, "open " + f);
        try {
            return dev.jfio.posix.FileCalls.writeHint(fd);
        } finally {
            dev.jfio.posix.Posix.close(fd);
        }
    }

    /** fincore (util-linux) says how much of a file is in the page cache. */
    private static long residentBytes(Path f) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("fincore", "--bytes", "--noheadings", "--output", "RES", f.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("this test needs fincore: install the Debian package util-linux", e);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return Long.parseLong(out);
    }

    @Test
    void aWriteJobOnAMountedBlockDeviceIsRefusedUnlessAllowMountedWrite() throws Exception {
        Path image = dir.resolve("fs.img");
        Files.write(image, new byte[8 << 20]);
        String loop = sh("losetup -f --show " + image).trim();
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        try {
            sh("mkfs.ext2 -q " + loop + " && mount " + loop + " " + mnt);
            try {
                JfioRun refused = JfioRun.run("--name=t", "--filename=" + loop, "--rw=write", "--size=64k");
                assertNotEquals(0, refused.exit());
                assertTrue(
                        refused.err().contains("appears mounted, and 'allow_mounted_write' isn't set"), refused.err());
                JfioRun read = JfioRun.run("--name=t", "--filename=" + loop, "--rw=read", "--size=64k");
                assertEquals(0, read.exit(), read.err());
                JfioRun allowed = JfioRun.run(
                        "--name=t", "--filename=" + loop, "--rw=write", "--size=64k", "--allow_mounted_write=1");
                assertEquals(0, allowed.exit(), allowed.err());
            } finally {
                sh("umount " + mnt);
            }
            JfioRun unmounted = JfioRun.run("--name=t", "--filename=" + loop, "--rw=write", "--size=64k");
            assertEquals(0, unmounted.exit(), unmounted.err());
        } finally {
            sh("losetup -d " + loop);
        }
    }

    @Test
    void ioschedulerSwitchesTheSchedulerOfTheDeviceAndRefusesOneItDoesNotOffer() throws Exception {
        Path image = dir.resolve("disk.img");
        Files.write(image, new byte[1 << 20]);
        String loop = sh("losetup -f --show " + image).trim();
        Path scheduler = Path.of("/sys/block", Path.of(loop).getFileName().toString(), "queue/scheduler");
        try {
            run("--name=t", "--filename=" + loop, "--rw=read", "--size=64k", "--ioscheduler=mq-deadline");
            assertTrue(Files.readString(scheduler).contains("[mq-deadline]"), Files.readString(scheduler));
            run("--name=t", "--filename=" + loop, "--rw=read", "--size=64k", "--ioscheduler=none");
            assertTrue(Files.readString(scheduler).contains("[none]"), Files.readString(scheduler));
            JfioRun bogus =
                    JfioRun.run("--name=t", "--filename=" + loop, "--rw=read", "--size=64k", "--ioscheduler=bogus");
            assertNotEquals(0, bogus.exit());
            assertTrue(bogus.err().contains("ioscheduler=bogus"), bogus.err());
        } finally {
            sh("losetup -d " + loop);
        }
        Path shm = Files.createTempFile(Path.of("/dev/shm"), "jfio", ".dat");
        try {
            JfioRun tmpfs =
                    JfioRun.run("--name=t", "--filename=" + shm, "--rw=write", "--size=64k", "--ioscheduler=none");
            assertNotEquals(0, tmpfs.exit());
            assertTrue(tmpfs.err().contains("is on no block device"), tmpfs.err());
        } finally {
            Files.deleteIfExists(shm);
        }
    }

    @Test
    void fillFsWritesUntilTheFileSystemIsFullAndSucceedsAsFio() throws Exception {
        Path mnt = Files.createDirectories(dir.resolve("small"));
        sh("mount -t tmpfs -o size=1m tmpfs " + mnt);
        try {
            Object doc = run("--name=t", "--filename=" + mnt.resolve("f"), "--rw=write", "--bs=4k", "--fill_fs=1")
                    .json();
            assertEquals(0L, integer(doc, "jobs", 0, "error"));
            assertEquals(1L << 20, integer(doc, "jobs", 0, "write", "io_bytes"), "fio 3.33 writes 1048576 here too");
            JfioRun full =
                    JfioRun.run("--name=t", "--filename=" + mnt.resolve("g"), "--rw=write", "--bs=4k", "--size=2m");
            assertNotEquals(0, full.exit(), "without fill_fs ENOSPC fails the job");
        } finally {
            sh("umount " + mnt);
        }
    }

    /** Runs a root-only setup command; the test needs root (loop devices, mount). */
    private static String sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "this test needs root for loop devices and mount: " + command + ": " + out);
        return out;
    }
}
