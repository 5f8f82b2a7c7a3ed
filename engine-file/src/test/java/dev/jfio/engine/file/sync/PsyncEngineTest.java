package dev.jfio.engine.file.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoOp;
import dev.jfio.testkit.EngineHarness;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** psync, sync and pvsync make one system call per I/O, as fio's engines of those names. */
class PsyncEngineTest {
    private static final int BS = 4096;

    @TempDir
    Path dir;

    @Test
    void theBlockingEnginesAreSynchronousAndHaveNoAliases() {
        for (var p : new dev.jfio.spi.IoEngineProvider[] {
            new SyncEngineProvider(), new PsyncEngineProvider(), new PvsyncEngineProvider(), new Pvsync2EngineProvider()
        }) {
            assertEquals(Set.of(EngineFlag.SYNCHRONOUS), p.flags(), p.name());
            assertTrue(p.aliases().isEmpty(), p.name());
        }
    }

    @Test
    void eachReadAndEachWriteIsOneSystemCall() throws IOException {
        for (var provider : new dev.jfio.spi.IoEngineProvider[] {
            new SyncEngineProvider(), new PsyncEngineProvider(), new PvsyncEngineProvider(), new Pvsync2EngineProvider()
        }) {
            try (EngineHarness h = EngineHarness.builder(provider)
                    .filename(dir.resolve(provider.name()))
                    .size(64 * BS)
                    .start()) {
                long[] offsets = {5 * BS, 0, 63 * BS, 17 * BS, 18 * BS, 2 * BS, 40 * BS, 41 * BS};
                ThreadSyscalls calls = ThreadSyscalls.start();
                assertEquals(0, h.pipeline(IoOp.WRITE, offsets, BS, false).errors);
                assertEquals(offsets.length, calls.writes(), provider.name() + ": write calls");
                assertEquals(0, h.pipeline(IoOp.READ, offsets, BS, true).mismatches);
                assertEquals(offsets.length, calls.reads(), provider.name() + ": read calls");
            }
        }
    }
}
