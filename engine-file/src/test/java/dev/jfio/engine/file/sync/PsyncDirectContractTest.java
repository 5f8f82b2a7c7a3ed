package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code psync} with {@code direct=1} (O_DIRECT). */
class PsyncDirectContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new PsyncEngineProvider();
    }

    @Override
    boolean direct() {
        return true;
    }
}
