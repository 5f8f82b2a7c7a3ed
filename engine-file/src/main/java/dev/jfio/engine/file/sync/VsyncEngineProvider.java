package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code vsync}, fio's engine of that name: lseek then readv or writev; the I/Os of one submitted batch (iodepth_batch) that follow each other in one file and direction go out as one vectored call, as fio merges them. Not synchronous: the runner keeps iodepth, so batches can form. Stateless; safe to share.
 */
public final class VsyncEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "vsync";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "lseek(2) then readv(2)/writev(2), adjacent I/Os of a batch merged into one call (fio's vsync)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of();
    }

    @Override
    public IoEngine create(JobView job) {
        return new VsyncEngine(job);
    }
}
