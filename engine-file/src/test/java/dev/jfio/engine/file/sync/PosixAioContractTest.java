package dev.jfio.engine.file.sync;

import dev.jfio.spi.IoEngineProvider;

/** Engine {@code posixaio} (glibc's aio_read, aio_write, aio_suspend) at iodepth 8 on a buffered file. */
class PosixAioContractTest extends NativeFileContractTest {
    @Override
    protected IoEngineProvider provider() {
        return new PosixAioEngineProvider();
    }
}
