package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;
import dev.jfio.testkit.HarnessBuilder;

/** Engine {@code pvsync2} on a buffered file, RWF_HIPRI on half of the I/Os (drawn as fio draws them). */
class Pvsync2ContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new Pvsync2EngineProvider();
    }

    @Override
    protected HarnessBuilder configure(HarnessBuilder job) {
        return super.configure(job)
                .option(Pvsync2EngineProvider.HIPRI, true)
                .option(Pvsync2EngineProvider.HIPRI_PERCENTAGE, 50L);
    }
}
