package dev.jfio.engine.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Fallocate;
import dev.jfio.spi.FlushKind;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.SyncMode;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEngineTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    private static HarnessBuilder job(Path file) {
        return EngineHarness.builder(new FileEngineProvider()).filename(file);
    }

    @Test
    void providerIsSynchronousFileWithoutAliasesSincePsyncAndSyncAreEnginesOfTheirOwn() {
        FileEngineProvider provider = new FileEngineProvider();
        assertEquals("file", provider.name());
        assertEquals(List.of(), provider.aliases());
        assertEquals(Set.of(EngineFlag.SYNCHRONOUS), provider.flags());
    }

    @Test
    void synchronousEngineGetsOneUnitWhateverTheIodepth() throws IOException {
        try (EngineHarness harness = job(dir.resolve("f")).iodepth(32).size(MIB).start()) {
            assertEquals(1, harness.job().iodepth());
            assertEquals(1, harness.units().size());
        }
    }

    @Test
    void setupRecordsTheSizeOfAnExistingFileWithoutLayingItOut() throws IOException {
        Path file = Files.write(dir.resolve("f"), new byte[10_000]);
        try (EngineHarness harness = job(file).rw("write").size(MIB).build()) {
            harness.setup();
            assertEquals(10_000, harness.targets().get(0).size());
            assertFalse(harness.targets().get(0).hasFixedSize());
            assertEquals(List.of(), harness.notices());
        }
        assertEquals(10_000, Files.size(file));
    }

    @Test
    void readJobLaysOutAMissingFileWithAFioLikeNotice() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).rw("randread").size(2 * MIB).build()) {
            harness.setup();
            assertEquals(2 * MIB, harness.targets().get(0).size());
            assertEquals(List.of("Laying out IO file " + file + " (2 MiB)"), harness.notices());
        }
        assertEquals(2 * MIB, Files.size(file));
    }

    @Test
    void readJobLaysOutUpToOffsetPlusSize() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).rw("read").offset(MIB).size(MIB).build()) {
            harness.setup();
        }
        assertEquals(2 * MIB, Files.size(file));
    }

    @Test
    void layOutExtendsAShortFileKeepingItsDataAndWritingZeros() throws IOException {
        Path file = dir.resolve("f");
        byte[] head = EngineHarness.pattern(0, 5000);
        Files.write(file, head);
        List<String> notices = new ArrayList<>();
        FileTargets.layOut(file, MIB + 100, notices::add);
        byte[] all = Files.readAllBytes(file);
        assertEquals(MIB + 100, all.length);
        assertArrayEquals(head, Arrays.copyOf(all, 5000));
        for (int i = 5000; i < all.length; i++) {
            if (all[i] != 0) {
                throw new AssertionError("byte " + i + " is " + all[i]);
            }
        }
        assertEquals(List.of("Laying out IO file " + file + " (1.00 MiB)"), notices);
    }

    @Test
    void layOutLeavesALargeEnoughFileAlone() throws IOException {
        Path file = Files.write(dir.resolve("f"), EngineHarness.pattern(0, 8192));
        List<String> notices = new ArrayList<>();
        FileTargets.layOut(file, 4096, notices::add);
        assertEquals(List.of(), notices);
        assertArrayEquals(EngineHarness.pattern(0, 8192), Files.readAllBytes(file));
    }

    @Test
    void severalFilenamesShareTheJobSize() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (EngineHarness harness = EngineHarness.builder(new FileEngineProvider())
                .filenames(a.toString(), b.toString())
                .rw("read")
                .size(2 * MIB)
                .build()) {
            harness.setup();
        }
        assertEquals(MIB, Files.size(a));
        assertEquals(MIB, Files.size(b));
    }

    @Test
    void writeOnlyJobCreatesAndPreallocatesAMissingFileInSetupAsFioDoes() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).rw("write").size(MIB).build()) {
            harness.setup();
            assertTrue(Files.exists(file));
            assertEquals(MIB, Files.size(file));
            assertEquals(MIB, harness.targets().get(0).size());
            assertEquals(List.of(), harness.notices());
        }
    }

    @Test
    void fallocateNoneCreatesAnEmptyFileAndKeepAllocatesWithoutGrowingIt() throws IOException {
        Path none = dir.resolve("none");
        try (EngineHarness harness =
                job(none).rw("write").size(MIB).fallocate(Fallocate.NONE).build()) {
            harness.setup();
        }
        assertEquals(0, Files.size(none));
        Path keep = dir.resolve("keep");
        try (EngineHarness harness =
                job(keep).rw("write").size(MIB).fallocate(Fallocate.KEEP).build()) {
            harness.setup();
        }
        assertEquals(0, Files.size(keep));
    }

    @Test
    void createOnOpenLeavesAMissingFileToOpenWhichCreatesIt() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness =
                job(file).rw("write").size(MIB).createOnOpen(true).build()) {
            harness.setup();
            assertEquals(IoTarget.UNKNOWN_SIZE, harness.targets().get(0).size());
            assertFalse(Files.exists(file));
            harness.init();
            harness.openAll();
            assertTrue(Files.exists(file));
            harness.write(8192, EngineHarness.pattern(1, 4096));
        }
        assertEquals(12288, Files.size(file));
    }

    @Test
    void allowFileCreateOffRefusesAMissingFile() {
        Path file = dir.resolve("f");
        EngineHarness harness =
                job(file).rw("write").size(MIB).allowFileCreate(false).build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertEquals(file + " does not exist and allow_file_create=0 forbids creating it", e.getMessage());
        assertFalse(Files.exists(file));
        harness.cleanup();
    }

    @Test
    void overwriteLaysOutTheFileForAWriteJob() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness =
                job(file).rw("randwrite").size(2 * MIB).overwrite(true).build()) {
            harness.setup();
            assertEquals(List.of("Laying out IO file " + file + " (2 MiB)"), harness.notices());
        }
        assertEquals(2 * MIB, Files.size(file));
    }

    @Test
    void unlinkDeletesTheFileWhenItIsClosed() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).rw("read").size(MIB).unlink(true).start()) {
            assertTrue(Files.exists(file));
            harness.read(0, 4096);
            harness.closeAll();
            assertFalse(Files.exists(file));
        }
    }

    @Test
    void syncDsyncOpensWithODsyncAndIsReported() throws IOException {
        try (EngineHarness harness =
                job(dir.resolve("g")).rw("write").size(MIB).sync(SyncMode.DSYNC).start()) {
            harness.write(0, EngineHarness.pattern(3, 4096));
            assertEquals("dsync", harness.engine().properties().get("sync"));
        }
        assertArrayEquals(EngineHarness.pattern(3, 4096), Arrays.copyOf(Files.readAllBytes(dir.resolve("g")), 4096));
    }

    @Test
    void writeJobOnAnImmutableFileFailsInSetupWithOneLine() throws IOException {
        Path file = Files.write(dir.resolve("ro"), new byte[8192]);
        assumeTrue(chattr("+i", file), "chattr +i is not available here");
        try {
            EngineHarness harness = job(file).rw("write").size(8192).build();
            IOException e = assertThrows(IOException.class, harness::setup);
            assertTrue(
                    e.getMessage().startsWith("the job writes but cannot open for writing " + file + ": "),
                    e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
            harness.cleanup();
        } finally {
            chattr("-i", file);
        }
    }

    @Test
    void readJobOnAnImmutableFileTooSmallForTheJobFailsInSetup() throws IOException {
        Path file = Files.write(dir.resolve("small"), new byte[8192]);
        assumeTrue(chattr("+i", file), "chattr +i is not available here");
        try {
            EngineHarness harness = job(file).rw("read").size(MIB).build();
            IOException e = assertThrows(IOException.class, harness::setup);
            assertEquals(
                    file + " is 8192 bytes, the job needs 1048576 (offset+size) and the file is read-only",
                    e.getMessage());
            harness.cleanup();
        } finally {
            chattr("-i", file);
        }
    }

    @Test
    void aFileThatVanishesBetweenSetupAndOpenFailsTheOpenWithOneLine() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness =
                job(file).rw("read").size(MIB).allowFileCreate(false).build()) {
            Files.write(file, new byte[MIB]);
            harness.setup();
            Files.delete(file);
            harness.init();
            IOException e = assertThrows(IOException.class, harness::openAll);
            assertEquals("cannot open " + file + ": no such file", e.getMessage());
        }
    }

    @Test
    void flushIsFdatasyncOnlyWhenTheSyncPolicySaysSo() throws IOException {
        Path file = dir.resolve("a");
        try (EngineHarness harness =
                job(file).rw("write").size(MIB).flush(FlushKind.FDATASYNC).start()) {
            harness.write(0, EngineHarness.pattern(1, 4096));
            harness.flush();
        }
        try (EngineHarness harness =
                job(file).rw("write").size(MIB).flush(FlushKind.FSYNC).start()) {
            harness.write(0, EngineHarness.pattern(2, 4096));
            harness.flush();
        }
        assertArrayEquals(EngineHarness.pattern(2, 4096), Arrays.copyOf(Files.readAllBytes(file), 4096));
    }

    private static boolean chattr(String flag, Path file) {
        try {
            Process p = new ProcessBuilder("chattr", flag, file.toString())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void readPastTheEndOfTheFileIsAShortRead() throws IOException {
        Path file = Files.write(dir.resolve("f"), EngineHarness.pattern(0, 6000));
        try (EngineHarness harness = job(file).rw("read").start()) {
            assertArrayEquals(EngineHarness.pattern(4096, 1904), harness.read(4096, 4096));
            assertEquals(0, harness.read(8192, 4096).length);
        }
    }

    @Test
    void writesLandAtTheirOffsetInTheFile() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).size(MIB).start()) {
            harness.write(12288, EngineHarness.pattern(99, 4096));
            harness.flush();
        }
        byte[] all = Files.readAllBytes(file);
        assertArrayEquals(EngineHarness.pattern(99, 4096), Arrays.copyOfRange(all, 12288, 16384));
    }

    @Test
    void trimPunchesAHoleThatReadsBackAsZerosKeepingTheSize() throws IOException {
        Path file = dir.resolve("f");
        try (EngineHarness harness = job(file).rw("randtrim").size(MIB).start()) {
            harness.write(0, EngineHarness.pattern(7, 4096));
            harness.write(4096, EngineHarness.pattern(4103, 4096));
            IoUnit unit = harness.trim(0, 4096);
            assertEquals(0, unit.error(), unit.errorMessage());
            assertEquals(4096, unit.result());
            assertArrayEquals(new byte[4096], harness.read(0, 4096));
            assertArrayEquals(EngineHarness.pattern(4103, 4096), harness.read(4096, 4096));
        }
        assertEquals(MIB, Files.size(file));
    }

    @Test
    void missingDirectoryFailsSetupNamingTheDirectory() {
        Path missing = dir.resolve("nowhere");
        EngineHarness harness = job(missing.resolve("f")).rw("write").size(MIB).build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertEquals(
                "cannot create " + missing.resolve("f") + ": directory " + missing + " does not exist", e.getMessage());
        harness.cleanup();
    }

    @Test
    void readJobOnAMissingFileWithoutSizeFailsClearly() {
        Path file = dir.resolve("f");
        EngineHarness harness = job(file).rw("read").build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertEquals("cannot read " + file + ": it does not exist and the job sets no size", e.getMessage());
        harness.cleanup();
    }

    @Test
    void directoryAsFilenameFailsClearly() {
        EngineHarness harness = job(dir).size(MIB).build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertEquals(dir + " is a directory; ioengine=file needs a file or a block device", e.getMessage());
        harness.cleanup();
    }

    @Test
    void directWithUnalignedBlockSizeFailsInSetup() throws IOException {
        EngineHarness harness =
                job(dir.resolve("f")).direct(true).bs(1000).size(MIB).build();
        IOException e = assertThrows(IOException.class, harness::setup);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "direct=1 needs bs and offset in multiples of (\\d+) \\(the direct I/O alignment of "
                                + java.util.regex.Pattern.quote(dir.resolve("f").toString())
                                + "\\); got bs=1000 offset=0")
                .matcher(e.getMessage());
        assertTrue(m.matches(), e.getMessage());
        long align = Long.parseLong(m.group(1));
        assertTrue(align >= 512 && Long.bitCount(align) == 1, "alignment " + align);
        harness.cleanup();
    }

    @Test
    void directWithUnalignedOffsetFailsInSetup() {
        EngineHarness harness =
                job(dir.resolve("f")).direct(true).offset(100).size(MIB).build();
        IOException e = assertThrows(IOException.class, harness::setup);
        assertTrue(e.getMessage().endsWith("got bs=4096 offset=100"), e.getMessage());
        harness.cleanup();
    }

    @Test
    void directIoRoundTripsData() throws IOException {
        try (EngineHarness harness =
                job(dir.resolve("f")).direct(true).bs(4096, 65536).size(MIB).start()) {
            harness.write(65536, EngineHarness.pattern(5, 65536));
            assertArrayEquals(EngineHarness.pattern(5, 65536), harness.read(65536, 65536));
        }
    }

    @Test
    void blockDevicesAreRecognisedAndSizedFromSysfs() throws IOException {
        Path loop = Path.of("/dev/loop0");
        assumeTrue(Files.exists(loop), "no /dev/loop0 here");
        assertTrue(FileTargets.isBlockDevice(loop));
        long sectors = Long.parseLong(
                Files.readString(Path.of("/sys/class/block/loop0/size")).strip());
        assertEquals(sectors * 512, FileTargets.blockDeviceSize(loop));
        assertFalse(FileTargets.isBlockDevice(Files.write(dir.resolve("f"), new byte[1])));
    }
}
