package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code psync}, fio's engine of that name: positional pread and pwrite, one I/O at a time, on files and block devices; the default engine, as in fio on Linux. Stateless; safe to share.
 */
public final class PsyncEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "psync";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "pread(2)/pwrite(2) on files and block devices (fio's psync, the default engine)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new PsyncEngine(job);
    }
}
