package dev.jfio.engine.file.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.FileSizes;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoTarget;
import dev.jfio.spi.IoUnit;
import dev.jfio.spi.SyncMode;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The six path-operation engines one call at a time: what each open does, times and refuses. */
class PathOpEngineTest {
    @TempDir
    Path dir;

    private static HarnessBuilder job(IoEngineProvider provider, Path... targets) {
        String[] names = new String[targets.length];
        for (int i = 0; i < targets.length; i++) {
            names[i] = targets[i].toString();
        }
        return EngineHarness.builder(provider).filenames(names).rw("read");
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
    }

    private static IOException openFails(EngineHarness harness) {
        return assertThrows(IOException.class, harness::openAll);
    }

    @Test
    void everyEngineIsSynchronousTimesItsOpensAndMovesNoData() {
        for (IoEngineProvider p : new IoEngineProvider[] {
            new FileCreateProvider(), new FileStatProvider(), new FileDeleteProvider(),
            new DirCreateProvider(), new DirStatProvider(), new DirDeleteProvider()
        }) {
            assertEquals(
                    Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.TIMED_OPEN, EngineFlag.NO_DATA_TRANSFER),
                    p.flags(),
                    p.name());
        }
    }

    @Test
    void filecreateCreatesEachFileEmptyWithMode0600AndTimesTheOpen() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        try (EngineHarness harness = job(new FileCreateProvider(), a, b).build()) {
            harness.setup();
            assertFalse(Files.exists(a), "filecreate creates nothing in setup");
            harness.init();
            for (IoTarget target : harness.targets()) {
                harness.engine().open(target);
                assertTrue(harness.engine().openNanos() > 0, "open of " + target + " was not timed");
            }
            assertEquals("rw-------", mode(a));
            assertEquals(0, Files.size(b));
        }
    }

    @Test
    void filecreateTargetsCountOneBlockEachWithoutSizeOrTheirFilesize() throws IOException {
        try (EngineHarness harness = job(new FileCreateProvider(), dir.resolve("a"), dir.resolve("b"))
                .bs(8192)
                .build()) {
            harness.setup();
            assertEquals(8192, harness.targets().get(0).size());
        }
        try (EngineHarness harness = job(new FileCreateProvider(), dir.resolve("a"), dir.resolve("b"))
                .fileSizes(FileSizes.of(16384, 32768))
                .build()) {
            harness.setup();
            assertEquals(32768, harness.targets().get(1).size());
        }
    }

    @Test
    void filecreateOnADirectoryFailsWithEisdirNamingTheCall() throws IOException {
        Path taken = Files.createDirectory(dir.resolve("taken"));
        try (EngineHarness harness = job(new FileCreateProvider(), taken).build()) {
            harness.setup();
            harness.init();
            IOException e = openFails(harness);
            assertEquals(Errno.EISDIR, Errno.of(e, 0), e.getMessage());
            assertTrue(
                    e.getMessage().startsWith("ioengine=filecreate: open(O_CREAT) " + taken + ": EISDIR"),
                    e.getMessage());
        }
    }

    @Test
    void filecreateInAMissingDirectoryIsRefusedAtSetup() {
        Path orphan = dir.resolve("no/such/dir/f");
        IOException e = assertThrows(
                IOException.class, () -> job(new FileCreateProvider(), orphan).start());
        assertEquals(
                "cannot create " + orphan + ": directory " + orphan.getParent() + " does not exist", e.getMessage());
    }

    @Test
    void filestatLaysOutItsFilesThenOnlyLooksThemUp() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness =
                job(new FileStatProvider(), f).size(64 * 1024).start()) {
            assertEquals(64 * 1024, Files.size(f));
            assertTrue(harness.engine().openNanos() > 0);
            assertEquals("stat", harness.engine().properties().get("operation"));
        }
        assertTrue(Files.exists(f));
    }

    @Test
    void statFollowsALinkWhoseTargetIsGoneWhereLstatLooksAtTheLinkItself() throws IOException {
        for (String type : new String[] {"stat", "lstat", "statx"}) {
            Path file = Files.write(dir.resolve(type + ".file"), new byte[4096]);
            Path link = Files.createSymbolicLink(dir.resolve(type + ".link"), file);
            EngineHarness harness = job(new FileStatProvider(), link)
                    .size(4096)
                    .option("stat_type", type)
                    .build();
            harness.setup();
            harness.init();
            Files.delete(file); // the link dangles now
            IoTarget target = harness.targets().get(0);
            if (type.equals("lstat")) {
                harness.engine().open(target);
                assertTrue(harness.engine().openNanos() > 0);
            } else {
                IOException e =
                        assertThrows(IOException.class, () -> harness.engine().open(target), type);
                assertEquals(Errno.ENOENT, Errno.of(e, 0), e.getMessage());
                assertTrue(e.getMessage().startsWith("ioengine=filestat: " + type + " " + link), e.getMessage());
            }
            harness.cleanup();
        }
    }

    @Test
    void statxResolvesARelativePathAsFioDoes() throws IOException {
        Path f = Files.write(dir.resolve("f"), new byte[4096]);
        Path relative = Path.of("").toAbsolutePath().relativize(f);
        try (EngineHarness harness = job(new FileStatProvider(), relative)
                .option("stat_type", "statx")
                .start()) {
            assertTrue(harness.engine().openNanos() > 0);
            assertEquals("statx", harness.engine().properties().get("operation"));
        }
    }

    @Test
    void filedeleteRemovesTheFileAndASecondDeleteFailsWithEnoent() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness = job(new FileDeleteProvider(), f).size(4096).start()) {
            assertFalse(Files.exists(f));
            IoTarget target = harness.targets().get(0);
            harness.engine().close(target);
            IOException e =
                    assertThrows(IOException.class, () -> harness.engine().open(target));
            assertEquals(Errno.ENOENT, Errno.of(e, 0));
            assertEquals("ioengine=filedelete: unlink " + f + ": ENOENT (No such file or directory)", e.getMessage());
            assertEquals(-1, harness.engine().openNanos(), "a failed operation is not timed");
        }
    }

    @Test
    void filedeleteRefusesABlockOrCharacterDeviceRatherThanUnlinkIt() {
        Path devNull = Path.of("/dev/null");
        IOException e = assertThrows(
                IOException.class,
                () -> job(new FileDeleteProvider(), devNull).size(4096).start());
        assertEquals("/dev/null is not a regular file; ioengine=filedelete works on files only", e.getMessage());
        assertTrue(Files.exists(devNull));
    }

    @Test
    void dircreateMakesDirectoriesAndASecondMkdirFailsWithEexist() throws IOException {
        Path d = dir.resolve("d");
        try (EngineHarness harness = job(new DirCreateProvider(), d).start()) {
            assertTrue(Files.isDirectory(d));
            assertEquals("rwx------", mode(d));
            IoTarget target = harness.targets().get(0);
            harness.engine().close(target);
            IOException e =
                    assertThrows(IOException.class, () -> harness.engine().open(target));
            assertEquals(Errno.EEXIST, Errno.of(e, 0), e.getMessage());
            assertTrue(e.getMessage().contains("mkdir " + d + ": EEXIST (File exists)"), e.getMessage());
        }
    }

    @Test
    void dirstatAndDirdeleteMakeTheirDirectoriesInSetup() throws IOException {
        Path a = dir.resolve("a");
        try (EngineHarness harness = job(new DirStatProvider(), a).size(4096).build()) {
            harness.setup();
            assertTrue(Files.isDirectory(a));
            assertEquals("rwx------", mode(a));
        }
        Path b = dir.resolve("b");
        try (EngineHarness harness = job(new DirDeleteProvider(), b).size(4096).start()) {
            assertFalse(Files.exists(b), "dirdelete's open removes the directory setup made");
        }
    }

    @Test
    void dirdeleteOfADirectoryWithEntriesFailsWithEnotempty() throws IOException {
        Path d = Files.createDirectory(dir.resolve("d"));
        Files.write(d.resolve("x"), new byte[1]);
        try (EngineHarness harness = job(new DirDeleteProvider(), d).size(4096).build()) {
            harness.setup();
            harness.init();
            IOException e = openFails(harness);
            assertEquals(Errno.ENOTEMPTY, Errno.of(e, 0), e.getMessage());
        }
    }

    @Test
    void dirstatAndDirdeleteWithoutSizeOrFilesizeAreRefusedAsFioDoes() {
        IOException e = assertThrows(
                IOException.class,
                () -> job(new DirStatProvider(), dir.resolve("d")).start());
        assertEquals(
                "ioengine=dirstat needs filesize= or size= (how many I/Os each directory counts; fio: you need to"
                        + " specify size=), e.g. filesize=4k",
                e.getMessage());
    }

    @Test
    void directSyncAndForbiddenCreationAreRefusedNotIgnored() {
        IOException direct = assertThrows(
                IOException.class,
                () -> job(new FileStatProvider(), dir.resolve("f")).direct(true).start());
        assertEquals(
                "ioengine=filestat moves no data, so direct=1 does not apply (fio ignores it); remove it",
                direct.getMessage());
        IOException sync = assertThrows(
                IOException.class,
                () -> job(new FileCreateProvider(), dir.resolve("f"))
                        .sync(SyncMode.DSYNC)
                        .start());
        assertEquals(
                "ioengine=filecreate moves no data, so sync=dsync does not apply (fio ignores it); remove it",
                sync.getMessage());
        IOException create = assertThrows(
                IOException.class,
                () -> job(new DirCreateProvider(), dir.resolve("d"))
                        .allowFileCreate(false)
                        .start());
        assertEquals(
                "allow_file_create=0 forbids what ioengine=dircreate does: creating the targets", create.getMessage());
    }

    @Test
    void everyIoCompletesAtOnceMovingNothing() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness =
                job(new FileCreateProvider(), f).size(1 << 20).start()) {
            for (IoOp op : new IoOp[] {IoOp.READ, IoOp.WRITE, IoOp.TRIM}) {
                IoUnit unit = harness.submit(op, 8192, 4096, op == IoOp.WRITE ? new byte[4096] : null);
                assertEquals(0, unit.error());
                assertEquals(4096, unit.result());
            }
            assertEquals(0, Files.size(f), "nothing was written");
        }
    }

    @Test
    void unlinkRemovesWhatTheJobLeftWhenItEnds() throws IOException {
        Path f = dir.resolve("f");
        Path d = dir.resolve("d");
        try (EngineHarness harness =
                job(new FileCreateProvider(), f).unlink(true).start()) {
            assertTrue(Files.exists(f));
        }
        assertFalse(Files.exists(f));
        try (EngineHarness harness =
                job(new DirCreateProvider(), d).unlink(true).start()) {
            assertTrue(Files.exists(d));
        }
        assertFalse(Files.exists(d));
        try (EngineHarness harness = job(new FileCreateProvider(), f).start()) {
            assertTrue(Files.exists(f));
        }
        assertTrue(Files.exists(f), "without unlink the files stay, as fio leaves them");
    }
}
