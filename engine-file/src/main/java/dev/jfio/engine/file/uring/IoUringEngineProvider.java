package dev.jfio.engine.file.uring;

import dev.jfio.spi.EngineOption;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.List;

/**
 * Engine {@code io_uring}: Linux's io_uring on files and block devices, asynchronous at the job's
 * iodepth, with fio's options for it ({@link IoUringOptions}). Stateless; safe to share.
 */
public final class IoUringEngineProvider implements IoEngineProvider {
    @Override
    public String name() {
        return RingSetup.ENGINE;
    }

    @Override
    public String description() {
        return "Linux io_uring on files and block devices: one ring per job, batched submission, completions"
                + " reaped from the ring";
    }

    @Override
    public List<EngineOption<?>> options() {
        return IoUringOptions.ALL;
    }

    @Override
    public IoEngine create(JobView job) {
        return new IoUringEngine(job);
    }
}
