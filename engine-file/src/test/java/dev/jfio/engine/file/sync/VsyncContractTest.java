package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code vsync} (lseek, readv, writev) at iodepth 8 on a buffered file. */
class VsyncContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new VsyncEngineProvider();
    }
}
