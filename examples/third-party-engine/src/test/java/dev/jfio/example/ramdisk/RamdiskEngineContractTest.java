package dev.jfio.example.ramdisk;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;

/**
 * The contract every jfio engine must pass, run against {@code ramdisk}. The engine's flags say
 * it is asynchronous and has a fixed size, so the kit adds the getEvents, trim and fixed-size
 * tests itself; nothing here needs to override {@code hasBehaviour}.
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
}
