package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.FileAdvice;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoOp;
import dev.jfio.spi.JobView;
import dev.jfio.testkit.EngineHarness;
import dev.jfio.testkit.PipelineStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mmap engine: growing files under the mapping, windows, thp's private mapping, direct's checks. */
class MmapEngineTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    /** The mmap provider with windows of {@code window} bytes from the start, as after a failed whole-file map. */
    private static IoEngineProvider windowed(long window) {
        MmapEngineProvider real = new MmapEngineProvider();
        return new IoEngineProvider() {
            @Override
            public String name() {
                return real.name();
            }

            @Override
            public String description() {
                return real.description();
            }

            @Override
            public java.util.List<dev.jfio.spi.EngineOption<?>> options() {
                return real.options();
            }

            @Override
            public java.util.Set<dev.jfio.spi.EngineFlag> flags() {
                return real.flags();
            }

            @Override
            public IoEngine create(JobView job) {
                return new MmapEngine(job, window);
            }
        };
    }

    @Test
    void aWritePastTheEndOfTheFileExtendsItAndLands() throws IOException {
        Path file = Files.write(dir.resolve("grow"), EngineHarness.pattern(0, 2 * BS));
        try (EngineHarness h =
                EngineHarness.builder(new MmapEngineProvider()).filename(file).start()) {
            h.write(4 * BS, EngineHarness.pattern(4, BS));
            assertArrayEquals(EngineHarness.pattern(0, BS), h.read(0, BS), "the old data is still mapped");
            h.flush();
        }
        byte[] content = Files.readAllBytes(file);
        assertEquals(5 * BS, content.length);
        assertArrayEquals(EngineHarness.pattern(4, BS), Arrays.copyOfRange(content, 4 * BS, 5 * BS));
        assertArrayEquals(new byte[2 * BS], Arrays.copyOfRange(content, 2 * BS, 4 * BS));
    }

    @Test
    void windowsSmallerThanTheFileServeRandomIoAnywhereInIt() throws IOException {
        int blocks = 256;
        long[] offsets = new long[blocks];
        for (int i = 0; i < blocks; i++) {
            offsets[i] = (long) i * BS;
        }
        Random random = new Random(7);
        for (int i = blocks - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long t = offsets[i];
            offsets[i] = offsets[j];
            offsets[j] = t;
        }
        try (EngineHarness h = EngineHarness.builder(windowed(16 * BS))
                .filename(dir.resolve("win"))
                .size((long) blocks * BS)
                .fileAdvice(FileAdvice.RANDOM)
                .start()) {
            assertEquals(0, h.pipeline(IoOp.WRITE, offsets, BS, false).errors);
            PipelineStats read = h.pipeline(IoOp.READ, offsets, BS, true);
            assertEquals(0, read.errors, read.toString());
            assertEquals(0, read.mismatches, read.toString());
        }
        byte[] content = Files.readAllBytes(dir.resolve("win"));
        assertArrayEquals(EngineHarness.pattern(200L * BS, BS), Arrays.copyOfRange(content, 200 * BS, 201 * BS));
    }

    @Test
    void thpMapsPrivatelySoWritesStayInMemoryAsInFio() throws IOException {
        Path file = Files.write(dir.resolve("thp"), new byte[4 * BS]);
        try (EngineHarness h = EngineHarness.builder(new MmapEngineProvider())
                .filename(file)
                .option(MmapEngineProvider.THP, 1L)
                .start()) {
            h.write(BS, EngineHarness.pattern(1, BS));
            assertArrayEquals(EngineHarness.pattern(1, BS), h.read(BS, BS));
            h.flush();
        }
        assertArrayEquals(new byte[4 * BS], Files.readAllBytes(file));
    }

    @Test
    void directWithABlockSizeThatIsNotAMultipleOfThePageIsRefusedAtSetup() {
        EngineHarness h = EngineHarness.builder(new MmapEngineProvider())
                .filename(dir.resolve("d"))
                .size(16 * BS)
                .bs(2048)
                .direct(true)
                .build();
        IOException e = assertThrows(IOException.class, h::setup);
        assertTrue(
                e.getMessage().startsWith("ioengine=mmap with direct=1 needs bs in multiples of the page size"),
                e.getMessage());
        h.cleanup();
    }

    @Test
    void directIoIsSyncedAfterEachCopyAndReadsBack() throws IOException {
        try (EngineHarness h = EngineHarness.builder(new MmapEngineProvider())
                .filename(dir.resolve("direct"))
                .size(16 * BS)
                .direct(true)
                .start()) {
            h.write(3 * BS, EngineHarness.pattern(3, BS));
            assertArrayEquals(EngineHarness.pattern(3, BS), h.read(3 * BS, BS));
        }
        assertArrayEquals(
                EngineHarness.pattern(3, BS),
                Arrays.copyOfRange(Files.readAllBytes(dir.resolve("direct")), 3 * BS, 4 * BS));
    }
}
