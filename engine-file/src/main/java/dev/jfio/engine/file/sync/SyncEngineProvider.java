package dev.jfio.engine.file.sync;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/**
 * Engine {@code sync}, fio's engine of that name: lseek then read or write, one I/O at a time, on files and block devices. Stateless; safe to share.
 */
public final class SyncEngineProvider implements IoEngineProvider {
    /** The name jobs give as {@code ioengine=}. */
    public static final String NAME = "sync";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "lseek(2) then read(2)/write(2) on files and block devices (fio's sync)";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS);
    }

    @Override
    public IoEngine create(JobView job) {
        return new SyncEngine(job);
    }
}
