package dev.jfio.engine.file.aio;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;

/**
 * Engine {@code libaio}: fio's Linux native asynchronous I/O engine, made with the kernel AIO
 * system calls directly (io_setup, io_submit, io_getevents), without linking libaio. Queued, so
 * {@code iodepth} applies; the kernel queues only non-buffered I/O ({@code direct=1}).
 * Stateless; safe to share.
 */
public final class LibaioEngineProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "libaio";
    }

    @Override
    public String description() {
        return "Linux kernel AIO (io_setup/io_submit/io_getevents, without libaio): queued I/O on files and "
                + "block devices with direct=1";
    }

    @Override
    public List<EngineOption<?>> options() {
        return LibaioOptions.ALL;
    }

    @Override
    public IoEngine create(JobView job) {
        return new LibaioEngine(job);
    }
}
