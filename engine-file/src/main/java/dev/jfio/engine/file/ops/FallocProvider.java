package dev.jfio.engine.file.ops;

import dev.jfio.spi.EngineFlag;
import dev.jfio.spi.IoEngine;
import dev.jfio.spi.IoEngineProvider;
import dev.jfio.spi.JobView;
import java.util.Set;

/** Engine {@code falloc} ({@link FallocEngine}). Stateless; safe to share. */
public final class FallocProvider implements IoEngineProvider {
    @Override
    public String name() {
        return "falloc";
    }

    @Override
    public String description() {
        return "fallocate per I/O: reads allocate keeping the size, writes allocate and extend, trims punch holes";
    }

    @Override
    public Set<EngineFlag> flags() {
        return Set.of(EngineFlag.SYNCHRONOUS, EngineFlag.NO_DATA_TRANSFER);
    }

    @Override
    public IoEngine create(JobView job) {
        return new FallocEngine(job);
    }
}
