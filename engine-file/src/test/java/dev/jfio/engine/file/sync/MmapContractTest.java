package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code mmap} (memcpy to and from a shared mapping, msync) on a file. */
class MmapContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new MmapEngineProvider();
    }
}
