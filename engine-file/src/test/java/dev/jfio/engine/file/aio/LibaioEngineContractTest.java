package dev.jfio.engine.file.aio;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code libaio} with {@code direct=1} on a file in a temporary directory (on disk, not tmpfs). */
class LibaioEngineContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected IoEngineProvider provider() {
        return new LibaioEngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.filename(dir.resolve("contract.dat")).direct(true);
    }

    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.bs(1000);
    }

    /** The same with {@code userspace_reap=1}: completions taken from the kernel's ring. */
    @Nested
    class UserspaceReap extends EngineContractTest {
        @Override
        protected IoEngineProvider provider() {
            return new LibaioEngineProvider();
        }

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return job.filename(dir.resolve("reap.dat")).direct(true).option(LibaioOptions.USERSPACE_REAP, true);
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return job.bs(1000);
        }
    }

    /** Buffered ({@code direct=0}): the kernel completes inside io_submit, the contract still holds. */
    @Nested
    class Buffered extends EngineContractTest {
        @Override
        protected IoEngineProvider provider() {
            return new LibaioEngineProvider();
        }

        @Override
        protected HarnessBuilder configure(HarnessBuilder job) {
            return job.filename(dir.resolve("buffered.dat"));
        }

        @Override
        protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
            return job.filename(dir.resolve("missing/buffered.dat"));
        }
    }
}
