package dev.jfio.engines;

import dev.jfio.engine.file.FileEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code file} through the page cache, on a file in a temporary directory. */
class FileBufferedEngineContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected IoEngineProvider provider() {
        return new FileEngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.filename(dir.resolve("contract.dat"));
    }

    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.filename(dir.resolve("missing-dir").resolve("contract.dat"));
    }
}
