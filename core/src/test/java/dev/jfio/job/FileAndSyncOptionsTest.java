package dev.jfio.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.FileHandling;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.SyncMode;
import dev.jfio.spi.SyncPolicy;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file and sync options engines receive as typed facts, parsed and checked when the job is. */
class FileAndSyncOptionsTest {
    @TempDir
    Path dir;

    private static JobSpec cmd(String... args) {
        return TestCatalogs.commandLineJob(args);
    }

    private String fileError(String... lines) throws IOException {
        return TestCatalogs.jobFileError(dir, lines);
    }

    @Test
    void defaultsMatchFio() {
        JobSpec j = cmd();
        assertEquals(SyncPolicy.DEFAULT, j.sync().policy());
        assertEquals(FileHandling.DEFAULT, j.region().files().handling());
        assertTrue(j.region().files().handling().invalidate(), "fio invalidates the page cache by default");
        assertEquals(1, j.region().files().nrfiles());
        assertEquals(Integer.MAX_VALUE, j.region().files().openFiles());
        assertFalse(j.region().files().hasFilesize());
        assertEquals(FileService.DEFAULT, j.region().files().service());
    }

    @Test
    void syncFileRangeMakesFlushASyncFileRangeWithTheFlagsEveryNWrites() {
        SyncOptions sync =
                cmd("--sync_file_range=wait_before,write,wait_after:8").sync();
        assertEquals(new SyncPolicy(SyncMode.NONE, FlushKind.SYNC_FILE_RANGE, 1 | 2 | 4), sync.policy());
        assertEquals(8, sync.flushEvery());
        assertEquals(1, cmd("--sync_file_range=write").sync().flushEvery(), "fio: without :N, every write");
        assertEquals(2, cmd("--sync_file_range=write").sync().policy().rangeFlags());
        assertEquals(0, cmd("--sync_file_range=wait_after:0").sync().flushEvery(), "fio: :0 is never");
        assertTrue(cmd("--lockfile=readwrite").lockfile() == FileLockMode.READWRITE);
    }

    @Test
    void fdatasyncAloneMakesFlushADatasyncAndAnyFsyncMakesItAFullSync() {
        assertEquals(FlushKind.FDATASYNC, cmd("--fdatasync=4").sync().policy().flush());
        assertEquals(
                FlushKind.FSYNC,
                cmd("--fdatasync=4", "--end_fsync=1").sync().policy().flush());
        assertEquals(
                FlushKind.FSYNC,
                cmd("--fdatasync=4", "--fsync_on_close=1").sync().policy().flush());
        assertEquals(
                FlushKind.FSYNC,
                cmd("--fdatasync=4", "--fsync=2").sync().policy().flush());
        assertEquals(FlushKind.FSYNC, cmd().sync().policy().flush());
        assertEquals(2, cmd("--fdatasync=4", "--fsync=2").sync().flushEvery());
        assertEquals(4, cmd("--fdatasync=4").sync().flushEvery());
    }

    @Test
    void syncNamesTheOpenFlag() {
        assertEquals(SyncMode.DSYNC, cmd("--sync=dsync").sync().mode());
        assertEquals(SyncMode.SYNC, cmd("--sync=1").sync().mode());
        assertEquals(SyncMode.SYNC, cmd("--sync=sync").sync().mode());
        assertEquals(SyncMode.NONE, cmd("--sync=0").sync().mode());
    }

    @Test
    void badSyncAndFallocateValuesFailAtParseTimeWithTheirLine() throws IOException {
        assertEquals(
                "jobs.fio:2: sync=maybe is not valid (accepted: none, 0, 1, sync, dsync)",
                fileError("[x]", "sync=maybe"));
        assertEquals(
                "jobs.fio:2: fallocate=sometimes is not valid (accepted: none, native, posix, keep, truncate, 0, 1)",
                fileError("[x]", "fallocate=sometimes"));
        assertTrue(fileError("[x]", "invalidate=maybe").startsWith("jobs.fio:2: invalidate=maybe: invalid boolean"));
    }

    @Test
    void fadviseHintOneAdvisesByTheRwModeAsFioAndTheOthersSayWhatTheyName() throws IOException {
        assertEquals(FileAdvice.SEQUENTIAL, cmd().region().files().advice(), "fio's default: 1, and rw=read");
        assertEquals(FileAdvice.RANDOM, cmd("--rw=randread").region().files().advice());
        assertEquals(
                FileAdvice.RANDOM,
                cmd("--rw=randrw", "--fadvise_hint=1").region().files().advice());
        assertEquals(FileAdvice.SEQUENTIAL, cmd("--rw=write").region().files().advice());
        assertEquals(
                FileAdvice.NONE,
                cmd("--rw=randread", "--fadvise_hint=0").region().files().advice());
        assertEquals(
                FileAdvice.SEQUENTIAL,
                cmd("--rw=randread", "--fadvise_hint=sequential")
                        .region()
                        .files()
                        .advice());
        assertEquals(
                FileAdvice.RANDOM,
                cmd("--rw=read", "--fadvise_hint=Random").region().files().advice());
        assertEquals(
                "jobs.fio:2: fadvise_hint=often is not valid (accepted: 0, 1, random, sequential)",
                fileError("[x]", "fadvise_hint=often"));
    }

    @Test
    void fileHandlingOptionsAreTyped() {
        FileHandling h = cmd(
                        "--fallocate=keep",
                        "--invalidate=0",
                        "--overwrite=1",
                        "--allow_file_create=0",
                        "--create_on_open=1",
                        "--unlink=1")
                .region()
                .files()
                .handling();
        assertEquals(new FileHandling(Fallocate.KEEP, false, true, false, true, true), h);
        assertEquals(
                Fallocate.POSIX,
                cmd("--fallocate=1").region().files().handling().fallocate());
        assertEquals(
                Fallocate.NONE, cmd("--fallocate=0").region().files().handling().fallocate());
    }

    @Test
    void fileLayoutOptionsAreParsedAndChecked() throws IOException {
        FileOptions f = cmd("--nrfiles=3", "--openfiles=2", "--filesize=64k-1m", "--file_service_type=random:4")
                .region()
                .files();
        assertEquals(3, f.nrfiles());
        assertEquals(2, f.openFiles());
        assertEquals(65536, f.filesizeLow());
        assertEquals(1 << 20, f.filesizeHigh());
        assertEquals(new FileService(FileService.Kind.RANDOM, 4), f.service());
        assertEquals("jobs.fio:2: openfiles must be at least 1, got 0", fileError("[x]", "openfiles=0"));
        assertEquals("jobs.fio:2: nrfiles must be at least 1, got 0", fileError("[x]", "nrfiles=0"));
        assertTrue(fileError("[x]", "file_service_type=zipf:1")
                .startsWith("jobs.fio:2: file_service_type=zipf:1: zipf theta must be"));
        assertTrue(fileError("[x]", "filesize=abc").startsWith("jobs.fio:2: filesize=abc: "));
    }
}
