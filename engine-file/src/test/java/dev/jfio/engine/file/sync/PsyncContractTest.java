package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code psync} (pread, pwrite) on a buffered file. */
class PsyncContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new PsyncEngineProvider();
    }
}
