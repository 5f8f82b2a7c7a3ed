package dev.jfio.engine.file.sync;

import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine contract for an engine built on NativeFileEngine, on a file in a temporary
 * directory; also the contract of the shared machinery (FileSetup's layout, open, close, cleanup).
 */
abstract class NativeFileContractTest extends EngineContractTest {
    @TempDir
    Path dir;

    /** Whether the job opens its file with O_DIRECT. */
    boolean direct() {
        return false;
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.filename(dir.resolve("contract.dat")).direct(direct());
    }

    /** A file in a directory that does not exist: setup fails in one line. */
    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.filename(dir.resolve("missing").resolve("contract.dat"));
    }
}
