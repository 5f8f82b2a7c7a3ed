package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code posixaio}, fio's engine of that name: glibc's POSIX AIO (aio_read, aio_write, aio_error, aio_return, aio_suspend), asynchronous at iodepth. Stateless; safe to share.
 */
public final class PosixAioEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "posixaio";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "POSIX asynchronous I/O through glibc: aio_read/aio_write, reaped by aio_error/aio_suspend (fio's posixaio)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of();
    }

    @Override
    public IoEngine create(JobView job) {
        return new PosixAioEngine(job);
    }
}
