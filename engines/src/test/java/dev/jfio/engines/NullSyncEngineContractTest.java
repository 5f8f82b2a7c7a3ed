package dev.jfio.engines;

import dev.jfio.engine.nul.NullEngineProvider;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;

/** Engine {@code null} with {@code null_mode=sync}: every unit completes in queue. */
class NullSyncEngineContractTest extends EngineContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new NullEngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return job.option(NullEngineProvider.NULL_MODE, "sync");
    }

    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.size(IoTarget.UNKNOWN_SIZE);
    }

    /** null_mode=sync completes every unit in queue, though the runner still reaps it like any asynchronous engine. */
    @Override
    protected boolean hasBehaviour(EngineBehaviour behaviour) {
        switch (behaviour) {
            case STORES_DATA:
                return false;
            case COMPLETES_IN_QUEUE:
                return true;
            default:
                return super.hasBehaviour(behaviour);
        }
    }
}
