package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.jfio.spi.Errno;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.IoUnit;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.HarnessBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every engine of fio's sync family does with real files and devices: data, ends of files, kernel errors. */
class SyncEnginesTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    static Stream<IoEngineProvider> engines() {
        return Stream.of(
                new SyncEngineProvider(),
                new PsyncEngineProvider(),
                new VsyncEngineProvider(),
                new PvsyncEngineProvider(),
                new Pvsync2EngineProvider(),
                new PosixAioEngineProvider(),
                new MmapEngineProvider());
    }

    /** The engines that pass each transfer to the kernel (mmap copies memory instead). */
    static Stream<IoEngineProvider> kernelTransferEngines() {
        return engines().filter(p -> !(p instanceof MmapEngineProvider));
    }

    private static HarnessBuilder job(IoEngineProvider provider, Path file) {
        return EngineHarness.builder(provider).filename(file).iodepth(4);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void writesLandInTheFileAtTheirOffsetsAndTheFilesBytesReadBack(IoEngineProvider provider) throws IOException {
        Path file = dir.resolve("data");
        byte[] before = EngineHarness.pattern(99, 16 * BS);
        Files.write(file, before);
        try (EngineHarness h = job(provider, file).start()) {
            h.write(3L * BS, EngineHarness.pattern(3, BS));
            h.write(9L * BS, EngineHarness.pattern(9, BS));
            assertArrayEquals(Arrays.copyOfRange(before, 5 * BS, 6 * BS), h.read(5L * BS, BS));
            h.flush();
        }
        byte[] after = Files.readAllBytes(file);
        assertArrayEquals(EngineHarness.pattern(3, BS), Arrays.copyOfRange(after, 3 * BS, 4 * BS));
        assertArrayEquals(EngineHarness.pattern(9, BS), Arrays.copyOfRange(after, 9 * BS, 10 * BS));
        assertArrayEquals(Arrays.copyOfRange(before, 0, 3 * BS), Arrays.copyOfRange(after, 0, 3 * BS));
    }

    @ParameterizedTest
    @MethodSource("engines")
    void aReadAcrossTheEndOfTheFileIsShortAndOnePastItMovesNothing(IoEngineProvider provider) throws IOException {
        Path file = dir.resolve("short");
        byte[] content = EngineHarness.pattern(7, 6000);
        Files.write(file, content);
        try (EngineHarness h =
                job(provider, file).bs(2 * BS).reads(true).writes(false).start()) {
            assertArrayEquals(content, h.read(0, 2 * BS));
            IoUnit past = h.submit(IoOp.READ, 2 * BS, 2 * BS, null);
            assertEquals(0, past.error(), String.valueOf(past.errorMessage()));
            assertEquals(0, past.result());
        }
    }

    @ParameterizedTest
    @MethodSource("kernelTransferEngines")
    void aWriteTheKernelRefusesFailsWithItsErrno(IoEngineProvider provider) throws IOException {
        try (EngineHarness h = job(provider, Path.of("/dev/full")).reads(false).start()) {
            IoUnit unit = h.submit(IoOp.WRITE, 0, BS, EngineHarness.pattern(0, BS));
            assertEquals(Errno.ENOSPC, unit.error(), "errno of a write to /dev/full: " + unit.errorMessage());
            assertEquals(0, unit.result());
        }
    }

    @ParameterizedTest
    @MethodSource("kernelTransferEngines")
    void aMisalignedDirectReadFailsWithEinval(IoEngineProvider provider) throws IOException {
        Path file = Files.write(dir.resolve("direct"), new byte[16 * BS]);
        try (EngineHarness h = job(provider, file).direct(true).start()) {
            IoUnit unit = h.submit(IoOp.READ, 1, BS, null);
            assertEquals(Errno.EINVAL, unit.error(), "errno of an O_DIRECT read at offset 1: " + unit.errorMessage());
            assertEquals(BS, h.read(BS, BS).length, "the next aligned read works");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void verifiedDataSurvivesAFullPassOfPipelinedWritesAndReads(IoEngineProvider provider) throws IOException {
        try (EngineHarness h =
                job(provider, dir.resolve("pipe")).iodepth(8).size(256 * BS).start()) {
            assertEquals(0, h.pipeline(IoOp.WRITE, 256, BS, false).errors);
            var read = h.pipeline(IoOp.READ, 256, BS, true);
            assertEquals(0, read.errors, read.toString());
            assertEquals(0, read.mismatches, read.toString());
            assertNotEquals(0, read.completed);
        }
    }
}
