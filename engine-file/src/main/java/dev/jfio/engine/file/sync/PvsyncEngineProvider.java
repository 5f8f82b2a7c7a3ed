package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code pvsync}, fio's engine of that name: preadv and pwritev with one vector, one I/O at a time, on files and block devices. Stateless; safe to share.
 */
public final class PvsyncEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "pvsync";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "preadv(2)/pwritev(2) with one vector on files and block devices (fio's pvsync)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new PvsyncEngine(job);
    }
}
