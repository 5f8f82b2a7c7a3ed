package dev.jfio.engines;

import dev.jfio.engine.nul.NullEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;

/** Engine {@code null} with {@code null_mode=async}: units complete in getEvents. */
class NullAsyncEngineContractTest extends EngineContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new NullEngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.option("null_mode", "async");
    }

    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.size(IoTarget.UNKNOWN_SIZE);
    }

    @Override
    protected boolean hasBehaviour(EngineBehaviour behaviour) {
        return behaviour != EngineBehaviour.STORES_DATA && super.hasBehaviour(behaviour);
    }
}
