package dev.jfio.engine.file.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.Errno;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.testkit.EngineHarness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** falloc and ftruncate, one I/O at a time, against what the file system then shows. */
class FallocFtruncateEngineTest {
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    /** Bytes the file system has allocated to the file: st_blocks times its unit, from stat(1). */
    private static long allocated(Path file) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString())
                .redirectErrorStream(true)
                .start();
        String[] out = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                .trim()
                .split(" ");
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    @Test
    void bothAreSynchronousAndMoveNoData() {
        assertEquals(Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.NO_DATA_TRANSFER), new FallocProvider().flags());
        assertEquals(Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.NO_DATA_TRANSFER), new FtruncateProvider().flags());
    }

    @Test
    void fallocWriteAllocatesAndExtendsReadAllocatesKeepingTheSizeTrimPunchesAHole() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness = EngineHarness.builder(new FallocProvider())
                .filename(f)
                .rw("randrw")
                .bs(64 * 1024)
                .size(MIB)
                .fallocate(dev.jfio.spi.Fallocate.NONE)
                .start()) {
            // a read job lays the file out; start from a sparse file of the same size instead
            Files.write(f, new byte[0]);
            assertEquals(0, allocated(f));
            IoUnit write = harness.submit(IoOp.WRITE, 2 * MIB, 64 * 1024, new byte[64 * 1024]);
            assertEquals(0, write.error(), write.errorMessage());
            assertEquals(2 * MIB + 64 * 1024, Files.size(f), "mode 0 extends the file");
            IoUnit read = harness.submit(IoOp.READ, 4 * MIB, 64 * 1024, null);
            assertEquals(0, read.error(), read.errorMessage());
            assertEquals(2 * MIB + 64 * 1024, Files.size(f), "KEEP_SIZE allocates beyond the end, size unchanged");
            assertEquals(128 * 1024, allocated(f));
            IoUnit trim = harness.trim(2 * MIB, 64 * 1024);
            assertEquals(0, trim.error(), trim.errorMessage());
            assertEquals(64 * 1024, allocated(f), "the punched hole is deallocated");
            assertEquals(2 * MIB + 64 * 1024, Files.size(f));
        }
    }

    @Test
    void fallocOpensReadWriteEvenForAReadJob() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness = EngineHarness.builder(new FallocProvider())
                .filename(f)
                .rw("read")
                .size(MIB)
                .start()) {
            IoUnit read = harness.submit(IoOp.READ, 2 * MIB, 4096, null);
            assertEquals(0, read.error(), "fallocate needs a writable descriptor: " + read.errorMessage());
        }
    }

    @Test
    void fallocFailureIsTheUnitsErrnoNotAnException() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness = EngineHarness.builder(new FallocProvider())
                .filename(f)
                .rw("write")
                .size(MIB)
                .start()) {
            IoUnit huge = harness.submit(IoOp.WRITE, Long.MAX_VALUE - 4096, 4096, new byte[4096]);
            assertTrue(huge.error() == Errno.EFBIG || huge.error() == Errno.EINVAL, "errno " + huge.error());
            assertEquals("fallocate failed", huge.errorMessage());
        }
    }

    @Test
    void ftruncateSetsTheFileSizeToEachWritesOffset() throws IOException {
        Path f = dir.resolve("f");
        try (EngineHarness harness = EngineHarness.builder(new FtruncateProvider())
                .filename(f)
                .rw("write")
                .size(MIB)
                .start()) {
            for (long offset : new long[] {0, 12288, 4096, 700 * 1024}) {
                IoUnit unit = harness.submit(IoOp.WRITE, offset, 4096, new byte[4096]);
                assertEquals(0, unit.error(), unit.errorMessage());
                assertEquals(4096, unit.result());
                assertEquals(offset, Files.size(f));
            }
            harness.flush();
        }
    }

    @Test
    void ftruncateRefusesAJobThatReadsOrTrimsAndFailsAStrayReadWithEinval() throws IOException {
        IOException reads = assertThrows(
                IOException.class,
                () -> EngineHarness.builder(new FtruncateProvider())
                        .filename(dir.resolve("f"))
                        .rw("randrw")
                        .size(MIB)
                        .start());
        assertEquals(
                "ioengine=ftruncate truncates on writes only: the job reads (fio fails each such I/O with EINVAL);"
                        + " use rw=write or rw=randwrite",
                reads.getMessage());
        IOException trims = assertThrows(
                IOException.class,
                () -> EngineHarness.builder(new FtruncateProvider())
                        .filename(dir.resolve("f"))
                        .rw("trim")
                        .size(MIB)
                        .start());
        assertTrue(trims.getMessage().contains("the job trims"), trims.getMessage());
        try (EngineHarness harness = EngineHarness.builder(new FtruncateProvider())
                .filename(dir.resolve("g"))
                .rw("write")
                .size(MIB)
                .start()) {
            IoUnit read = harness.submit(IoOp.READ, 0, 4096, null);
            assertEquals(Errno.EINVAL, read.error());
        }
    }
}
