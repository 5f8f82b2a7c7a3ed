package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code sync} (lseek, read, write) on a buffered file. */
class SyncContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new SyncEngineProvider();
    }
}
