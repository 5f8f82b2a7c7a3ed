package dev.jfio.example.ramdisk;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;

/**
 * The contract every jfio engine must pass, run against {@code ramdisk}. The engine's flags say
 * it is asynchronous, so the kit adds the getEvents tests itself; that its disk has a fixed size is
 * declared here ({@code hasBehaviour}), which adds the fixed-size tests.
 */
class RamdiskEngineContractTest extends EngineContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new RamdiskEngineProvider();
    }

    /** Deeper than the engine's submission queue, so the tests meet BUSY too. */
    @Override
    protected int iodepth() {
        return 2 * RamdiskEngine.QUEUE_SLOTS;
    }

    /** Neither size= nor ramdisk_size=: setup cannot size the disk. */
    @Override
    protected HarnessBuilder failingConfiguration(HarnessBuilder job) {
        return job.size(IoTarget.UNKNOWN_SIZE);
    }

    /** Setup fixes the disk's size (ramdisk_size, or size). */
    @Override
    protected boolean hasBehaviour(EngineBehaviour behaviour) {
        return behaviour == EngineBehaviour.FIXED_SIZE || super.hasBehaviour(behaviour);
    }
}
