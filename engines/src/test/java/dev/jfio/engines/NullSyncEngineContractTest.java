package dev.jfio.engines;

import dev.jfio.engine.nul.NullEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testing.EngineContractTest;
import dev.jfio.testing.EngineHarness;

/** Engine {@code null} with {@code null_mode=sync}: every unit completes in queue. */
class NullSyncEngineContractTest extends EngineContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new NullEngineProvider();
    }

    @Override
    protected EngineHarness.Builder configure(EngineHarness.Builder job) {
        return job.option(NullEngineProvider.NULL_MODE, "sync");
    }

    @Override
    protected EngineHarness.Builder failingConfiguration(EngineHarness.Builder job) {
        return job.size(IoTarget.UNKNOWN_SIZE);
    }

    @Override
    protected boolean storesData() {
        return false;
    }
}
