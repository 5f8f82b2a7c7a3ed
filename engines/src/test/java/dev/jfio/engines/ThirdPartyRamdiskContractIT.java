package dev.jfio.engines;

import dev.jfio.engine.EngineRegistry;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.IoTarget;
import dev.jfio.testkit.EngineBehaviour;
import dev.jfio.testkit.EngineContractTest;
import dev.jfio.testkit.HarnessBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The example third-party engine, built by the invoker and loaded as {@code external:}, passes the contract. */
class ThirdPartyRamdiskContractIT extends EngineContractTest {
    private static IoEngineProvider provider;

    @BeforeAll
    static void load() throws Exception {
        EngineRegistry registry = EngineRegistry.load(ThirdPartyRamdiskContractIT.class.getClassLoader(), List.of());
        provider = registry.provider(registry.resolve("external:" + ExampleEngineJar.path()));
    }

    @Override
    protected IoEngineProvider provider() {
        return provider;
    }

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
