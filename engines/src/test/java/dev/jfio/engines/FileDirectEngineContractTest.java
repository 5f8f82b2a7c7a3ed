package dev.jfio.engines;

import dev.jfio.engine.file.FileEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Engine {@code file} with {@code direct=1} (O_DIRECT) on a file in a temporary directory. */
class FileDirectEngineContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    @Override
    protected IoEngineProvider provider() {
        return new FileEngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.filename(dir.resolve("contract.dat")).direct(true);
    }

    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.bs(1000);
    }
}
