package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code pvsync} (preadv, pwritev) on a buffered file. */
class PvsyncContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new PvsyncEngineProvider();
    }
}
